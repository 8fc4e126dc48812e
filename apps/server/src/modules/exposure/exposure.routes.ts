import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  exposureCertificateRequestSchema,
  exposureCertificateResponseSchema,
  exposureCodeInputSchema,
  exposureCodeIssuedSchema,
  exposureCodeListItemSchema,
  exposureExportInfoSchema,
  exposureExportRunSchema,
  exposurePublishResponseSchema,
  exposurePublishSchema,
  exposureShareListItemSchema,
  exposureShareResultSchema,
  exposureShareSchema,
  exposureVerifyRequestSchema,
  exposureVerifyResponseSchema,
} from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { ChaffTimer, chaffHook, chaffTiming } from './chaff.js';
import { exportInfo, readExportFile, runExport } from './export.service.js';
import { publishKeys } from './publish.service.js';
import { listUnlinkedShares, shareMatch } from './shares.service.js';
import { issueCertificate, issueCode, listIssuedCodes, verifyCode } from './verification.service.js';

const HEALTH = ['health_official', 'admin'] as const;
const tags = ['exposure'];

export function exposureRoutes(ctx: Context): FastifyPluginAsyncZod {
  // Codes are 8 digits: guessing is limited like signing in.
  const strict = { max: ctx.config.loginRateLimitPerMinute, timeWindow: 60_000 };
  const chaff = new ChaffTimer();
  return async (app) => {
    app.post(
      '/api/v1/exposure/codes',
      { config: { access: HEALTH }, schema: { tags, summary: 'Issue a one-time verification code for a confirmed case (shown once: 8 digits for 15 minutes, a link code for 24 hours)', body: exposureCodeInputSchema, response: { 201: exposureCodeIssuedSchema } } },
      async (request, reply) => reply.code(201).send(await issueCode(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/api/v1/exposure/codes',
      { config: { access: HEALTH }, schema: { tags, summary: 'Codes issued in your area in the last 14 days and whether they were used', response: { 200: z.object({ items: z.array(exposureCodeListItemSchema) }) } } },
      async (request) => listIssuedCodes(ctx, actorOf(request)),
    );
    app.post(
      '/api/v1/exposure/verify',
      {
        config: { access: 'public', rateLimit: strict },
        preValidation: chaffHook(ctx, chaff, 'verify'),
        onResponse: chaffTiming(chaff, 'verify'),
        schema: { tags, summary: 'Exchange a verification code for a token (once); `X-Chaff: 1` gets a decoy answer', body: exposureVerifyRequestSchema, response: { 200: exposureVerifyResponseSchema } },
      },
      async (request) => verifyCode(ctx, request.body.code),
    );
    app.post(
      '/api/v1/exposure/certificate',
      {
        config: { access: 'public', rateLimit: strict },
        preValidation: chaffHook(ctx, chaff, 'certificate'),
        onResponse: chaffTiming(chaff, 'certificate'),
        schema: { tags, summary: 'Exchange the token and the HMAC of your keys for a signed certificate (once); the keys themselves are not sent', body: exposureCertificateRequestSchema, response: { 200: exposureCertificateResponseSchema } },
      },
      async (request) => issueCertificate(ctx, request.body.token, request.body.ekeyhmac),
    );
    app.post(
      '/api/v1/exposure/publish',
      {
        config: { access: 'public' },
        preValidation: chaffHook(ctx, chaff, 'publish'),
        onResponse: chaffTiming(chaff, 'publish'),
        schema: { tags, summary: 'Upload temporary exposure keys with a certificate; still-valid keys wait for expiry plus 2 hours; retrying with the same certificate changes nothing', body: exposurePublishSchema, response: { 200: exposurePublishResponseSchema } },
      },
      async (request) => publishKeys(ctx, request.body),
    );
    app.get(
      '/api/v1/exposure/exports',
      { config: { access: 'public' }, schema: { tags, summary: 'Where the signed export files are (index.txt) and the public keys that sign them', response: { 200: exposureExportInfoSchema } } },
      async () => exportInfo(ctx),
    );
    app.post(
      '/api/v1/exposure/exports/run',
      { config: { access: ['admin'] }, schema: { tags, summary: 'Export the keys ready for publication now instead of at the next scheduled export', response: { 200: exposureExportRunSchema } } },
      async () => runExport(ctx),
    );
    app.post(
      '/api/v1/exposure/shares',
      { config: { access: 'signed_in' }, schema: { tags, summary: 'Share a match your phone found with the health department (you become a contact of the case)', body: exposureShareSchema, response: { 201: exposureShareResultSchema } } },
      async (request, reply) => reply.code(201).send(await shareMatch(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/api/v1/exposure/shares',
      { config: { access: HEALTH }, schema: { tags, summary: 'Shared matches whose keys are not linked to a case (whole-province officials; audited)', response: { 200: z.object({ items: z.array(exposureShareListItemSchema) }) } } },
      async (request) => listUnlinkedShares(ctx, actorOf(request)),
    );

    // The files phones download: outside /api so a CDN or reverse proxy can cache them like static files.
    app.get('/exposure/:region/:file', { schema: { hide: true } }, async (request, reply) => {
      const { region, file } = request.params as { region: string; file: string };
      const data = await readExportFile(ctx, region, file);
      if (!data) throw new AppError('not_found');
      const index = file === 'index.txt';
      return reply
        .type(index ? 'text/plain; charset=utf-8' : 'application/zip')
        .header('cache-control', index ? 'public, max-age=60' : 'public, max-age=86400, immutable')
        .send(data);
    });
  };
}
