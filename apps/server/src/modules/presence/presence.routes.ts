import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { occupancySchema, otpRequestResultSchema, placeVisitSchema, scanRequestSchema, scanResultSchema, staffLookupSchema, staffScanSchema, visitListSchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { recordSelfScan, recordStaffScan, scanWriter, sendVisitCode } from './presence.service.js';
import { checkOutVisit, deleteMyVisits, myVisits, occupancy, openVisitAt, placeVisits } from './visits.service.js';

const placeParams = z.strictObject({ id: z.string().min(1).max(64) });
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'bad_format' });

export function presenceRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    // Scans already queued are written before the server stops.
    app.addHook('onClose', async () => scanWriter(ctx).close());

    app.post(
      '/api/v1/scans',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['presence'],
          summary: 'Scan a place: checks in, or out when already inside. Answered after the scan is stored; a repeated clientEventId gets the first answer',
          body: scanRequestSchema,
          response: { 200: scanResultSchema },
        },
      },
      async (request) => recordSelfScan(ctx, actorOf(request), request.body, request.id),
    );

    app.post(
      '/api/v1/scans/staff',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['presence'], summary: "Staff check a visitor in or out (personal QR, phone with the visitor's code, or name)", body: staffScanSchema, response: { 200: scanResultSchema } },
      },
      async (request) => recordStaffScan(ctx, actorOf(request), request.body, request.id),
    );

    app.post(
      '/api/v1/scans/staff/code',
      {
        config: { access: 'signed_in', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
        schema: { tags: ['presence'], summary: "Send a code to a visitor's phone so staff can record their visit by phone number", body: staffLookupSchema, response: { 200: otpRequestResultSchema } },
      },
      async (request) => sendVisitCode(ctx, actorOf(request), request.body.placeId, request.body.phone, request.id),
    );

    app.post(
      '/api/v1/visits/:id/checkout',
      { config: { access: 'signed_in' }, schema: { tags: ['presence'], summary: 'Staff check out a visitor recorded by hand', params: placeParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await checkOutVisit(ctx, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/visits/mine',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['presence'], summary: 'Your visit diary, newest first', querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(60).optional() }), response: { 200: visitListSchema } },
      },
      async (request) => ({ items: await myVisits(ctx, actorOf(request), request.query.days ?? 21) }),
    );

    app.delete(
      '/api/v1/visits/mine',
      { config: { access: 'signed_in' }, schema: { tags: ['presence'], summary: 'Delete your whole visit diary', response: { 200: z.object({ deleted: z.number().int() }) } } },
      async (request) => ({ deleted: await deleteMyVisits(ctx, actorOf(request)) }),
    );

    app.delete(
      '/api/v1/visits/mine/:id',
      { config: { access: 'signed_in' }, schema: { tags: ['presence'], summary: 'Delete one visit of your diary', params: placeParams, response: { 200: z.object({ deleted: z.number().int() }) } } },
      async (request) => ({ deleted: await deleteMyVisits(ctx, actorOf(request), request.params.id) }),
    );

    app.get(
      '/api/v1/places/:id/open-visit',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['presence'], summary: 'Whether you are checked in at a place now', params: placeParams, response: { 200: z.object({ visit: z.object({ visitId: z.string(), checkedInAt: z.number() }).nullable() }) } },
      },
      async (request) => ({ visit: await openVisitAt(ctx, actorOf(request), request.params.id) }),
    );

    app.get(
      '/api/v1/places/:id/occupancy',
      { config: { access: 'signed_in' }, schema: { tags: ['presence'], summary: 'People inside now and visits per day (14 days)', params: placeParams, response: { 200: occupancySchema } } },
      async (request) => occupancy(ctx, actorOf(request), request.params.id),
    );

    app.get(
      '/api/v1/places/:id/visits',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['presence'],
          summary: 'Visits of one day at a place (names masked for owners unless configured; officials’ reads are audited)',
          params: placeParams,
          querystring: z.strictObject({ date: dateSchema }),
          response: { 200: z.object({ items: z.array(placeVisitSchema) }) },
        },
      },
      async (request) => ({ items: await placeVisits(ctx, actorOf(request), request.params.id, request.query.date) }),
    );
  };
}
