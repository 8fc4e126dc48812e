import { localDateOf } from '@phongdich/core';
import { writeSheet } from '../../../../apps/server/src/documents/spreadsheet.js';
import { rollUpVisits } from '../../../../apps/server/src/modules/reports/index.js';
import { percentile, round, timeEach, type Benchmark, type BenchResult } from '../framework.js';
import { benchEnvironment, benchPostgresUrl, benchSession, freshPostgres } from '../setup.js';
import { loadSimulatedProvince } from '../simulated.js';

const DAY_MS = 86_400_000;

async function measure(label: string, databaseEnv: Record<string, string>, size: { people: number; places: number }, requests: number): Promise<BenchResult[]> {
  const env = await benchEnvironment(databaseEnv);
  try {
    const { loaded, loadSeconds } = await loadSimulatedProvince(env, size);
    const rollupStarted = performance.now();
    const rolled = await rollUpVisits(env.ctx);
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    const headers = await benchSession(env, 'official', env.ctx.config.homeUnit);
    const to = localDateOf(env.ctx.clock.now() - DAY_MS);
    const from = localDateOf(env.ctx.clock.now() - 7 * DAY_MS);
    const url = `/api/v1/reports/deployment?from=${from}&to=${to}`;
    const first = await env.app.inject({ url, headers });
    if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`);
    const report = await timeEach(requests, () => env.app.inject({ url, headers }));
    const baseline = await timeEach(requests, () => env.app.inject({ url: '/healthz' }));
    const p95 = percentile(report, 95);
    const results: BenchResult[] = [
      {
        name: `province deployment report p95 (${label})`,
        figure: p95,
        unit: 'ms',
        baseline: percentile(baseline, 95),
        baselineLabel: 'no-op route p95',
        ratio: p95 / percentile(baseline, 95),
        target: '< 1,000 ms',
        pass: p95 < 1000,
        details: { places: loaded.counts.places, visits: loaded.counts.visits, communes: (first.json() as { rows: unknown[] }).rows.length, rollupSeconds: round(rollupSeconds, 1), visitsRolledUp: rolled, loadSeconds: round(loadSeconds, 1), p50: round(percentile(report, 50)) },
      },
    ];
    // A full-size run takes long: each database's figure is printed as soon as it is measured, so a
    // run stopped before the end still leaves what it measured.
    process.stdout.write(`${JSON.stringify(results[0])}\n`);
    return results;
  } finally {
    await env.close();
  }
}

/** The sheet writer every export goes through, on 10,000 report rows, beside the same rows as CSV. */
async function sheetExport(): Promise<BenchResult> {
  const columns = ['name', 'required', 'registeredOfRequired', 'share', 'registered', 'active7d', 'scansPerDay', 'neverScanned'].map((key) => ({ key, heading: key }));
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ name: `Điểm kiểm dịch số ${i}, Phường Bắc Kạn`, required: i % 7, registeredOfRequired: i % 5, share: `${i % 100}%`, registered: i % 13, active7d: i % 11, scansPerDay: (i % 97) / 3, neverScanned: i % 3 }));
  const time = async (format: 'xlsx' | 'csv') => {
    const started = performance.now();
    await writeSheet(format, 'Triển khai', columns, rows);
    return performance.now() - started;
  };
  await time('xlsx');
  const xlsx = await time('xlsx');
  const csv = await time('csv');
  return { name: 'XLSX export of 10,000 rows', figure: xlsx, unit: 'ms', baseline: csv, baselineLabel: 'same rows as CSV', ratio: xlsx / csv, target: '< 3,000 ms', pass: xlsx < 3000, details: { rows: rows.length } };
}

export const reportsBenchmark: Benchmark = {
  name: 'reports',
  async run({ full }) {
    const size = full ? { people: 850_000, places: 100_000 } : { people: 100_000, places: 10_000 };
    const requests = full ? 20 : 10;
    const results = await measure('SQLite', {}, size, requests);
    const pgUrl = benchPostgresUrl();
    if (pgUrl) results.push(...(await measure('PostgreSQL', { DATABASE_URL: await freshPostgres(pgUrl) }, size, requests)));
    results.push(await sheetExport());
    return results;
  },
};
