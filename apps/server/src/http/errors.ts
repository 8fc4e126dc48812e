import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ERRORS, describeIssues, errorMessage, parseWithKeys, type ErrorBody, type ErrorCode } from '@phongdich/core';
import type { Context } from '../context.js';
import { securityLog } from '../context.js';

/** The one application error: a stable code, its HTTP status, and optionally the field to blame. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    options: { field?: string; detail?: string; headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(options.detail ?? code);
    this.status = ERRORS[code].status;
    this.field = options.field;
    this.headers = options.headers;
    this.details = options.details;
  }
  readonly field: string | undefined;
  /** Sent to the client as `details`: the exact values refused (never personal data). */
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;
}

/** Request validation failure carrying zod issues whose messages are keys (see core/validation). */
export class InvalidInput extends Error {
  validationContext?: string;
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super('invalid input');
  }
}

/** Fastify validator compiler: zod with message keys, so the answer is rendered per request language. */
export function validatorCompiler({ schema }: { schema: z.ZodType }) {
  return (data: unknown): { value: unknown } | { error: InvalidInput } => {
    const result = parseWithKeys(schema, data);
    return result.success ? { value: result.data } : { error: new InvalidInput(result.error.issues) };
  };
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_input',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_VALIDATION: 'invalid_input',
};

function send(reply: FastifyReply, code: ErrorCode, field?: string, message?: string, details?: Record<string, unknown>): FastifyReply {
  const body: ErrorBody = { error: code, message: message ?? errorMessage(code, reply.request.lang) };
  if (field !== undefined && field !== '') body.field = field;
  if (details) body.details = details;
  return reply.code(ERRORS[code].status).send(body);
}

/**
 * Errors the router raises before any hook runs (a malformed percent-encoding, a path parameter
 * longer than the router allows): answered in the one error shape, not the framework's own.
 */
export function frameworkErrorHandler(ctx: Context) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    securityLog(ctx).info({ reqId: request.id, reason: error.code ?? 'bad_url' }, 'rejected input');
    void send(reply, 'invalid_input');
  };
}

export function registerErrorHandling(app: FastifyInstance, ctx: Context): void {
  app.setErrorHandler((error: FastifyError | AppError | InvalidInput, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return send(reply, error.code, error.field, error.message !== error.code && error.details ? `${errorMessage(error.code, request.lang)} (${error.message})` : undefined, error.details);
    }
    if (error instanceof InvalidInput) {
      const first = describeIssues(error.issues, request.lang)[0];
      const where = !error.validationContext || error.validationContext === 'body' ? '' : `${error.validationContext}.`;
      securityLog(ctx).info({ reqId: request.id, route: request.routeOptions.url, reason: 'invalid_input', field: first?.field }, 'rejected input');
      const field = first ? `${where}${first.field}`.replace(/\.$/, '') : undefined;
      const label = field ? (request.lang === 'vi' ? `Trường "${field}": ` : `Field "${field}": `) : '';
      return send(reply, 'invalid_input', field, first ? `${label}${first.message}` : undefined);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return send(reply, mapped);
    if (error.statusCode === 429) return send(reply, 'rate_limited');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, error.statusCode === 404 ? 'not_found' : 'invalid_input');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 'internal_error');
  });

  app.setNotFoundHandler((request, reply) => send(reply, 'not_found'));
}
