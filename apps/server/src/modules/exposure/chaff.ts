import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLLING_PERIOD, embargoedUntil, intervalNumberFromMs } from '@phongdich/exposure';
import type { Context } from '../../context.js';
import { LONG_CODE_TTL_MS, CERTIFICATE_TTL_MS, keysFrom } from './exposure.rules.js';

const DAY_MS = 86_400_000;
/** Real answers remembered per endpoint to time decoys by. */
const SAMPLES = 32;
/** A decoy never waits longer than this, whatever a slow period of real requests took. */
const MAX_DELAY_MS = 3_000;
/** Keys in a typical upload (one per day of a 14-day infectious period), for decoys that carry none. */
const TYPICAL_UPLOAD_KEYS = 14;

export type ChaffKind = 'verify' | 'certificate' | 'publish';

/** EN apps send decoy requests marked `X-Chaff: 1` so that uploading cannot be told apart on the network. */
export function isChaff(request: FastifyRequest): boolean {
  return request.headers['x-chaff'] !== undefined;
}

/**
 * How long real requests to each endpoint took lately. A decoy answered at once would stand out from a real
 * upload, which reads and writes the database; so decoys wait about as long (as the EN servers' chaff tracker does).
 */
export class ChaffTimer {
  private readonly samples = new Map<ChaffKind, number[]>();

  /** Records the duration of a real (not decoy) request. */
  record(kind: ChaffKind, ms: number): void {
    const list = this.samples.get(kind) ?? [];
    list.push(ms);
    if (list.length > SAMPLES) list.shift();
    this.samples.set(kind, list);
  }

  /** The mean of recent real durations, 0 before any real request; `jitter` in [0, 1) spreads it ±20 %. */
  delayMs(kind: ChaffKind, jitter: number): number {
    const list = this.samples.get(kind);
    if (!list || list.length === 0) return 0;
    const mean = list.reduce((sum, ms) => sum + ms, 0) / list.length;
    return Math.min(MAX_DELAY_MS, mean * (0.8 + 0.4 * jitter));
  }
}

const random = (ctx: Context, n: number) => Buffer.from(ctx.rng.bytes(n)).toString('base64url');
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function wireKeys(body: unknown): Array<{ rollingStartNumber: number; rollingPeriod: number }> {
  const keys = (body as { temporaryExposureKeys?: unknown } | null)?.temporaryExposureKeys;
  if (!Array.isArray(keys)) return [];
  return keys.filter((k): k is { rollingStartNumber: number; rollingPeriod: number } => typeof k?.rollingStartNumber === 'number' && typeof k?.rollingPeriod === 'number');
}

/** Answers that look like real ones (same fields, sizes and kinds of values); nothing is read or stored. */
export function chaffAnswer(ctx: Context, kind: ChaffKind, body: unknown): unknown {
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
  // Keys in the decoy are answered as the real endpoint would; a decoy without keys gets the answer of a
  // typical upload, whose last key is today's and so is embargoed (a null there would mark it as a decoy).
  const keys = wireKeys(body);
  const today = { rollingStartIntervalNumber: Math.floor(intervalNumberFromMs(now) / ROLLING_PERIOD) * ROLLING_PERIOD, rollingPeriod: ROLLING_PERIOD };
  const shaped = keys.length > 0 ? keys.slice(0, 30).map((k) => ({ rollingStartIntervalNumber: k.rollingStartNumber, rollingPeriod: k.rollingPeriod })) : [today];
  const embargo = shaped.reduce<number | null>((latest, k) => {
    const until = embargoedUntil(k, now);
    return until === null ? latest : Math.max(latest ?? 0, until);
  }, null);
  return { insertedExposures: keys.length > 0 ? shaped.length : TYPICAL_UPLOAD_KEYS, embargoedUntil: embargo };
}

/** A preValidation hook: decoys are answered before their body is even validated, after a realistic delay. */
export function chaffHook(ctx: Context, timer: ChaffTimer, kind: ChaffKind) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isChaff(request)) return;
    const delay = timer.delayMs(kind, (ctx.rng.bytes(1)[0] ?? 0) / 256);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return reply.code(200).send(chaffAnswer(ctx, kind, request.body));
  };
}

/** An onResponse hook: real requests set the pace decoys follow. */
export function chaffTiming(timer: ChaffTimer, kind: ChaffKind) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isChaff(request)) timer.record(kind, reply.elapsedTime);
  };
}
