import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { listOutbox } from './outbox.service.js';

const outboxQuery = z.strictObject({
  status: z.enum(['queued', 'sent', 'delivered', 'failed']).optional(),
  channel: z.enum(['sms', 'ott', 'email', 'push']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const outboxList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      recipientMasked: z.string(),
      template: z.string(),
      status: z.string(),
      attempts: z.number(),
      createdAt: z.number(),
      sentAt: z.number().nullable(),
      providerAnswer: z.string().nullable(),
    }),
  ),
});

export function messagingRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/outbox',
      { config: { access: ['admin'] }, schema: { tags: ['messaging'], summary: 'Messages in the outbox, newest first (recipients masked)', querystring: outboxQuery, response: { 200: outboxList } } },
      async (request) => ({ items: await listOutbox(ctx, { status: request.query.status, channel: request.query.channel, limit: request.query.limit ?? 100 }) }),
    );
  };
}
