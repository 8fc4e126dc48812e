import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importReportSchema, placeListQuerySchema, targetInputSchema, targetListQuerySchema, targetListSchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { exportPlaces, exportTargets, importTemplate } from './documents.service.js';
import { importSheet } from './import.service.js';
import type { SheetFormat } from '../../documents/spreadsheet.js';
import { addTargets, linkTarget, listTargets, removeTarget } from './targets.service.js';

const OFFICIALS = { access: ['official', 'health_official', 'admin'] as const };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv';
const fileResponse = { 200: z.any().describe('XLSX or CSV file') };
const formatParams = z.strictObject({ format: z.enum(['xlsx', 'csv']) });

function sendSheet(reply: { type(t: string): unknown; header(k: string, v: string): unknown; send(b: Buffer): unknown }, format: SheetFormat, name: string, data: Buffer) {
  reply.type(format === 'xlsx' ? XLSX : `${CSV}; charset=utf-8`);
  reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
  return reply.send(data);
}

export function targetsRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    // Spreadsheets arrive as the raw request body; the limit is larger than for JSON.
    app.addContentTypeParser([XLSX, CSV, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_request, body, done) => done(null, body));

    app.post(
      '/api/v1/places/import',
      {
        config: OFFICIALS,
        bodyLimit: 20 * 1024 * 1024,
        schema: {
          tags: ['places'],
          summary: 'Import a list of places to register (kind=places) or that must register (kind=targets) from XLSX or UTF-8 CSV; all rows or none',
          querystring: z.strictObject({ kind: z.enum(['places', 'targets']), dryRun: z.enum(['true', 'false']).optional() }),
          response: { 200: importReportSchema },
        },
      },
      async (request) => {
        const type = String(request.headers['content-type'] ?? '');
        const format: SheetFormat = type.startsWith(CSV) ? 'csv' : 'xlsx';
        if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type');
        return importSheet(ctx, actorOf(request), request.body, { kind: request.query.kind, format, dryRun: request.query.dryRun === 'true', lang: request.lang });
      },
    );

    app.get(
      '/api/v1/places/import-template.:format',
      {
        config: OFFICIALS,
        schema: { tags: ['places'], summary: 'Import template with Vietnamese headings and the accepted values', params: formatParams, querystring: z.strictObject({ kind: z.enum(['places', 'targets']).optional() }), response: fileResponse },
      },
      async (request, reply) => {
        const kind = request.query.kind ?? 'places';
        return sendSheet(reply, request.params.format, `mau-nhap-${kind === 'places' ? 'dia-diem' : 'danh-sach-can-dang-ky'}`, await importTemplate(ctx, actorOf(request), kind, request.params.format));
      },
    );

    app.get(
      '/api/v1/places/export.:format',
      { config: OFFICIALS, schema: { tags: ['places'], summary: 'The filtered list of places as XLSX or CSV (Vietnamese headings)', params: formatParams, querystring: placeListQuerySchema, response: fileResponse } },
      async (request, reply) => sendSheet(reply, request.params.format, 'dia-diem', await exportPlaces(ctx, actorOf(request), request.query, request.params.format)),
    );

    app.get(
      '/api/v1/targets',
      { config: OFFICIALS, schema: { tags: ['targets'], summary: 'Places that must register, each registered or missing', querystring: targetListQuerySchema, response: { 200: targetListSchema } } },
      async (request) => listTargets(ctx, actorOf(request), request.query),
    );

    app.get(
      '/api/v1/targets/export.:format',
      { config: OFFICIALS, schema: { tags: ['targets'], summary: 'The list of places that must register, as XLSX or CSV', params: formatParams, querystring: targetListQuerySchema, response: fileResponse } },
      async (request, reply) => sendSheet(reply, request.params.format, 'danh-sach-can-dang-ky', await exportTargets(ctx, actorOf(request), request.query, request.params.format)),
    );

    app.post(
      '/api/v1/targets',
      { config: OFFICIALS, schema: { tags: ['targets'], summary: 'Add a place that must register', body: targetInputSchema, response: { 201: z.object({ added: z.number().int() }) } } },
      async (request, reply) => reply.code(201).send({ added: await addTargets(ctx, actorOf(request), [request.body]) }),
    );

    app.patch(
      '/api/v1/targets/:id',
      {
        config: OFFICIALS,
        schema: { tags: ['targets'], summary: 'Link a target to the registered place it is (or unlink it)', params: z.strictObject({ id: z.string().max(64) }), body: z.strictObject({ placeId: z.string().max(64).nullable() }), response: { 204: z.null() } },
      },
      async (request, reply) => {
        await linkTarget(ctx, actorOf(request), request.params.id, request.body.placeId);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/v1/targets/:id',
      { config: OFFICIALS, schema: { tags: ['targets'], summary: 'Remove a place from the list', params: z.strictObject({ id: z.string().max(64) }), response: { 204: z.null() } } },
      async (request, reply) => {
        await removeTarget(ctx, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
