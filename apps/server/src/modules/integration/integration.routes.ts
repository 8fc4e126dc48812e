import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiKeyCreateSchema,
  apiKeySchema,
  apiKeySecretSchema,
  INTEGRATION_EVENT_TYPES,
  integrationEventSchema,
  LAB_RESULT_STATUSES,
  labResolveSchema,
  labResultSchema,
  webhookCreateSchema,
  webhookSchema,
  webhookSecretSchema,
} from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { aggregatesCsv, aggregatesDhis2 } from './aggregates.service.js';
import { createApiKey, listKeys, revokeApiKey, rotateApiKey } from './api-keys.service.js';
import { readFeed } from './feed.service.js';
import { importLabCsv, labWorklist, resolveLabResult } from './lab-results.service.js';
import { createWebhook, disableWebhook, listWebhookViews } from './webhooks.service.js';

const ADMIN = ['admin'] as const;
const HEALTH = ['health_official', 'admin'] as const;
const tags = ['integration'];
const security = [{ apiKey: [] }];
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' });
const aggregateQuery = z.strictObject({ from: date, to: date, unit: z.string().min(2).max(10).optional(), level: z.enum(['province', 'district', 'commune']).optional() });
const CSV = 'text/csv';

const labOutcomeSchema = z.object({
  location: z.string(),
  id: z.string(),
  status: z.enum([...LAB_RESULT_STATUSES, 'duplicate']),
  reason: z.string().nullable(),
  caseId: z.string().nullable(),
});

/**
 * /api/v1/integration: administrators manage the keys and webhooks of other systems; systems poll the
 * change feed, send lab-result files and export daily counts; health officials settle the lab worklist.
 * The FHIR API is separate (fhir.routes.ts, under /fhir).
 */
export function integrationRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    // Lab-result files arrive as the raw request body, as the places import does.
    app.addContentTypeParser(CSV, { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_request, body, done) => done(null, body));

    app.post(
      '/api/v1/integration/api-keys',
      { config: { access: ADMIN }, schema: { tags, summary: 'Issue an API key for a system, bound to a unit and permissions; the secret is shown only in this answer', body: apiKeyCreateSchema, response: { 201: apiKeySecretSchema } } },
      async (request, reply) => reply.code(201).send(await createApiKey(ctx, actorOf(request), request.body)),
    );
    app.get('/api/v1/integration/api-keys', { config: { access: ADMIN }, schema: { tags, summary: 'API keys (prefixes only, never secrets)', response: { 200: z.object({ items: z.array(apiKeySchema) }) } } }, async () => ({
      items: await listKeys(ctx),
    }));
    app.post(
      '/api/v1/integration/api-keys/:id/rotate',
      { config: { access: ADMIN }, schema: { tags, summary: 'A new secret for a key (same scope and webhooks); the old one stops working at once', params: idParams, response: { 200: apiKeySecretSchema } } },
      async (request) => rotateApiKey(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/integration/api-keys/:id/revoke',
      { config: { access: ADMIN }, schema: { tags, summary: 'Revoke a key for good (its webhooks stop)', params: idParams, response: { 200: apiKeySchema } } },
      async (request) => revokeApiKey(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/v1/integration/webhooks',
      { config: { access: ADMIN }, schema: { tags, summary: "Send a key's changes to a URL, signed; the signing secret is shown only in this answer", body: webhookCreateSchema, response: { 201: webhookSecretSchema } } },
      async (request, reply) => reply.code(201).send(await createWebhook(ctx, actorOf(request), request.body)),
    );
    app.get('/api/v1/integration/webhooks', { config: { access: ADMIN }, schema: { tags, summary: 'Webhooks with their delivery state', response: { 200: z.object({ items: z.array(webhookSchema) }) } } }, async () => ({
      items: await listWebhookViews(ctx),
    }));
    app.post(
      '/api/v1/integration/webhooks/:id/disable',
      { config: { access: ADMIN }, schema: { tags, summary: 'Stop a webhook (pending deliveries are dropped)', params: idParams, response: { 200: webhookSchema } } },
      async (request) => disableWebhook(ctx, actorOf(request), request.params.id),
    );

    app.get(
      '/api/v1/integration/feed',
      {
        config: { access: { apiKey: 'feed.read' } },
        schema: {
          tags,
          security,
          summary: "Changes of the key's area after a cursor, oldest first (ids and codes only); pass `next` as `after` next time",
          querystring: z.strictObject({
            after: z.string().regex(/^\d{1,15}$/).optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
            types: z.string().max(200).optional(),
          }),
          response: { 200: z.object({ items: z.array(integrationEventSchema), next: z.string() }) },
        },
      },
      async (request) => {
        const types = request.query.types?.split(',').filter(Boolean);
        if (types?.some((t) => !(INTEGRATION_EVENT_TYPES as readonly string[]).includes(t))) throw new AppError('invalid_input', { field: 'querystring.types' });
        return readFeed(ctx, actorOf(request), { after: request.query.after, limit: request.query.limit, types });
      },
    );

    app.post(
      '/api/v1/integration/lab-results',
      {
        config: { access: { apiKey: 'labs.write' } },
        bodyLimit: 20 * 1024 * 1024,
        schema: { tags, security, summary: 'Send lab results as UTF-8 CSV (text/csv; columns in docs/integration.md); all rows or none', response: { 200: z.object({ items: z.array(labOutcomeSchema) }) } },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type');
        const actor = actorOf(request);
        return { items: await importLabCsv(ctx, actor, { id: request.apiKey?.id as string, unitCode: actor.unitCode as string }, request.body) };
      },
    );
    app.get(
      '/api/v1/integration/lab-results',
      { config: { access: HEALTH }, schema: { tags, summary: 'Lab results waiting for a health official: to confirm, matching nobody or two people', querystring: z.strictObject({ status: z.enum(LAB_RESULT_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }), response: { 200: z.object({ items: z.array(labResultSchema) }) } } },
      async (request) => labWorklist(ctx, actorOf(request), request.query),
    );
    app.post(
      '/api/v1/integration/lab-results/:id/resolve',
      { config: { access: HEALTH }, schema: { tags, summary: "Apply a waiting result (to the matched person or a named case) or dismiss it", params: idParams, body: labResolveSchema, response: { 200: labResultSchema } } },
      async (request) => resolveLabResult(ctx, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/integration/aggregates.csv',
      { config: { access: { apiKey: 'aggregates.read', roles: HEALTH } }, schema: { tags, security, summary: 'Daily counts per unit (cases, contacts, tests, positive tests, declarations, scans) as CSV', querystring: aggregateQuery, response: { 200: z.any().describe('CSV file') } } },
      async (request, reply) => {
        const data = await aggregatesCsv(ctx, actorOf(request), request.query);
        return reply.type(`${CSV}; charset=utf-8`).header('content-disposition', `attachment; filename="aggregates-${request.query.from}-${request.query.to}.csv"`).send(data);
      },
    );
    app.get(
      '/api/v1/integration/aggregates/dhis2',
      { config: { access: { apiKey: 'aggregates.read', roles: HEALTH } }, schema: { tags, security, summary: 'The same daily counts as a DHIS2 dataValueSets import body', querystring: aggregateQuery, response: { 200: z.any().describe('DHIS2 dataValueSets JSON') } } },
      async (request) => aggregatesDhis2(ctx, actorOf(request), request.query),
    );
  };
}
