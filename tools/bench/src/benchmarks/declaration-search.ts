import crypto from 'node:crypto';
import { foldVietnamese } from '@phongdich/core';
import { newId } from '../../../../apps/server/src/context.js';
import { optimizeDatabase } from '../../../../apps/server/src/db/database.js';
import { findOrCreateCitizenByPhone } from '../../../../apps/server/src/modules/accounts/index.js';
import { issueSession } from '../../../../apps/server/src/modules/accounts/sessions.js';
import { unitTree } from '../../../../apps/server/src/modules/units/index.js';
import { percentile, round, timeEach, type Benchmark, type BenchResult } from '../framework.js';
import { benchEnvironment, benchPostgresUrl, benchSession, freshPostgres, type BenchEnvironment } from '../setup.js';

const BATCH = 1000;

function phoneOf(i: number): string {
  return `+8498${String(i).padStart(7, '0')}`;
}

function idNumberOf(i: number): string {
  return `0061${String(i).padStart(8, '0')}`;
}

function personOf(i: number, communeCode: string) {
  return {
    fullName: `Nguyễn Văn Thử ${i}`,
    idType: 'cccd',
    idNumber: idNumberOf(i),
    birthYear: 1950 + (i % 60),
    gender: i % 2 ? 'male' : 'female',
    nationality: 'VN',
    phone: phoneOf(i).replace('+84', '0'),
    address: { provinceCode: '19', communeCode, street: `Tổ ${i % 40}` },
  };
}

/**
 * Declarations as submissions leave them, written in bulk: every row has its own keyed phone, ID-number
 * and name indexes; the sealed record is shared, since search cost does not depend on its content.
 */
async function seedDeclarations(env: BenchEnvironment, count: number): Promise<void> {
  const { ctx } = env;
  const communes = unitTree(ctx).communesWithin(ctx.config.homeUnit);
  const record = ctx.cipher.encrypt('declarations.record', JSON.stringify({ formVersion: 'domestic@1', declaredFor: 'self', person: personOf(0, '01843'), visitedUnits: [], visitedCountries: [], symptoms: [], contactWithCase: false, contactWithTraveller: false, contactWithSymptomatic: false, chronicConditions: [] }));
  const now = ctx.clock.now();
  for (let start = 0; start < count; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const commune = communes[i % communes.length];
      rows.push({
        id: newId(ctx),
        subject_id: `bench-person-${i}`,
        declared_by: `bench-person-${i}`,
        client_event_id: `bench-${i}`,
        kind: 'domestic',
        form_version: 'domestic@1',
        record_enc: record,
        name_index: ctx.cipher.blindIndex('name', foldVietnamese(`Nguyễn Văn Thử ${i}`)),
        phone_index: ctx.cipher.blindIndex('phone', phoneOf(i)),
        id_number_index: ctx.cipher.blindIndex('id_number', idNumberOf(i)),
        province_code: ctx.config.homeUnit,
        district_code: null,
        commune_code: commune?.code ?? null,
        place_id: null,
        gate_code: null,
        arrival_date: null,
        vehicle_key: null,
        flagged: i % 50 === 0 ? 1 : 0,
        flag_reasons: i % 50 === 0 ? '["any_symptom"]' : '[]',
        supersedes_id: null,
        status: 'current',
        submitted_at: now - (i % 30) * 86_400_000 - i,
      });
    }
    await ctx.db.insertInto('declarations').values(rows).execute();
  }
}

/** Submissions one after another and eight at a time, as requests per second. */
async function throughput(count: number, send: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const lanes = 8;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let i = lane; i < count; i += lanes) await send(i);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function measure(label: string, databaseEnv: Record<string, string>, count: number, full: boolean): Promise<BenchResult[]> {
  const env = await benchEnvironment(databaseEnv);
  try {
    const seedStarted = performance.now();
    await seedDeclarations(env, count);
    await optimizeDatabase(env.ctx.db, env.ctx.dialect);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const headers = await benchSession(env, 'official', env.ctx.config.homeUnit);
    const lookups = full ? 2000 : 600;
    const urlOf = (i: number): string => {
      const person = crypto.randomInt(count);
      return i % 2 ? `/api/v1/declarations?phone=${encodeURIComponent(phoneOf(person).replace('+84', '0'))}` : `/api/v1/declarations?idNumber=${idNumberOf(person)}`;
    };
    const first = await env.app.inject({ url: urlOf(1), headers });
    if (first.statusCode !== 200 || (first.json() as { total: number }).total !== 1) throw new Error(`lookup: ${first.statusCode} ${first.body}`);
    const search = await timeEach(lookups, (i) => env.app.inject({ url: urlOf(i), headers }));
    const baseline = await timeEach(lookups, () => env.app.inject({ url: '/healthz' }));

    const citizen = await findOrCreateCitizenByPhone(env.ctx, '+84912999000');
    const session = await issueSession(env.ctx, citizen.id, 86_400_000);
    const citizenHeaders = { cookie: `pd_session=${session.token}`, 'x-csrf-token': session.csrfToken };
    const submissions = full ? 3000 : 1000;
    const submitRate = await throughput(submissions, (i) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/declarations',
        headers: citizenHeaders,
        payload: { clientEventId: crypto.randomUUID(), declaration: { formVersion: 'domestic@1', declaredFor: 'self', person: personOf(count + i, '01843'), visitedUnits: [], visitedCountries: [], symptoms: [], contactWithCase: false, contactWithTraveller: false, contactWithSymptomatic: false, chronicConditions: [] } },
      }).then((r) => {
        if (r.statusCode !== 201) throw new Error(`submit: ${r.statusCode} ${r.body}`);
      }),
    );
    const noopRate = await throughput(submissions, () => env.app.inject({ url: '/healthz' }));

    const p95 = percentile(search, 95);
    return [
      {
        name: `declaration lookup by phone or ID p95 (${count.toLocaleString('en')} declarations, ${label})`,
        figure: p95,
        unit: 'ms',
        baseline: percentile(baseline, 95),
        baselineLabel: 'no-op route p95',
        ratio: p95 / percentile(baseline, 95),
        target: 'p95 < 20 ms',
        pass: p95 < 20,
        details: { declarations: count, lookups, p50: round(percentile(search, 50)), p99: round(percentile(search, 99)), seedSeconds: round(seedSeconds, 1) },
      },
      {
        name: `declaration submission (${label})`,
        figure: submitRate,
        unit: 'req/s',
        baseline: noopRate,
        baselineLabel: 'no-op route',
        ratio: submitRate / noopRate,
        target: 'reported beside the no-op baseline',
        pass: true,
        details: { submissions, concurrency: 8 },
      },
    ];
  } finally {
    await env.close();
  }
}

export const declarationSearchBenchmark: Benchmark = {
  name: 'declaration lookup',
  async run({ full }) {
    const count = full ? 1_000_000 : 200_000;
    const results = await measure('SQLite', {}, count, full);
    const pgUrl = benchPostgresUrl();
    if (pgUrl) results.push(...(await measure('PostgreSQL', { DATABASE_URL: await freshPostgres(pgUrl) }, count, full)));
    return results;
  },
};
