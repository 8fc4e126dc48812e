import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { localDateOf, nationalPhone, type CampaignSummary, type Role } from '@phongdich/core';
import type { Actor } from '../../../apps/server/src/actor.js';
import { seededRng } from '../../../apps/server/src/clock.js';
import { loadConfig } from '../../../apps/server/src/config/config.js';
import type { Environment } from '../../../apps/server/src/config/env.js';
import { createContext, type Context } from '../../../apps/server/src/context.js';
import { migrateToLatest } from '../../../apps/server/src/db/migrate.js';
import { computeRiskLevels } from '../../../apps/server/src/modules/map/risk.service.js';
import { deliverDueMessages } from '../../../apps/server/src/modules/messaging/index.js';
import { closeProviders } from '../../../apps/server/src/modules/messaging/providers.js';
import { rollUpVisits } from '../../../apps/server/src/modules/reports/index.js';
import { submitReport } from '../../../apps/server/src/modules/reports/submissions.js';
import { initUnits, unitTree } from '../../../apps/server/src/modules/units/index.js';
import { DAY_MS, vietnamMidnight, vietnamWeekday } from './calendar.js';
import { asOf, localHour } from './demo-clock.js';
import { bluetoothDemo } from './demo-bluetooth.js';
import { campaignsDemo } from './demo-campaigns.js';
import { actorOf, assessments, busiestCommune, communeStatistics, declarations, mustRegisterLists, officials, outbreak, type DemoOfficial } from './demo-seed.js';
import { loadSimulation, type LoadResult } from './load.js';
import { simulateProvince, type Simulation } from './model.js';
import { personPhone } from './names.js';
import { Prng } from './prng.js';
import { provinceSetup } from './province.js';

// The demo province: a fresh installation of the home province filled by the simulator and by what
// its officials, owners, citizens and health department would have done over three weeks. `npm run
// demo` builds it and starts the server on it; the browser tour builds a small one for the README.
// The password below is for throw-away demo databases only.

export const DEMO_PASSWORD = 'phongdich-demo';
const SEED = 2021;
const DAYS = 21;

export interface DemoSize {
  people: number;
  places: number;
}

/** One way into the demo: a staff username (password DEMO_PASSWORD) or a phone signed in with a one-time code. */
export interface DemoLogin {
  role: Role;
  /** Who this is, as the summary prints it. */
  label: string;
  username?: string;
  /** National format (0…), as a person types it. */
  phone?: string;
  /** The unit a staff account works for (null: the whole installation). */
  unitCode: string | null;
}

export interface DemoProvince {
  homeUnit: string;
  /** Of every staff login. */
  password: string;
  commune: { code: string; name: string };
  logins: DemoLogin[];
  /** The place the demo owner owns and the demo staff scans at. */
  place: { id: string; name: string };
  /** A case whose chain has grown through a contact who tested positive (the tracing graph to show). */
  chainCase: { id: string; code: string };
  campaigns: CampaignSummary[];
  /** What was made, a line each, for the console. */
  summary: string[];
}

function logins(accounts: DemoOfficial[], phones: { owner: string; staff: string; citizen: string }, unitName: (code: string | null) => string): DemoLogin[] {
  const staff: DemoLogin[] = accounts.map((a) => ({ role: a.role, label: `${a.displayName} (${unitName(a.unitCode)})`, username: a.username, unitCode: a.unitCode }));
  return [
    ...staff,
    { role: 'place_owner', label: 'Chủ địa điểm', phone: nationalPhone(phones.owner), unitCode: null },
    { role: 'scanner_staff', label: 'Nhân viên quét mã', phone: nationalPhone(phones.staff), unitCode: null },
    { role: 'citizen', label: 'Người dân', phone: nationalPhone(phones.citizen), unitCode: null },
  ];
}

/**
 * Last week, Monday to Sunday in Vietnam, as weekly reports cover it, and when the demo commune
 * submitted its report: this Monday at 9:00 (or now, early on a Monday).
 */
