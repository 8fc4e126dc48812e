import { localDateOf } from '@phongdich/core';
import { sql } from 'kysely';
import type { Context } from '../../../../apps/server/src/context.js';
import { insertCase, type CaseRow } from '../../../../apps/server/src/modules/cases/cases.repository.js';
import { caseWindow, findChain, findChains } from '../../../../apps/server/src/modules/cases/tracing.service.js';
import type { Simulation } from '../../../simulator/src/index.js';
import { percentile, round, type Benchmark, type BenchResult } from '../framework.js';
import { benchEnvironment, benchPostgresUrl, freshPostgres } from '../setup.js';
import { loadSimulatedProvince } from '../simulated.js';

interface Size {
  people: number;
  places: number;
}

/** Peak resident memory of this process while `fn` runs, sampled every 20 ms. */
async function withPeakMemory<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** Cases as a health department would have registered them: the detected infections, isolated on detection. */
async function registerDetected(ctx: Context, sim: Simulation, userIds: string[], count: number): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (let person = 0; person < sim.people.count && rows.length < count; person++) {
    const detectedAt = Math.round(sim.course.detectedAt[person] ?? Number.NaN);
    if (!(detectedAt < sim.endAt)) continue;
    const onsetAt = sim.course.onsetAt[person] ?? Number.NaN;
    const row: CaseRow = {
      id: `bench-case-${person}`,
      code: `BN-${String(rows.length + 1).padStart(5, '0')}`,
      person_id: userIds[person] as string,
      name_enc: ctx.cipher.encrypt('cases.name', 'Ca thử'),
      phone_enc: ctx.cipher.encrypt('cases.phone', '+84900000000'),
      address_enc: null,
      province_code: ctx.config.homeUnit,
      district_code: null,
      commune_code: sim.communes[sim.people.commune[person] ?? 0] as string,
      classification: 'confirmed',
      onset_date: Number.isNaN(onsetAt) ? null : localDateOf(onsetAt),
      test_date: localDateOf(detectedAt),
      test_result: 'positive',
      isolation_date: localDateOf(detectedAt),
      isolation_place_enc: null,
      outcome: 'active',
      from_contact_id: null,
      note_enc: null,
      traced_at: null,
      created_by: 'bench',
      created_at: detectedAt,
      updated_at: detectedAt,
      closed_at: null,
    };
    await insertCase(ctx.db, row);
    rows.push(row);
  }
  return rows;
}

/** The straightforward SQL a first version would use: a self-join of visits on place and overlapping time. */
async function selfJoinContacts(ctx: Context, personIds: readonly string[], window: { start: number; end: number }): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const buffer = ctx.config.traceBufferMs.market;
  const open = 2 * 3_600_000;
  const rows = await sql<{ person_id: string }>`
    select distinct b.person_id from visits a
    join visits b on b.place_id = a.place_id
      and b.checked_in_at <= coalesce(a.checked_out_at, a.checked_in_at + ${open}) + ${buffer}
      and coalesce(b.checked_out_at, b.checked_in_at + ${open}) >= a.checked_in_at - ${buffer}
    where a.person_id in (${sql.join(personIds)}) and a.checked_in_at >= ${window.start} and a.checked_in_at < ${window.end}
      and b.person_id is not null`.execute(ctx.db);
  const found = new Set(rows.rows.map((r) => r.person_id));
  for (const id of personIds) found.delete(id);
  return found;
}

async function measure(label: string, databaseEnv: Record<string, string>, size: Size): Promise<BenchResult[]> {
  const env = await benchEnvironment(databaseEnv);
  const { ctx } = env;
  try {
    const { sim, loaded, loadSeconds } = await loadSimulatedProvince(env, size);
    const cases = await registerDetected(ctx, sim, loaded.userIdByPerson, 100);
    if (cases.length < 100) throw new Error(`only ${cases.length} detected cases in the simulation`);

    // F1 of one case at a time.
    const single: number[] = [];
    const singleBaseline: number[] = [];
    let f1Total = 0;
    for (const row of cases.slice(0, 30)) {
      let started = performance.now();
      f1Total += (await findChain(ctx, row, 1)).size;
      single.push(performance.now() - started);
      started = performance.now();
      await selfJoinContacts(ctx, [row.person_id], caseWindow(ctx, row));
      singleBaseline.push(performance.now() - started);
    }

    // F1 and F2 of 100 cases together (as a batch), then one case after another (as the retrace job does).
    const { value: many, peakMb } = await withPeakMemory(async () => {
      const started = performance.now();
      const chains = await findChains(ctx, cases.map((row) => ({ row })), 2);
      return { ms: performance.now() - started, contacts: chains.reduce((n, chain) => n + chain.size, 0) };
    });
    const oneByOneStarted = performance.now();
    for (const row of cases) await findChain(ctx, row, 2);
    const oneByOne = performance.now() - oneByOneStarted;
    const baselineStarted = performance.now();
    for (const row of cases) {
      const window = caseWindow(ctx, row);
      const f1 = await selfJoinContacts(ctx, [row.person_id], window);
      await selfJoinContacts(ctx, [...f1].slice(0, 5000), { start: window.start, end: ctx.clock.now() });
    }
    const manyBaseline = performance.now() - baselineStarted;

    const p95 = percentile(single, 95);
    const details = { people: size.people, places: size.places, visits: loaded.counts.visits, loadSeconds: round(loadSeconds, 1) };
    return [
      {
        name: `F1 of one case p95 (${label})`,
        figure: p95,
        unit: 'ms',
        baseline: percentile(singleBaseline, 95),
        baselineLabel: 'SQL self-join p95',
        ratio: p95 / percentile(singleBaseline, 95),
        target: 'p95 < 50 ms',
        pass: p95 < 50,
        details: { ...details, cases: single.length, p50: round(percentile(single, 50)), meanF1: round(f1Total / single.length, 1) },
      },
      {
        name: `F1 and F2 of 100 cases (${label})`,
        figure: many.ms,
        unit: 'ms',
        baseline: manyBaseline,
        baselineLabel: 'SQL self-join',
        ratio: many.ms / manyBaseline,
        target: '< 2,000 ms',
        pass: many.ms < 2000,
        details: { ...details, contacts: many.contacts, oneByOneMs: round(oneByOne, 0), peakRssMb: round(peakMb, 0) },
      },
    ];
  } finally {
    await env.close();
  }
}

export const tracingBenchmark: Benchmark = {
  name: 'tracing',
  async run({ full }) {
    const size = full ? { people: 1_000_000, places: 20_000 } : { people: 100_000, places: 2_000 };
    const results = await measure('SQLite', {}, size);
    const pgUrl = benchPostgresUrl();
    if (pgUrl) results.push(...(await measure('PostgreSQL', { DATABASE_URL: await freshPostgres(pgUrl) }, size)));
    return results;
  },
};
