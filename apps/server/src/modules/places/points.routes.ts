import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pointInputSchema, pointSchema, resolvedPointSchema, unitCodeSchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { placePosters, pointPoster, unitPosters } from './documents.service.js';
import { addPoint, changePoint, resolvedView, resolveShortCode, resolveToken } from './points.service.js';

const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const pdfResponse = { 200: z.any().describe('application/pdf') };

export function pointsRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/places/:id/points',
      { config: { access: 'signed_in' }, schema: { tags: ['points'], summary: 'Add a QR point (gate, meeting room, reception)', params: idParams, body: pointInputSchema, response: { 201: pointSchema } } },
      async (request, reply) => reply.code(201).send(await addPoint(ctx, actorOf(request), request.params.id, request.body.label)),
    );

    app.patch(
      '/api/v1/points/:id',
      { config: { access: 'signed_in' }, schema: { tags: ['points'], summary: 'Rename a QR point', params: idParams, body: pointInputSchema, response: { 200: pointSchema } } },
      async (request) => changePoint(ctx, actorOf(request), request.params.id, { action: 'rename', label: request.body.label }),
    );

    app.post(
      '/api/v1/points/:id/revoke',
      { config: { access: 'signed_in' }, schema: { tags: ['points'], summary: 'Withdraw a QR point: its posters stop working', params: idParams, response: { 200: pointSchema } } },
      async (request) => changePoint(ctx, actorOf(request), request.params.id, { action: 'revoke' }),
    );

    app.post(
      '/api/v1/points/:id/reissue',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['points'], summary: 'Issue a new QR code for a point: old posters stop working, its visits stay', params: idParams, response: { 200: pointSchema } },
      },
      async (request) => changePoint(ctx, actorOf(request), request.params.id, { action: 'reissue' }),
    );

    app.get(
      '/api/v1/points/resolve',
      {
        config: { access: 'public' },
        schema: {
          tags: ['points'],
          summary: 'What a scanned QR token or a typed short code points to (for the check-in page)',
          querystring: z.strictObject({ token: z.string().max(100).optional(), code: z.string().max(20).optional() }),
          response: { 200: resolvedPointSchema },
        },
      },
      async (request) => {
        const { token, code } = request.query;
        if (token) return resolvedView(ctx, await resolveToken(ctx, token, request.id));
        if (code) return resolvedView(ctx, await resolveShortCode(ctx, code));
        throw new AppError('invalid_input', { field: 'querystring.token' });
      },
    );

    app.get(
      '/api/v1/points/:id/poster.pdf',
      { config: { access: 'signed_in' }, schema: { tags: ['points'], summary: 'A4 poster of one QR point (PDF)', params: idParams, response: pdfResponse } },
      async (request, reply) => {
        const { pdf, filename } = await pointPoster(ctx, actorOf(request), request.params.id);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
      },
    );

    app.get(
      '/api/v1/places/:id/posters.pdf',
      { config: { access: 'signed_in' }, schema: { tags: ['points'], summary: 'Posters of every QR point of a place (PDF)', params: idParams, response: pdfResponse } },
      async (request, reply) => {
        const { pdf, filename } = await placePosters(ctx, actorOf(request), request.params.id);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
      },
    );

    app.get(
      '/api/v1/units/:code/posters.pdf',
      {
        config: { access: ['official', 'health_official', 'admin'] },
        schema: { tags: ['points'], summary: 'Posters of every active place of a unit, e.g. a commune (PDF)', params: z.strictObject({ code: unitCodeSchema }), response: pdfResponse },
      },
      async (request, reply) => {
        const { pdf, filename } = await unitPosters(ctx, actorOf(request), request.params.code);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
      },
    );
  };
}
