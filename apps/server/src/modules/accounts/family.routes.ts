import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { addFamilyMember, familyMemberInputSchema, listFamily, removeFamilyMember } from './family.js';

const memberSchema = z.object({ id: z.string(), displayName: z.string(), relation: z.string(), birthYear: z.number().int().nullable() });

export function familyRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/family',
      { config: { access: 'signed_in' }, schema: { tags: ['people'], summary: 'Family members you declare for', response: { 200: z.object({ items: z.array(memberSchema) }) } } },
      async (request) => ({ items: await listFamily(ctx, actorOf(request)) }),
    );

    app.post(
      '/api/v1/family',
      { config: { access: 'signed_in' }, schema: { tags: ['people'], summary: 'Add a family member without a phone of their own', body: familyMemberInputSchema, response: { 201: memberSchema } } },
      async (request, reply) => reply.code(201).send(await addFamilyMember(ctx, actorOf(request), request.body)),
    );

    app.delete(
      '/api/v1/family/:id',
      { config: { access: 'signed_in' }, schema: { tags: ['people'], summary: 'Remove a family member', params: z.strictObject({ id: z.string().max(64) }), response: { 204: z.null() } } },
      async (request, reply) => {
        await removeFamilyMember(ctx, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
