import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { messagePreferencesInputSchema, messagePreferencesSchema, pushSubscriptionInputSchema } from '@phongdich/core';
import { actorOf } from '../../http/auth.js';
import { listOutbox } from './outbox.service.js';
import { channelSummary } from './providers.js';
import { getPreferences, subscribePush, unsubscribePush, updatePreferences } from './preferences.service.js';

const outboxQuery = z.strictObject({
  status: z.enum(['queued', 'sent', 'delivered', 'failed']).optional(),
  channel: z.enum(['sms', 'ott', 'email', 'push']).optional(),
  campaign: z.string().min(1).max(64).optional(),
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
      deliveredAt: z.number().nullable(),
      nextAttemptAt: z.number().nullable(),
      providerAnswer: z.string().nullable(),
      campaignId: z.string().nullable(),
    }),
  ),
  channels: z.array(z.object({ channel: z.string(), provider: z.string(), perSecond: z.number() })),
});

export function messagingRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/outbox',
      { config: { access: ['admin'] }, schema: { tags: ['messaging'], summary: 'Messages in the outbox, newest first (recipients masked)', querystring: outboxQuery, response: { 200: outboxList } } },
      async (request) => ({
        items: await listOutbox(ctx, { status: request.query.status, channel: request.query.channel, campaignId: request.query.campaign, limit: request.query.limit ?? 100 }),
        channels: channelSummary(ctx),
      }),
    );
    app.get('/api/v1/account/messages', { config: { access: 'signed_in' }, schema: { tags: ['messaging'], summary: 'Which messages the account receives (campaign opt-out, language)', response: { 200: messagePreferencesSchema } } }, async (request) =>
      getPreferences(ctx, actorOf(request)),
    );
    app.patch('/api/v1/account/messages', { config: { access: 'signed_in' }, schema: { tags: ['messaging'], summary: 'Opt out of (or back into) campaign messages; warnings and codes always come', body: messagePreferencesInputSchema, response: { 200: messagePreferencesSchema } } }, async (request) =>
      updatePreferences(ctx, actorOf(request), request.body),
    );
    app.post('/api/v1/account/push', { config: { access: 'signed_in' }, schema: { tags: ['messaging'], summary: "Receive messages as web push in this browser", body: pushSubscriptionInputSchema } }, async (request, reply) => {
      await subscribePush(ctx, actorOf(request), request.body);
      return reply.code(204).send();
    });
    app.delete('/api/v1/account/push', { config: { access: 'signed_in' }, schema: { tags: ['messaging'], summary: 'Stop web push in this browser', body: z.strictObject({ endpoint: z.string().min(1).max(2000) }) } }, async (request, reply) => {
      await unsubscribePush(ctx, actorOf(request), request.body.endpoint);
      return reply.code(204).send();
    });
  };
}
