import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeIssues, errorMessage, ERRORS, type ErrorCode } from '@phongdich/core';
import { securityLog, type Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { AppError, InvalidInput } from '../../http/errors.js';
import { capabilityStatement } from './fhir.capability.js';
import { operationOutcome, type IssueCode } from './fhir.resources.js';
import { conditionEverything, readCondition, readContactList, readLocation, readObservation, readPatient, searchConditions, searchLocations, searchObservations, searchPatients, type Page } from './fhir.service.js';
import { importLabResults, labInputProblem, todayOf } from './lab-results.service.js';
import { LabInputError, parseLabBundle } from './lab-results.parse.js';

export const FHIR_JSON = 'application/fhir+json';
const READ = { apiKey: 'fhir.read' } as const;
const security = [{ apiKey: [] }];
const tags = ['integration'];
// FHIR ids: up to 64 letters, digits, '-' and '.'.
const idParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/) });
const paging = { _count: z.coerce.number().int().min(1).max(200).optional(), _offset: z.coerce.number().int().min(0).max(100_000).optional(), _format: z.string().optional() };
const resource = { 200: z.any().describe('FHIR R4 resource (application/fhir+json)') };

const ISSUE_BY_STATUS: Record<number, IssueCode> = { 400: 'invalid', 401: 'login', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 410: 'not-found', 413: 'too-long', 415: 'not-supported', 429: 'throttled' };

function outcomeReply(reply: FastifyReply, code: ErrorCode, options: { diagnostics?: string; expression?: string; issue?: IssueCode } = {}) {
  const status = ERRORS[code].status;
  const issue = options.issue ?? (code === 'lab_result_duplicate' ? 'duplicate' : (ISSUE_BY_STATUS[status] ?? 'exception'));
  return reply
    .code(status)
    .type(FHIR_JSON)
    .send(operationOutcome([{ severity: 'error', code: issue, errorCode: code, text: errorMessage(code, reply.request.lang), diagnostics: options.diagnostics, expression: options.expression }]));
}

/** Every failure under /fhir answers an OperationOutcome (authentication and validation included). */
function fhirErrors(ctx: Context) {
  return (error: FastifyError | AppError | InvalidInput, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return outcomeReply(reply, error.code, { diagnostics: error.message !== error.code ? error.message : undefined, expression: error.field });
    }
    if (error instanceof InvalidInput) {
      const first = describeIssues(error.issues, request.lang)[0];
      securityLog(ctx).info({ reqId: request.id, route: request.routeOptions.url, reason: 'invalid_input', field: first?.field }, 'rejected input');
      return outcomeReply(reply, 'invalid_input', { diagnostics: first?.message, expression: first ? `${error.validationContext ?? 'body'}.${first.field}`.replace(/\.$/, '') : undefined });
    }
    if (error.statusCode === 415) return outcomeReply(reply, 'unsupported_media_type');
    if (error.statusCode === 413) return outcomeReply(reply, 'payload_too_large');
    if (error.statusCode === 429) return outcomeReply(reply, 'rate_limited');
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return outcomeReply(reply, 'malformed_json');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return outcomeReply(reply, error.statusCode === 404 ? 'not_found' : 'invalid_input');
    request.log.error({ err: error }, 'unhandled error');
    return outcomeReply(reply, 'internal_error');
  };
}

function pageOf(ctx: Context, request: FastifyRequest, query: { _count?: number | undefined; _offset?: number | undefined }): Page {
  const url = new URL(request.url, ctx.config.baseUrl);
  return {
    count: query._count ?? 50,
    offset: query._offset ?? 0,
    selfUrl: url.toString(),
    nextUrl: (offset) => {
      const next = new URL(url);
      next.searchParams.set('_offset', String(offset));
      return next.toString();
    },
  };
}

/**
 * HL7 FHIR R4 under /fhir (docs/integration.md): reads and searches for systems holding a `fhir.read` key,
 * lab-result Bundles for `labs.write` keys, the CapabilityStatement for anyone.
 */
