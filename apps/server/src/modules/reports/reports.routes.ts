import { localDateOf } from '@phongdich/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { deploymentReport } from './deployment.js';
import { exportDeployment, exportTable } from './exports.js';
import { adoptionReport, epidemicReport, trend } from './figures.js';
import { periodQuerySchema } from './period.js';
import { readSubmission, submissionStatus, submitReport } from './submissions.js';
import { laggingPlaces, sendReminders } from './usage.js';

const OFFICIALS = ['official', 'health_official', 'admin'] as const;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' });
const file = { 200: z.any().describe('file') };
const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

function unitOf(ctx: Context, actor: Actor, unit: string | undefined): string {
  return unit ?? actor.unitCode ?? ctx.config.homeUnit;
}

export function reportsRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/reports/deployment', { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: 'Deployment of checkpoints per child unit, with totals and breakdowns by sector and type', querystring: periodQuerySchema } }, async (request) => {
      const actor = actorOf(request);
      return deploymentReport(ctx, actor, unitOf(ctx, actor, request.query.unit), request.query.from, request.query.to);
    });
    app.get(
      '/api/v1/reports/deployment.:format',
      { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: 'The deployment report as XLSX or CSV (Vietnamese headings, totals row)', params: z.strictObject({ format: z.enum(['xlsx', 'csv']) }), querystring: periodQuerySchema, response: file } },
      async (request, reply) => {
        const actor = actorOf(request);
        const data = await exportDeployment(ctx, actor, unitOf(ctx, actor, request.query.unit), request.query.from, request.query.to, request.params.format);
        return reply.type(MIME[request.params.format]).header('content-disposition', `attachment; filename="bao-cao-trien-khai-${request.query.from}-${request.query.to}.${request.params.format}"`).send(data);
      },
    );
    app.post(
      '/api/v1/reports/sheet',
      {
        config: { access: OFFICIALS },
        schema: {
          tags: ['reports'],
          summary: 'A report table as shown on screen, as XLSX (same widths, totals row and print setup as the deployment export)',
          body: z.strictObject({
            fileName: z.string().regex(/^[a-z0-9-]{1,150}$/),
            title: z.array(z.string().max(300)).min(1).max(4),
            headings: z.array(z.string().trim().min(1).max(120)).min(1).max(30),
            rows: z.array(z.array(z.union([z.string().max(500), z.number(), z.null()])).max(30)).max(5000),
          }),
          response: file,
        },
      },
      async (request, reply) =>
        reply.type(MIME.xlsx).header('content-disposition', `attachment; filename="${request.body.fileName}.xlsx"`).send(await exportTable(request.body)),
    );
    app.get('/api/v1/reports/lagging', { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: 'Places and units to remind: never scanned, none recently, or falling', querystring: z.strictObject({ unit: z.string().min(2).max(10).optional(), to: date.optional() }) } }, async (request) => {
      const actor = actorOf(request);
      return laggingPlaces(ctx, actor, unitOf(ctx, actor, request.query.unit), request.query.to ?? localDateOf(ctx.clock.now()));
    });
    app.post('/api/v1/reports/reminders', { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: "Remind the places' owners by SMS (at most once a day per place)", body: z.strictObject({ placeIds: z.array(z.string().min(1).max(64)).min(1).max(1000) }) } }, async (request) =>
      sendReminders(ctx, actorOf(request), request.body.placeIds),
    );
    app.get('/api/v1/reports/adoption', { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: 'Citizens, declarations and personal QR codes per unit and per 1,000 inhabitants', querystring: periodQuerySchema } }, async (request) => {
      const actor = actorOf(request);
      return adoptionReport(ctx, actor, unitOf(ctx, actor, request.query.unit), request.query.from, request.query.to);
    });
    app.get('/api/v1/reports/epidemic', { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: 'Epidemic curve by onset and report date, cases and contacts per unit, tracing indicators', querystring: periodQuerySchema } }, async (request) => {
      const actor = actorOf(request);
      return epidemicReport(ctx, actor, unitOf(ctx, actor, request.query.unit), request.query.from, request.query.to);
    });
    app.get('/api/v1/reports/trend', { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: 'Scans, places with scans and new cases day by day', querystring: z.strictObject({ unit: z.string().min(2).max(10).optional(), days: z.coerce.number().int().min(7).max(90).default(30) }) } }, async (request) => {
      const actor = actorOf(request);
      return trend(ctx, actor, unitOf(ctx, actor, request.query.unit), request.query.days, localDateOf(ctx.clock.now()));
    });
    app.post(
      '/api/v1/reports/submissions',
      { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: "Submit the unit's deployment report for a period (a frozen snapshot); again only with a reason", body: z.strictObject({ unit: z.string().min(2).max(10), from: date, to: date, reason: z.string().trim().min(5).max(500).optional() }) } },
      async (request, reply) => reply.code(201).send(await submitReport(ctx, actorOf(request), request.body)),
    );
    app.get('/api/v1/reports/submissions', { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: "A unit's submission for a period and its units' (submitted, late, missing)", querystring: periodQuerySchema } }, async (request) => {
      const actor = actorOf(request);
      return submissionStatus(ctx, actor, unitOf(ctx, actor, request.query.unit), request.query.from, request.query.to);
    });
    app.get('/api/v1/reports/submissions/:id', { config: { access: OFFICIALS }, schema: { tags: ['reports'], summary: 'One submission with its snapshot', params: z.strictObject({ id: z.string().min(1).max(64) }) } }, async (request) =>
      readSubmission(ctx, actorOf(request), request.params.id),
    );
  };
}
