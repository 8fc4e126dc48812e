import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BORDER_GATE_CODES,
  citizenReportInputSchema,
  citizenReportSchema,
  DECLARATION_KINDS,
  declarationQuerySchema,
  declarationReceiptSchema,
  declarationStatusSchema,
  declarationSubmitSchema,
  declarationSummarySchema,
  flagSchema,
  monitoringInputSchema,
  monitoringSchema,
  myDeclarationSchema,
  riskSettingsSchema,
  type MyDeclaration,
} from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { listFamily } from '../accounts/index.js';
import { arrivalConfirmation, arrivals, exportDeclarations } from './arrivals.service.js';
import { correctDeclaration, declarationStatus, latestDeclaration, myDeclaration, myDeclarations, submitDeclaration } from './declarations.service.js';
import { actOnReport, listReports, reportPhoto, submitReport } from './reports.service.js';
import { readDeclaration, searchDeclarations } from './review.service.js';
import { riskSettings, updateRiskSettings } from './settings.service.js';
import { handleFlag, listFlags, listMonitoring, startMonitoring, stopMonitoring } from './worklists.service.js';

const OFFICIALS = ['official', 'health_official', 'admin'] as const;
const HEALTH = ['health_official', 'admin'] as const;
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'bad_format' });
const file = { 200: z.any().describe('file') };

