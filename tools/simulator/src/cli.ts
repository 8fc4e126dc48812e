import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRng } from '../../../apps/server/src/clock.js';
import { loadConfig } from '../../../apps/server/src/config/config.js';
import { createContext } from '../../../apps/server/src/context.js';
import { migrateToLatest } from '../../../apps/server/src/db/migrate.js';
import { initUnits } from '../../../apps/server/src/modules/units/index.js';
import { DAY_MS, vietnamMidnight } from './calendar.js';
import { loadSimulation } from './load.js';
import { simulateProvince } from './model.js';
import { HOUSEHOLD, SEED } from './outbreak.js';
import { provinceSetup } from './province.js';

const USAGE = `usage: node --import tsx tools/simulator/src/cli.ts --data-dir DIR [options]
  --people N          people in the province (default 10000)
  --places N          registered places (default 500)
  --days N            days simulated (default 21)
  --seed N            random seed (default 1)
  --start YYYY-MM-DD  first day (default: so that the last day ends at today's midnight)
  --dataset NAME      vn-2025 (default) or vn-2021
  --home CODE         home province (default: the dataset's)
  --database-url URL  PostgreSQL instead of SQLite in DATA_DIR
  --seed-cases N      cases introduced (default 5; 0 for no outbreak)
  --seed-day N        day they are infected (default 3)
  --missed-checkout X share of visits never checked out (default 0.15)
  --no-smartphone X   share of people whose visits staff record (default 0.2)`;

const out = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function number(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      ['people', 'places', 'days', 'seed', 'start', 'dataset', 'home', 'data-dir', 'database-url', 'seed-cases', 'seed-day', 'missed-checkout', 'no-smartphone'].map((k) => [k, { type: 'string' as const }]),
    ),
  });
  const dataDir = values['data-dir'];
  if (!dataDir) {
    out(USAGE);
    return 2;
  }
  if (!values['database-url'] && fs.existsSync(path.join(dataDir, 'phongdich.sqlite'))) throw new Error(`${dataDir} already holds an installation; give an empty directory`);
  const seed = number(values.seed, 1, 'seed');
  const days = number(values.days, 21, 'days');
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...(values.dataset ? { UNITS_DATASET: values.dataset } : {}),
    ...(values.home ? { HOME_UNIT: values.home } : {}),
    ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}),
  });
  // Seeded randomness: the same arguments give the same ids and short codes too.
  const ctx = createContext(config, { rng: seededRng(seed) });
  try {
    await migrateToLatest(ctx.db);
    await initUnits(ctx);
    const existing = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) throw new Error('the database already holds accounts; the simulator loads a fresh installation');
    const startAt = values.start ? Date.parse(`${values.start}T00:00:00+07:00`) : vietnamMidnight(ctx.clock.now()) - days * DAY_MS;
    if (Number.isNaN(startAt)) throw new Error('--start must be a date, YYYY-MM-DD');
    const seedCases = number(values['seed-cases'], 5, 'seed-cases');

    const t0 = performance.now();
    const province = provinceSetup(ctx);
    const sim = simulateProvince({
      seed,
      ...province,
      people: number(values.people, 10_000, 'people'),
      places: number(values.places, 500, 'places'),
      startAt,
      days,
      missedCheckoutShare: number(values['missed-checkout'], 0.15, 'missed-checkout'),
      noSmartphoneShare: number(values['no-smartphone'], 0.2, 'no-smartphone'),
      ...(seedCases > 0 ? { outbreak: { seedDay: number(values['seed-day'], 3, 'seed-day'), seedCases } } : {}),
    });
    const t1 = performance.now();
    out(`simulated ${config.homeUnit} (${config.unitsDataset}, ${sim.communes.length} communes) from ${new Date(sim.startAt).toISOString()} for ${days} days in ${seconds(t1 - t0)}`);
    out(`  ${sim.people.count} people in ${sim.households.count} households, ${sim.places.count} places, ${sim.visits.count} visits`);
    let household = 0;
    let seeds = 0;
    for (let i = 0; i < sim.infections.count; i++) {
      if (sim.infections.placeIndex[i] === HOUSEHOLD) household++;
      if (sim.infections.placeIndex[i] === SEED) seeds++;
    }
    let detected = 0;
    for (let p = 0; p < sim.people.count; p++) if ((sim.course.detectedAt[p] ?? Number.NaN) < sim.endAt) detected++;
    out(`  ${sim.infections.count} infections (${seeds} seeded, ${household} at home, ${sim.infections.count - seeds - household} at places), ${detected} detected by the end`);

    let last = '';
    const result = await loadSimulation(ctx, sim, {
      onProgress: (table, done, total) => {
        if (table !== last || done === total || done % 500_000 === 0) out(`  ${table}: ${done}/${total}  ${seconds(performance.now() - t1)}`);
        last = table;
      },
    });
    const t2 = performance.now();
    const c = result.counts;
    out(`loaded in ${seconds(t2 - t1)} (${Math.round(c.visits / ((t2 - t1) / 1000))} visits/s overall)`);
    out(`  ${c.users} citizens, ${c.personalQr} personal QR cards, ${c.places} places, ${c.points} QR points, ${c.members} owners`);
    out(`  ${c.visits} visits (${c.autoClosed} closed by auto check-out, ${c.open} still open)`);
    out(`total ${seconds(t2 - t0)}, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    out(`data in ${path.resolve(dataDir)}; sign in as a simulated citizen with +84900000000 and up`);
    return 0;
  } finally {
    await ctx.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
