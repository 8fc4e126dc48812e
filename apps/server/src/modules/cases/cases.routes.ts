import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CASE_CLASSIFICATIONS,
  CASE_OUTCOMES,
  caseInputSchema,
  caseSchema,
  caseUpdateSchema,
  chainSchema,
  contactSchema,
  contactUpdateSchema,
  conversionSchema,
  followupInputSchema,
  interviewContactSchema,
  warningSchema,
} from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { exportCases, exportContacts } from './cases.export.js';
import { addInterviewContact, changeCase, contactsOfCase, convertContact, readCase, registerCase, retrace, searchCases } from './cases.service.js';
import { chainOf, clusters, indicators, placesVisitedByCases } from './chain.service.js';
import { changeContact, contactQuerySchema, contactWorklist, myWarnings, recordFollowup } from './contacts.service.js';

const OFFICIALS = ['official', 'health_official', 'admin'] as const;
const HEALTH = ['health_official', 'admin'] as const;
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = { 200: z.any().describe('file') };

const caseQuerySchema = z.strictObject({
  q: z.string().trim().max(40).optional(),
  classification: z.enum(CASE_CLASSIFICATIONS).optional(),
  outcome: z.enum(CASE_OUTCOMES).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

const traceResultSchema = z.object({ contacts: z.number().int(), byGeneration: z.record(z.string(), z.number().int()), added: z.number().int() });
const casePlaceSchema = z.object({ placeId: z.string(), placeName: z.string(), communeName: z.string(), lat: z.number().nullable(), lon: z.number().nullable(), caseCount: z.number().int(), caseCodes: z.array(z.string()), firstAt: z.number(), lastAt: z.number() });
const worklistItemSchema = contactSchema.extend({ caseCode: z.string(), communeName: z.string() });

export function casesRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/cases',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'Register a case; its contacts are traced at once (to TRACE_MAX_DEPTH generations) and warned', body: caseInputSchema, response: { 201: caseSchema } } },
      async (request, reply) => reply.code(201).send((await registerCase(ctx, actorOf(request), request.body)).case),
    );
    app.get(
      '/api/v1/cases',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'Cases of your area; q is a case number (BN-00012) or a phone', querystring: caseQuerySchema, response: { 200: z.object({ items: z.array(caseSchema), total: z.number().int() }) } } },
      async (request) => searchCases(ctx, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/cases/export.xlsx',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'The cases of your area as XLSX (Vietnamese headings)', querystring: caseQuerySchema, response: file } },
      async (request, reply) => {
        const data = await exportCases(ctx, actorOf(request), request.query, 'xlsx');
        return reply.type(XLSX).header('content-disposition', 'attachment; filename="ca-benh.xlsx"').send(data);
      },
    );
    app.get(
      '/api/v1/cases/indicators',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'Indicators for the CDC: contacts per case, share of new cases already known as contacts, contacts not reached, active chains' } },
      async (request) => indicators(ctx, actorOf(request)),
    );
    app.get(
      '/api/v1/cases/clusters',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'Places where two or more cases were while infectious (last 28 days)', response: { 200: z.object({ items: z.array(casePlaceSchema) }) } } },
      async (request) => clusters(ctx, actorOf(request)),
    );
    app.get(
      '/api/v1/cases/places',
      {
        config: { access: HEALTH },
        schema: { tags: ['cases'], summary: 'Places cases of your area visited while infectious, with how many cases and when (for zoning and the map)', querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(60).optional() }), response: { 200: z.object({ items: z.array(casePlaceSchema) }) } },
      },
      async (request) => ({ items: await placesVisitedByCases(ctx, actorOf(request), request.query.days ?? 14) }),
    );
    app.get(
      '/api/v1/cases/:id',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'One case with its history and the places visited while infectious (audited)', params: idParams } },
      async (request) => readCase(ctx, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/v1/cases/:id',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'Correct dates, classification, isolation or outcome; traced again when the infectious period grows', params: idParams, body: caseUpdateSchema, response: { 200: caseSchema } } },
      async (request) => changeCase(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/cases/:id/trace',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'Trace again now, optionally deeper', params: idParams, body: z.strictObject({ depth: z.number().int().min(1).max(5).optional() }), response: { 200: traceResultSchema } } },
      async (request) => retrace(ctx, actorOf(request), request.params.id, request.body.depth),
    );
    app.get(
      '/api/v1/cases/:id/contacts',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: "The contacts under a case: F1, F2 … with source, place, time window, minutes and score", params: idParams, response: { 200: z.object({ items: z.array(contactSchema) }) } } },
      async (request) => contactsOfCase(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/api/v1/cases/:id/contacts/export.xlsx',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'The contacts under a case as XLSX', params: idParams, response: file } },
      async (request, reply) => {
        const data = await exportContacts(ctx, actorOf(request), request.params.id, 'xlsx');
        return reply.type(XLSX).header('content-disposition', 'attachment; filename="nguoi-tiep-xuc.xlsx"').send(data);
      },
    );
    app.post(
      '/api/v1/cases/:id/contacts',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'Add a contact named in the case interview (warned at once)', params: idParams, body: interviewContactSchema, response: { 201: contactSchema } } },
      async (request, reply) => reply.code(201).send(await addInterviewContact(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/v1/cases/:id/chain',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'The whole chain the case belongs to, from its first case, as nodes and edges', params: idParams, response: { 200: chainSchema.extend({ truncated: z.boolean() }) } } },
      async (request) => chainOf(ctx, actorOf(request), request.params.id),
    );

    app.get(
      '/api/v1/contacts',
      { config: { access: OFFICIALS }, schema: { tags: ['cases'], summary: 'Follow-up worklist of your area (audited)', querystring: contactQuerySchema, response: { 200: z.object({ items: z.array(worklistItemSchema), total: z.number().int() }) } } },
      async (request) => contactWorklist(ctx, actorOf(request), request.query),
    );
    app.patch(
      '/api/v1/contacts/:id',
      { config: { access: OFFICIALS }, schema: { tags: ['cases'], summary: 'Quarantine dates, team, or state of a contact', params: idParams, body: contactUpdateSchema, response: { 200: contactSchema } } },
      async (request) => changeContact(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/contacts/:id/followups',
      { config: { access: OFFICIALS }, schema: { tags: ['cases'], summary: "Record a day's follow-up: seen well, seen unwell, not reached", params: idParams, body: followupInputSchema, response: { 201: contactSchema } } },
      async (request, reply) => reply.code(201).send(await recordFollowup(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/v1/contacts/:id/convert',
      { config: { access: HEALTH }, schema: { tags: ['cases'], summary: 'Turn a contact into a case in one step; the contact keeps its history and the new case is traced', params: idParams, body: conversionSchema, response: { 201: caseSchema } } },
      async (request, reply) => reply.code(201).send(await convertContact(ctx, actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/me/warnings',
      { config: { access: 'signed_in' }, schema: { tags: ['cases'], summary: 'Your exposure warnings still in force', response: { 200: z.object({ items: z.array(warningSchema) }) } } },
      async (request) => myWarnings(ctx, actorOf(request)),
    );
  };
}
