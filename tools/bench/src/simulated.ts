import { optimizeDatabase } from '../../../apps/server/src/db/database.js';
import { DAY_MS, loadSimulation, provinceSetup, simulateProvince, vietnamMidnight, type LoadResult, type Simulation } from '../../simulator/src/index.js';
import type { BenchEnvironment } from './setup.js';

/** Three weeks of a simulated province loaded into a benchmark installation, ending at today's midnight. */
export async function loadSimulatedProvince(env: BenchEnvironment, size: { people: number; places: number }): Promise<{ sim: Simulation; loaded: LoadResult; loadSeconds: number }> {
  const { ctx } = env;
  const started = performance.now();
  const days = 21;
  const startAt = vietnamMidnight(ctx.clock.now()) - days * DAY_MS;
  const sim = simulateProvince({ seed: 7, ...provinceSetup(ctx), people: size.people, places: size.places, startAt, days, outbreak: { seedDay: 2, seedCases: Math.max(20, Math.round(size.people / 2_000)) } });
  const loaded = await loadSimulation(ctx, sim);
  await optimizeDatabase(ctx.db, ctx.dialect);
  return { sim, loaded, loadSeconds: (performance.now() - started) / 1000 };
}
