import { SYSTEM_ACTOR } from '../../../apps/server/src/actor.js';
import type { Context } from '../../../apps/server/src/context.js';
import { optimizeDatabase } from '../../../apps/server/src/db/database.js';
import { unitTree } from '../../../apps/server/src/modules/units/index.js';
import type { Table } from './bulk-insert.js';
import { loadRun } from './load-context.js';
import { loadPeople } from './load-people.js';
import { loadPlaces } from './load-places.js';
import { loadVisits } from './load-visits.js';
import type { Simulation } from './model.js';

export interface LoadOptions {
  /** The account recorded as having imported the places (default: the platform itself, as the CLI). */
  registeredBy?: string;
  /** Added to person indexes to make phone numbers, so two loads into one database do not collide. */
  phoneOffset?: number;
  /** Rows per transaction (default 50,000). */
  chunkRows?: number;
  /** Called after each chunk is committed (the CLI prints progress). */
  onProgress?: (table: Table, done: number, total: number) => void;
}

export interface LoadResult {
  /** Database id of each simulated person (their citizen account). */
  userIdByPerson: string[];
  /** Database id of each simulated place. */
  placeIdByPlace: string[];
  /** QR point ids of each place, main gate first. */
  pointIdsByPlace: string[][];
  /** The household of each person: people of one household share an address. */
  householdByPerson: Int32Array;
  counts: { users: number; personalQr: number; places: number; points: number; members: number; visits: number; autoClosed: number; open: number };
}

function checkCommunes(ctx: Context, sim: Simulation): void {
  const tree = unitTree(ctx);
  for (const code of sim.communes) {
    const unit = tree.get(code);
    if (!unit || unit.tier !== 'commune') throw new Error(`commune ${code} is not a commune of this installation's ${ctx.config.unitsDataset} units`);
  }
}

/**
 * Loads a simulation into the database as the server itself would have stored it: people as
 * citizen accounts (phone +849… from their index), places imported by an official with their owner
 * and QR points, and every visit as of the end of the simulation. Meant for a fresh installation:
 * SQLite through prepared statements, PostgreSQL through multi-row inserts.
 */
export async function loadSimulation(ctx: Context, sim: Simulation, options: LoadOptions = {}): Promise<LoadResult> {
  checkCommunes(ctx, sim);
  const run = loadRun(ctx, sim, {
    chunkRows: options.chunkRows ?? 50_000,
    registeredBy: options.registeredBy ?? SYSTEM_ACTOR.userId,
    phoneOffset: options.phoneOffset ?? 0,
    onProgress: options.onProgress,
  });
  const people = await loadPeople(run);
  const places = await loadPlaces(run, people.userIdByPerson);
  const visits = await loadVisits(run, people.userIdByPerson, places);
  // The planner's statistics are stale after a bulk load (database.ts says so too).
  await optimizeDatabase(ctx.db, ctx.dialect);
  return {
    userIdByPerson: people.userIdByPerson,
    placeIdByPlace: places.placeIdByPlace,
    pointIdsByPlace: places.pointIdsByPlace,
    householdByPerson: sim.people.household,
    counts: { users: people.users, personalQr: people.personalQr, places: places.places, points: places.points, members: places.members, ...visits },
  };
}