function lastWeek(now: number): { from: string; to: string; submittedAt: number } {
  const today = vietnamMidnight(now);
  const monday = today - ((vietnamWeekday(today) + 6) % 7) * DAY_MS;
  return { from: localDateOf(monday - 7 * DAY_MS), to: localDateOf(monday - DAY_MS), submittedAt: Math.min(now, localHour(monday, 0, 9)) };
}

/** The first place of the demo commune that has an owner: the demo owner's, with a guard added as scanner staff; and a citizen. */
async function demoPlace(ctx: Context, sim: Simulation, loaded: LoadResult, commune: string) {
  const placeIndex = [...Array(sim.places.count).keys()].find((p) => sim.communes[sim.places.commune[p] as number] === commune && (sim.places.owner[p] as number) >= 0) ?? 0;
  const ownerPerson = sim.places.owner[placeIndex] as number;
  const staffPerson = (ownerPerson + 1) % sim.people.count;
  const placeId = loaded.placeIdByPlace[placeIndex] as string;
  await ctx.db.insertInto('place_members').values({ place_id: placeId, user_id: loaded.userIdByPerson[staffPerson] as string, role: 'staff', added_by: 'demo', created_at: ctx.clock.now() }).onConflict((oc) => oc.doNothing()).execute();
  // The demo citizen owns no place: their app is a citizen's only.
  const owners = new Set(sim.places.owner);
  const citizenPerson = [...Array(sim.people.count).keys()].find((p) => (sim.people.age[p] as number) >= 18 && !owners.has(p) && p !== staffPerson) ?? 2;
  const place = await ctx.db.selectFrom('places').select(['id', 'name']).where('id', '=', placeId).executeTakeFirstOrThrow();
  return { place, phones: { owner: personPhone(ownerPerson), staff: personPhone(staffPerson), citizen: personPhone(citizenPerson) } };
}

/**
 * Fills a migrated database with the demo province (units loaded): the simulated people, places and
 * visits, officials, declarations, self-assessments, the outbreak as traced, Bluetooth keys, risk
 * levels, a commune's weekly report and campaigns. `log` gets a line per step as it finishes.
 */