export function fhirRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.setErrorHandler(fhirErrors(ctx));
    app.setNotFoundHandler((_request, reply) => outcomeReply(reply, 'not_found', { diagnostics: 'No such FHIR interaction on this server; see /fhir/metadata.' }));
    app.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(new AppError('malformed_json'), undefined);
      }
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) void reply.type(`${FHIR_JSON}; charset=utf-8`);
      return payload;
    });

    app.get('/metadata', { config: { access: 'public' }, schema: { tags, summary: 'FHIR CapabilityStatement: what this server supports', response: resource } }, async () =>
      capabilityStatement(ctx.config.baseUrl, new Date(ctx.clock.now()).toISOString().slice(0, 10), '0.1.0'),
    );

    app.get('/Patient/:id', { config: { access: READ }, schema: { tags, security, summary: 'FHIR Patient: a case or contact of the key’s area (audited)', params: idParams, response: resource } }, async (request) =>
      readPatient(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/Patient',
      { config: { access: READ }, schema: { tags, security, summary: 'Search Patients by identifier (ID number or case number) or phone', querystring: z.strictObject({ _id: z.string().max(64).optional(), identifier: z.string().max(200).optional(), phone: z.string().max(30).optional(), ...paging }), response: resource } },
      async (request) => searchPatients(ctx, actorOf(request), request.query, pageOf(ctx, request, request.query)),
    );

    app.get('/Condition/:id', { config: { access: READ }, schema: { tags, security, summary: 'FHIR Condition: a case (audited)', params: idParams, response: resource } }, async (request) =>
      readCondition(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/Condition/:id/$everything',
      { config: { access: READ }, schema: { tags, security, summary: 'A case as a collection Bundle: Condition, Patient, tests, symptoms, List of contacts and their Patients (audited)', params: idParams, response: resource } },
      async (request) => conditionEverything(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/Condition',
      {
        config: { access: READ },
        schema: {
          tags,
          security,
          summary: 'Search cases by patient, case number, verification or clinical status',
          querystring: z.strictObject({ _id: z.string().max(64).optional(), patient: z.string().max(80).optional(), identifier: z.string().max(200).optional(), 'verification-status': z.string().max(100).optional(), 'clinical-status': z.string().max(100).optional(), ...paging }),
          response: resource,
        },
      },
      async (request) => searchConditions(ctx, actorOf(request), request.query, pageOf(ctx, request, request.query)),
    );

    app.get('/Observation/:id', { config: { access: READ }, schema: { tags, security, summary: 'FHIR Observation: a lab result, or declared symptoms (ids decl-*)', params: idParams, response: resource } }, async (request) =>
      readObservation(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/Observation',
      { config: { access: READ }, schema: { tags, security, summary: 'Observations of a patient: lab results (category laboratory) and declared symptoms (survey)', querystring: z.strictObject({ patient: z.string().max(80), category: z.string().max(100).optional(), ...paging }), response: resource } },
      async (request) => searchObservations(ctx, actorOf(request), request.query, pageOf(ctx, request, request.query)),
    );

    app.get('/List/:id', { config: { access: READ }, schema: { tags, security, summary: 'List/contacts-{caseId}: the contacts traced from a case', params: idParams, response: resource } }, async (request) =>
      readContactList(ctx, actorOf(request), request.params.id),
    );

    app.get('/Location/:id', { config: { access: READ }, schema: { tags, security, summary: 'FHIR Location: a registered place of the key’s area', params: idParams, response: resource } }, async (request) =>
      readLocation(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/Location',
      { config: { access: READ }, schema: { tags, security, summary: 'Search places by name', querystring: z.strictObject({ _id: z.string().max(64).optional(), name: z.string().max(100).optional(), ...paging }), response: resource } },
      async (request) => searchLocations(ctx, actorOf(request), request.query, pageOf(ctx, request, request.query)),
    );

    app.post(
      '/',
      {
        config: { access: { apiKey: 'labs.write' } },
        schema: { tags, security, summary: 'Send lab results: a transaction, batch or collection Bundle of Observation (+ Patient); all or nothing; answers a transaction-response Bundle', body: z.any(), response: resource },
      },
      async (request) => {
        let inputs;
        try {
          inputs = parseLabBundle(request.body, todayOf(ctx), ctx.config.importMaxRows);
        } catch (error) {
          if (error instanceof LabInputError) throw labInputProblem(error, 'fhir_resource_invalid');
          throw error;
        }
        const actor = actorOf(request);
        const outcomes = await importLabResults(ctx, actor, { id: request.apiKey?.id as string, unitCode: actor.unitCode as string }, inputs);
        return transactionResponse(outcomes);
      },
    );
  };
}

function transactionResponse(outcomes: Awaited<ReturnType<typeof importLabResults>>) {
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: outcomes.map((o) => ({
      response: {
        status: o.status === 'duplicate' ? '200 OK' : '201 Created',
        location: `Observation/${o.id}`,
        outcome: operationOutcome([
          {
            severity: o.status === 'unmatched' || o.status === 'mismatch' || o.status === 'duplicate' ? 'warning' : 'information',
            code: o.status === 'duplicate' ? 'duplicate' : 'informational',
            text: OUTCOME_TEXT[o.status] ?? o.status,
            diagnostics: [o.location, o.reason].filter(Boolean).join(': '),
          },
        ]),
      },
    })),
  };
}

const OUTCOME_TEXT: Record<string, string> = {
  applied: 'Applied to the case',
  recorded: 'Recorded',
  pending: 'Waiting for a health official to confirm',
  unmatched: 'No person found with this identifier: sent to the health officials’ worklist',
  mismatch: 'The identifiers point at different people: sent to the health officials’ worklist',
  duplicate: 'Already received: not stored again',
};
