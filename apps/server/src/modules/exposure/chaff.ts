import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { LONG_CODE_TTL_MS, CERTIFICATE_TTL_MS, keysFrom } from './exposure.rules.js';

const DAY_MS = 86_400_000;

/** EN apps send decoy requests marked `X-Chaff: 1` so that uploading cannot be told apart on the network. */
export function isChaff(request: FastifyRequest): boolean {
  return request.headers['x-chaff'] !== undefined;
}

const random = (ctx: Context, n: number) => Buffer.from(ctx.rng.bytes(n)).toString('base64url');
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Answers that look like real ones (same fields, sizes and kinds of values); nothing is read or stored. */
export function chaffAnswer(ctx: Context, kind: 'verify' | 'certificate' | 'publish', body: unknown): unknown {
  const now = ctx.clock.now();
  if (kind === 'verify') {
    const symptomDate = new Date(now - 3 * DAY_MS).toISOString().slice(0, 10);
    const testDate = new Date(now - 2 * DAY_MS).toISOString().slice(0, 10);
    return { token: random(ctx, 32), testType: 'confirmed', symptomDate, testDate, keysFrom: keysFrom({ symptomDate, testDate }, ctx.config.infectiousDaysBefore, now), expiresAt: now + LONG_CODE_TTL_MS };
  }
  if (kind === 'certificate') {
    const claims = { iss: 'phongdich-verification', aud: 'phongdich-keyserver', iat: Math.floor(now / 1000), exp: Math.floor((now + CERTIFICATE_TTL_MS) / 1000), jti: random(ctx, 16), reportType: 'confirmed', symptomOnsetInterval: Math.floor((now - 3 * DAY_MS) / DAY_MS) * 144, tekmac: Buffer.from(ctx.rng.bytes(32)).toString('base64') };
    return { certificate: `${json({ alg: 'ES256', typ: 'JWT', kid: 'v1' })}.${json(claims)}.${random(ctx, 64)}`, expiresAt: now + CERTIFICATE_TTL_MS };
  }
  const keys = (body as { temporaryExposureKeys?: unknown } | null)?.temporaryExposureKeys;
  return { insertedExposures: Array.isArray(keys) ? Math.min(keys.length, 30) : 14, embargoedUntil: null };
}

/** A preValidation hook: decoys are answered before their body is even validated. */
export function chaffHook(ctx: Context, kind: 'verify' | 'certificate' | 'publish') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isChaff(request)) return;
    return reply.code(200).send(chaffAnswer(ctx, kind, request.body));
  };
}
