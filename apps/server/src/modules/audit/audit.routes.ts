import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListSchema, auditQuerySchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { searchAudit } from './audit.service.js';

export function auditRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/audit',
      {
        config: { access: ['admin'] },
        schema: { tags: ['audit'], summary: 'Audit log, newest first (administrative actions and reads of personal data)', querystring: auditQuerySchema, response: { 200: auditListSchema } },
      },
      async (request) => ({
        items: await searchAudit(ctx, {
          action: request.query.action,
          actorId: request.query.actor,
          subjectId: request.query.subjectId,
          before: request.query.before,
          limit: request.query.limit ?? 100,
        }),
      }),
    );
  };
}
