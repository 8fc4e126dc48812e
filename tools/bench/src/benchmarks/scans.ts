import crypto from 'node:crypto';
import type autocannon from 'autocannon';
import fs from 'node:fs';
import { SYSTEM_ACTOR } from '../../../../apps/server/src/actor.js';
import { findOrCreateCitizenByPhone } from '../../../../apps/server/src/modules/accounts/index.js';
import { issueSession } from '../../../../apps/server/src/modules/accounts/sessions.js';
import { registerPlace } from '../../../../apps/server/src/modules/places/places.service.js';
import { pointsOfPlaces } from '../../../../apps/server/src/modules/places/places.repository.js';
import { pointToken } from '../../../../apps/server/src/modules/places/points.service.js';
import { unitTree } from '../../../../apps/server/src/modules/units/index.js';
import { round, type Benchmark, type BenchResult } from '../framework.js';
import { load, startServerProcess } from '../server-process.js';
import { benchEnvironment, benchPostgresUrl, freshPostgres } from '../setup.js';

interface Seed {
  dataDir: string;
  keyringEnv: string;
  tokens: string[];
  sessions: Array<{ cookie: string; csrf: string }>;
}

/** Places with QR points and signed-in citizens, written straight into a fresh database. */
async function seed(databaseEnv: Record<string, string>, places: number, citizens: number): Promise<Seed> {
  const env = await benchEnvironment(databaseEnv, { keepDataDir: true });
  const { ctx } = env;
  const communes = unitTree(ctx).communesWithin(ctx.config.homeUnit).slice(0, 10);
  const admin = { ...SYSTEM_ACTOR, userId: 'bench-admin' };
  const placeIds: string[] = [];
  for (let i = 0; i < places; i++) {
    const row = await registerPlace(ctx, admin, {
      name: `Điểm quét thử ${i}`,
      type: 'market',
      sector: 'industry_trade',
      communeCode: communes[i % communes.length]?.code ?? '',
      streetAddress: `Số ${i}`,
      location: { lat: 22.14 + (i % 10) / 1000, lon: 105.83 + (i % 7) / 1000 },
      contactName: 'Ban quản lý',
      contactPhone: '0912000000',
      points: ['Cổng chính', 'Cổng phụ'],
    });
    placeIds.push(row.id);
  }
  const tokens = (await pointsOfPlaces(ctx.db, placeIds)).map((p) => pointToken(ctx, p));
  const sessions = [];
  for (let i = 0; i < citizens; i++) {
    const user = await findOrCreateCitizenByPhone(ctx, `+8491${String(i).padStart(7, '0')}`);
    const issued = await issueSession(ctx, user.id, 86_400_000);
    sessions.push({ cookie: `pd_session=${issued.token}`, csrf: issued.csrfToken });
  }
  await env.app.close();
  await ctx.close();
  return { dataDir: env.dataDir, keyringEnv: env.keyringEnv, tokens, sessions };
}

const PEOPLE_PER_CONNECTION = 30;

async function measure(label: string, databaseEnv: Record<string, string>, duration: number): Promise<BenchResult[]> {
  const data = await seed(databaseEnv, 100, 2000);
  const server = await startServerProcess({ DATA_DIR: data.dataDir, KEYRING: data.keyringEnv, ...(process.env.SCAN_BATCH_MS ? { SCAN_BATCH_MS: process.env.SCAN_BATCH_MS } : {}), ...databaseEnv });
  try {
    let nextSlot = 0;
    const refusals = new Map<string, number>();
    const scanRequest: autocannon.Request = {
      method: 'POST',
      path: '/api/v1/scans',
      // Each connection scans for its own people, as phones do: two phones never send one person's scans.
      setupRequest(request, context) {
        const slot = context as { index?: number; next?: number };
        slot.index ??= nextSlot++;
        slot.next = ((slot.next ?? 0) + 1) % PEOPLE_PER_CONNECTION;
        const session = data.sessions[(slot.index * PEOPLE_PER_CONNECTION + slot.next) % data.sessions.length] as Seed['sessions'][number];
        return {
          ...request,
          headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
          body: JSON.stringify({ token: data.tokens[crypto.randomInt(data.tokens.length)], clientEventId: crypto.randomUUID(), scannedAt: Date.now() }),
        };
      },
      onResponse(status, body) {
        if (status >= 300) refusals.set(body, (refusals.get(body) ?? 0) + 1);
      },
    };
    await load({ url: server.base, duration: 2, requests: [scanRequest] });
    const noop = await load({ url: `${server.base}/healthz`, duration });
    const scans = await load({ url: server.base, duration, requests: [scanRequest] });
    const memory = server.peakMemoryMb();
    const ratio = scans.requestsPerSecond / noop.requestsPerSecond;
    const ok = scans.errors === 0 && scans.non2xx === 0 && scans.p99 < 50 && memory < 300 && ratio >= 0.6;
    return [
      {
        name: `scan ingest over HTTP (${label})`,
        figure: scans.requestsPerSecond,
        unit: 'scans/s',
        baseline: noop.requestsPerSecond,
        baselineLabel: 'no-op route',
        ratio,
        target: label === 'SQLite' ? '≥5,000/s, ≥60% of no-op, p99 <50 ms, 0 errors, <300 MB' : '≥60% of no-op, p99 <50 ms, 0 errors, <300 MB',
        pass: label === 'SQLite' ? ok && scans.requestsPerSecond >= 5000 : ok,
        details: { refusals: [...refusals].map(([body, n]) => `${n}× ${body}`).join('; '), p50Ms: scans.p50, p99Ms: scans.p99, errors: scans.errors, non2xx: scans.non2xx, scans: scans.total, noopP99Ms: noop.p99, serverPeakMb: round(memory, 1) },
      },
    ];
  } finally {
    await server.stop();
    fs.rmSync(data.dataDir, { recursive: true, force: true });
  }
}

export const scansBenchmark: Benchmark = {
  name: 'scan ingest',
  async run({ full }) {
    const duration = full ? 30 : 10;
    const results = await measure('SQLite', {}, duration);
    const pgUrl = benchPostgresUrl();
    if (pgUrl) results.push(...(await measure('PostgreSQL', { DATABASE_URL: await freshPostgres(pgUrl) }, duration)));
    return results;
  },
};