export async function seedDemo(ctx: Context, size: DemoSize, log: (line: string) => void = () => {}): Promise<DemoProvince> {
  const started = performance.now();
  const summary: string[] = [];
  const say = (line: string) => {
    summary.push(line);
    log(line);
  };
  const random = new Prng(SEED);
  const startAt = vietnamMidnight(ctx.clock.now()) - DAYS * DAY_MS;
  const sim = simulateProvince({ seed: SEED, ...provinceSetup(ctx), people: size.people, places: size.places, startAt, days: DAYS, outbreak: { seedDay: 3, seedCases: 8 } });
  const loaded = await loadSimulation(ctx, sim);
  say(`${loaded.counts.users} citizens, ${loaded.counts.places} places with ${loaded.counts.points} QR points, ${loaded.counts.visits} visits (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const commune = busiestCommune(sim);
  const accounts = await officials(ctx, commune, DEMO_PASSWORD);
  const account = (username: string) => accounts.find((a) => a.username === username) as DemoOfficial;
  const health = await actorOf(ctx, account('cdc.tinh'));
  const province = await actorOf(ctx, account('sotttt.tinh'));
  const lists = await mustRegisterLists(ctx, province, random);
  say(`${lists.listed} places on the communes' must-register lists, ${lists.missing} of them not registered yet`);
  say(`${await declarations(ctx, sim, loaded, random, { everywhere: 0.08, drive: { commune, share: 0.3 } })} health declarations`);
  say(`${await assessments(ctx, sim, loaded, random)} safety self-assessments`);
  const outcome = await outbreak(ctx, sim, loaded, health, random);
  const contacts = await ctx.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  say(`${outcome.cases} cases (${outcome.converted} were contacts first), ${Number(contacts.n)} contacts traced`);
  const bt = await bluetoothDemo(ctx, sim, health, outcome.caseByPerson, SEED);
  say(`Bluetooth: ${bt.phones} phones with Bluezone; ${bt.uploads} cases uploaded ${bt.keys} keys (${bt.files} signed export file(s)); ${bt.warned} phones warned, ${bt.highRisk} of them at high risk`);
  await rollUpVisits(ctx);
  say(`Population and vaccination coverage of ${await communeStatistics(ctx, sim, health, random)} communes`);
  await computeRiskLevels(ctx);
  const communeOfficial = await actorOf(ctx, account('ubnd.xa'));
  const week = lastWeek(ctx.clock.now());
  await asOf(ctx, week.submittedAt, () => submitReport(ctx, communeOfficial, { unit: commune, from: week.from, to: week.to }));
  const actors: Record<'province' | 'provinceHealth' | 'commune' | 'admin', Actor> = { province, provinceHealth: health, commune: communeOfficial, admin: await actorOf(ctx, account('quantri')) };
  const campaigns = await campaignsDemo(ctx, actors, commune);
  // What the sender would have sent by now (the warnings to the last day's contacts), so the demo
  // server's log starts with its own messages, the sign-in codes people wait for.
  await deliverDueMessages(ctx);
  say(`${campaigns.length} campaigns: ${campaigns.map((c) => `"${c.name}" ${c.runsDone}/${c.runCount} runs, ${c.totals.sent + c.totals.delivered} messages sent`).join('; ')}`);
  const demo = await demoPlace(ctx, sim, loaded, commune);
  const chainCaseId = outcome.chainCaseIds[0];
  if (!chainCaseId) throw new Error('no contact of a demo case tested positive: the demo province is too small');
  const chainCase = await ctx.db.selectFrom('cases').select(['id', 'code']).where('id', '=', chainCaseId).executeTakeFirstOrThrow();
  const unitName = (code: string | null) => (code ? (unitTree(ctx).get(code)?.name ?? code) : 'toàn hệ thống');
  return {
    homeUnit: ctx.config.homeUnit,
    password: DEMO_PASSWORD,
    commune: { code: commune, name: unitName(commune) },
    logins: logins(accounts, demo.phones, unitName),
    place: demo.place,
    chainCase,
    campaigns,
    summary,
  };
}

/** Provider settings the demo's seeding ignores: the messages of its past weeks go to the log, never to a real SMS centre. */
const PROVIDER_SETTINGS = ['SMPP_URL', 'SMPP_SYSTEM_ID', 'OTT_WEBHOOK_URL', 'OTT_WEBHOOK_SECRET', 'SMTP_URL', 'SMTP_FROM', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY'];

/** The installation's settings for seeding: the given ones, with messages to the log and not paced (there is no provider to spare). */
function seedingEnvironment(env: Environment, dataDir: string): Environment {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !PROVIDER_SETTINGS.includes(name)));
  return { ...kept, DATA_DIR: dataDir, MESSAGE_RATE_LIMITS: JSON.stringify({ sms: 100_000, ott: 100_000, email: 100_000, push: 100_000 }) };
}

export interface BuildOptions {
  /** Emptied first: the demo is always a fresh installation. */
  dataDir: string;
  size: DemoSize;
  /** The installation's settings (home province, units, database…); DATA_DIR is taken from `dataDir`. */
  env?: Environment;
  log?: (line: string) => void;
}

/**
 * Builds the demo province into a fresh data directory (database and keys), ready for the server to
 * start on with the same settings. Nothing is served and nothing is printed but `log`.
 */
export async function buildDemoProvince(options: BuildOptions): Promise<DemoProvince> {
  const dataDir = path.resolve(options.dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const config = loadConfig(seedingEnvironment(options.env ?? {}, dataDir));
  // Warnings only: the seeding's own info lines (its messages "delivered to log") are not the demo's.
  const ctx = createContext(config, { rng: seededRng(SEED), logger: pino({ level: 'warn' }) });
  try {
    await migrateToLatest(ctx.db);
    await initUnits(ctx);
    return await seedDemo(ctx, options.size, options.log);
  } finally {
    await closeProviders(ctx);
    await ctx.close();
  }
}