export function declarationsRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/declarations',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['declarations'], summary: 'Submit a health declaration (any form and version), for yourself or a family member', body: declarationSubmitSchema, response: { 201: declarationReceiptSchema } },
      },
      async (request, reply) => reply.code(201).send(await submitDeclaration(ctx, actorOf(request), request.body)),
    );

    app.put(
      '/api/v1/declarations/:id',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['declarations'], summary: 'Correct a declaration: a new version is kept and the old one stays', params: idParams, body: declarationSubmitSchema.omit({ subjectId: true }), response: { 200: declarationReceiptSchema } },
      },
      async (request) => correctDeclaration(ctx, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/declarations/mine',
      { config: { access: 'signed_in' }, schema: { tags: ['declarations'], summary: 'Your declarations and your family members’', response: { 200: z.object({ items: z.array(myDeclarationSchema) }) } } },
      async (request) => {
        const actor = actorOf(request);
        const family = await listFamily(ctx, actor);
        return { items: await myDeclarations(ctx, actor, family.map((m) => m.id)) };
      },
    );

    app.get(
      '/api/v1/declarations/mine/latest',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['declarations'],
          summary: 'Your last declaration of a form (to prefill the next)',
          querystring: z.strictObject({ kind: z.enum(DECLARATION_KINDS), subjectId: z.string().max(64).optional() }),
          response: { 200: z.object({ declaration: z.record(z.string(), z.unknown()).nullable() }) },
        },
      },
      async (request) => ({ declaration: (await latestDeclaration(ctx, actorOf(request), request.query.kind, request.query.subjectId)) as Record<string, unknown> | null }),
    );

    app.get(
      '/api/v1/declarations/mine/:id',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['declarations'],
          summary: 'One of your declarations (or a family member’s) with every answer',
          params: idParams,
          response: { 200: z.object({ summary: myDeclarationSchema, declaration: z.record(z.string(), z.unknown()) }) },
        },
      },
      async (request) => (await myDeclaration(ctx, actorOf(request), request.params.id)) as { summary: MyDeclaration; declaration: Record<string, unknown> },
    );

    app.get(
      '/api/v1/me/declaration-status',
      { config: { access: 'signed_in' }, schema: { tags: ['declarations'], summary: 'Whether you should declare, or send a daily update', response: { 200: declarationStatusSchema } } },
      async (request) => declarationStatus(ctx, actorOf(request)),
    );

    app.get(
      '/api/v1/declarations',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'Search declarations of your area (exact name, phone or ID number); every one shown is audited', querystring: declarationQuerySchema, response: { 200: z.object({ items: z.array(declarationSummarySchema), total: z.number().int() }) } } },
      async (request) => searchDeclarations(ctx, actorOf(request), request.query),
    );

    app.get(
      '/api/v1/declarations/export.:format',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'The filtered declarations as XLSX or CSV (Vietnamese headings)', params: z.strictObject({ format: z.enum(['xlsx', 'csv']) }), querystring: declarationQuerySchema, response: file } },
      async (request, reply) => {
        const data = await exportDeclarations(ctx, actorOf(request), request.query, request.params.format);
        void reply.type(request.params.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
        return reply.header('content-disposition', `attachment; filename="to-khai-y-te.${request.params.format}"`).send(data);
      },
    );

    app.get(
      '/api/v1/declarations/:id',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'One declaration in full (audited)', params: idParams, response: { 200: z.object({ summary: declarationSummarySchema, declaration: z.record(z.string(), z.unknown()) }) } } },
      async (request) => readDeclaration(ctx, actorOf(request), request.params.id) as Promise<{ summary: z.infer<typeof declarationSummarySchema>; declaration: Record<string, unknown> }>,
    );

    app.get(
      '/api/v1/declaration-flags',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'Risk flags to follow up in your area', querystring: z.strictObject({ unit: z.string().max(5).optional(), status: z.enum(['open', 'handled']).optional() }), response: { 200: z.object({ items: z.array(flagSchema) }) } } },
      async (request) => ({ items: await listFlags(ctx, actorOf(request), request.query) }),
    );

    app.post(
      '/api/v1/declaration-flags/:id/handle',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'Mark a flag handled, saying what was done', params: idParams, body: z.strictObject({ note: z.string().trim().min(1).max(1000) }), response: { 204: z.null() } } },
      async (request, reply) => {
        await handleFlag(ctx, actorOf(request), request.params.id, request.body.note);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/monitoring',
      { config: { access: HEALTH }, schema: { tags: ['declarations'], summary: 'Place a person under monitoring with daily health updates', body: monitoringInputSchema, response: { 201: z.object({ id: z.string() }) } } },
      async (request, reply) => reply.code(201).send({ id: await startMonitoring(ctx, actorOf(request), request.body) }),
    );

    app.get(
      '/api/v1/monitoring',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'People under monitoring in your area and whether today’s update came in', querystring: z.strictObject({ unit: z.string().max(5).optional() }), response: { 200: z.object({ items: z.array(monitoringSchema) }) } } },
      async (request) => ({ items: await listMonitoring(ctx, actorOf(request), request.query.unit) }),
    );

    app.delete(
      '/api/v1/monitoring/:id',
      { config: { access: HEALTH }, schema: { tags: ['declarations'], summary: 'End a monitoring', params: idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await stopMonitoring(ctx, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/reports',
      { config: { access: 'signed_in' }, bodyLimit: 3 * 1024 * 1024, schema: { tags: ['declarations'], summary: 'Report a suspected case, an arrival from an affected area, or a place not enforcing check-ins', body: citizenReportInputSchema, response: { 201: z.object({ id: z.string() }) } } },
      async (request, reply) => reply.code(201).send(await submitReport(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/v1/reports',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'Citizens’ reports in your area', querystring: z.strictObject({ unit: z.string().max(5).optional(), status: z.enum(['open', 'forwarded', 'closed']).optional() }), response: { 200: z.object({ items: z.array(citizenReportSchema) }) } } },
      async (request) => ({ items: await listReports(ctx, actorOf(request), request.query) }),
    );

    app.get(
      '/api/v1/reports/:id/photo',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'The photo of a report (audited)', params: idParams, response: file } },
      async (request, reply) => {
        const photo = await reportPhoto(ctx, actorOf(request), request.params.id);
        return reply.type(photo.type).send(photo.data);
      },
    );

    app.post(
      '/api/v1/reports/:id',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'Forward a report to health officials, or close it with a reason', params: idParams, body: z.strictObject({ action: z.enum(['forward', 'close']), reason: z.string().trim().min(1).max(1000) }), response: { 204: z.null() } } },
      async (request, reply) => {
        await actOnReport(ctx, actorOf(request), request.params.id, request.body.action, request.body.reason);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/arrivals',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'Entry declarations of travellers arriving at a border gate on a day', querystring: z.strictObject({ gate: z.enum(BORDER_GATE_CODES), date: dateSchema }), response: { 200: z.object({ items: z.array(declarationSummarySchema) }) } } },
      async (request) => ({ items: await arrivals(ctx, actorOf(request), request.query.gate, request.query.date) }),
    );

    app.get(
      '/api/v1/arrivals/:id/confirmation.pdf',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'Printable confirmation of an entry declaration with the traveller’s QR', params: idParams, response: file } },
      async (request, reply) => reply.type('application/pdf').send(await arrivalConfirmation(ctx, actorOf(request), request.params.id)),
    );

    app.get(
      '/api/v1/risk-settings',
      { config: { access: OFFICIALS }, schema: { tags: ['declarations'], summary: 'Countries and units marked as affected', response: { 200: riskSettingsSchema } } },
      async () => riskSettings(ctx),
    );

    app.put(
      '/api/v1/risk-settings',
      { config: { access: HEALTH }, schema: { tags: ['declarations'], summary: 'Mark countries and units as affected (arrivals from them are flagged)', body: riskSettingsSchema, response: { 200: riskSettingsSchema } } },
      async (request) => updateRiskSettings(ctx, actorOf(request), request.body),
    );
  };
}
