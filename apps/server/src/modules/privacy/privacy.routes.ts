import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { actorOf, clearSessionCookie } from '../../http/auth.js';
import { deleteMyAccount, exportMyData } from './privacy.service.js';

const deletionSchema = z.object({
  accounts: z.number().int(),
  visits: z.number().int(),
  declarations: z.number().int(),
  reports: z.number().int(),
  keptForFollowUp: z.object({ openCases: z.number().int(), followedContacts: z.number().int() }),
});

export function privacyRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/me/export',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['people'], summary: 'Everything stored about you and your family members, as one JSON file', response: { 200: z.record(z.string(), z.unknown()) } },
      },
      async (request, reply) => {
        const data = await exportMyData(ctx, actorOf(request));
        // A download, never cached: it holds health data.
        return reply.header('content-disposition', 'attachment; filename="du-lieu-cua-toi.json"').header('cache-control', 'no-store').send(data);
      },
    );

    app.delete(
      '/api/v1/me',
      { config: { access: ['citizen'] }, schema: { tags: ['people'], summary: 'Delete your account, your family members and what you stored', response: { 200: deletionSchema } } },
      async (request, reply) => {
        const result = await deleteMyAccount(ctx, actorOf(request));
        clearSessionCookie(reply, ctx);
        return result;
      },
    );
  };
}
