import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { criteriaSetFor, localDateOf, riskPercentOf, safetyLevelOf, type PlaceType } from '@phongdich/core';
import { SYSTEM_ACTOR, type Actor } from '../../../apps/server/src/actor.js';
import { seededRng } from '../../../apps/server/src/clock.js';
import { loadConfig } from '../../../apps/server/src/config/config.js';
import { readEnvironment } from '../../../apps/server/src/config/env.js';
import { createContext, newId, type Context } from '../../../apps/server/src/context.js';
import { migrateToLatest } from '../../../apps/server/src/db/migrate.js';
import { serve } from '../../../apps/server/src/main.js';
import { createUser } from '../../../apps/server/src/modules/accounts/index.js';
import { contactsOfCases } from '../../../apps/server/src/modules/cases/cases.repository.js';
import { convertContact, registerCase } from '../../../apps/server/src/modules/cases/cases.service.js';
import { submitDeclaration } from '../../../apps/server/src/modules/declarations/declarations.service.js';
import { computeRiskLevels } from '../../../apps/server/src/modules/map/risk.service.js';
import { rollUpVisits } from '../../../apps/server/src/modules/reports/index.js';
import { submitReport } from '../../../apps/server/src/modules/reports/submissions.js';
import { initUnits, unitTree } from '../../../apps/server/src/modules/units/index.js';
import { DAY_MS, vietnamMidnight } from './calendar.js';
import { bluetoothDemo } from './demo-bluetooth.js';
import { loadSimulation, type LoadResult } from './load.js';
import { simulateProvince, type Simulation } from './model.js';
import { personName, personPhone } from './names.js';
import { Prng } from './prng.js';
import { provinceSetup } from './province.js';

// `npm run demo`: a fresh installation of the home province filled by the simulator, then the server.
// The passwords below are for this throw-away demo database only.

const PEOPLE = Number(process.env.DEMO_PEOPLE ?? 30_000);
const PLACES = Number(process.env.DEMO_PLACES ?? 2_000);
const DEMO_PASSWORD = 'phongdich-demo';

const out = (line: string) => process.stdout.write(`${line}\n`);

function citizen(userId: string): Actor {
  return { userId, role: 'citizen', unitCode: null, sector: null, requestId: null };
}

/** The commune with the most places: the demo's commune officials work there. */
function busiestCommune(sim: Simulation): string {
  const counts = new Map<number, number>();
  for (let p = 0; p < sim.places.count; p++) counts.set(sim.places.commune[p] as number, (counts.get(sim.places.commune[p] as number) ?? 0) + 1);
  const [index] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [number, number];
  return sim.communes[index] as string;
}

async function officials(ctx: Context, commune: string) {
  const accounts = [
    { username: 'quantri', displayName: 'Quản trị hệ thống', role: 'admin' as const, unitCode: null },
    { username: 'cdc.tinh', displayName: 'CDC tỉnh', role: 'health_official' as const, unitCode: ctx.config.homeUnit },
    { username: 'sotttt.tinh', displayName: 'Sở TT&TT', role: 'official' as const, unitCode: ctx.config.homeUnit },
    { username: 'ubnd.xa', displayName: 'UBND xã', role: 'official' as const, unitCode: commune },
    { username: 'tramyte.xa', displayName: 'Trạm y tế xã', role: 'health_official' as const, unitCode: commune },
  ];
  for (const a of accounts) await createUser(ctx, SYSTEM_ACTOR, { ...a, password: DEMO_PASSWORD }, { mustChangePassword: false });
  return accounts;
}

/** A domestic declaration for a share of the people, as they would have sent in the last weeks. */
async function declarations(ctx: Context, sim: Simulation, loaded: LoadResult, random: Prng, share: number): Promise<number> {
  let sent = 0;
  const today = localDateOf(ctx.clock.now());
  for (let person = 0; person < sim.people.count; person++) {
    if (random.next() >= share) continue;
    const fever = random.next() < 0.03;
    const age = sim.people.age[person] as number;
    if (age < 15) continue;
    await submitDeclaration(ctx, citizen(loaded.userIdByPerson[person] as string), {
      clientEventId: crypto.randomUUID(),
      declaration: {
        formVersion: 'domestic@1',
        declaredFor: 'self',
        person: {
          fullName: personName(person),
          idType: 'cccd',
          idNumber: `0061${String(person).padStart(8, '0')}`,
          birthYear: Number(today.slice(0, 4)) - age,
          gender: person % 2 ? 'male' : 'female',
          nationality: 'VN',
          phone: personPhone(person),
          address: { provinceCode: ctx.config.homeUnit, communeCode: sim.communes[sim.people.commune[person] as number], street: `Tổ ${person % 30}` },
        },
        visitedUnits: [],
        visitedCountries: [],
        symptoms: fever ? ['fever', 'cough'] : [],
        contactWithCase: false,
        contactWithTraveller: false,
        contactWithSymptomatic: false,
        chronicConditions: [],
      },
    });
    sent++;
  }
  return sent;
}

/** Self-assessments of most places, some with gaps. */
async function assessments(ctx: Context, sim: Simulation, loaded: LoadResult, random: Prng): Promise<number> {
  const rows = [];
  for (let p = 0; p < sim.places.count; p++) {
    if (random.next() < 0.3) continue;
    const placeId = loaded.placeIdByPlace[p] as string;
    const type = (await ctx.db.selectFrom('places').select('type').where('id', '=', placeId).executeTakeFirstOrThrow()).type as PlaceType;
    const set = criteriaSetFor(type);
    const answers = Object.fromEntries(set.criteria.map((c) => [c.id, random.next() < 0.8]));
    const risk = riskPercentOf(set, answers);
    rows.push({ id: newId(ctx), place_id: placeId, criteria_set: set.id, answers: JSON.stringify(answers), risk_percent: risk, level: safetyLevelOf(risk), overridden_level: null, override_reason: null, overridden_by: null, assessed_by: 'demo', assessed_at: ctx.clock.now() - Math.floor(random.next() * 14) * DAY_MS });
  }
  for (let i = 0; i < rows.length; i += 200) await ctx.db.insertInto('place_assessments').values(rows.slice(i, i + 200)).execute();
  return rows.length;
}

/** The outbreak as the health department would have handled it: detected infections registered, some contacts later confirmed. */
async function outbreak(ctx: Context, sim: Simulation, loaded: LoadResult, health: Actor, random: Prng): Promise<{ cases: number; converted: number; caseByPerson: Map<number, string> }> {
  const detected: number[] = [];
  for (let person = 0; person < sim.people.count; person++) if ((sim.course.detectedAt[person] ?? Number.NaN) < sim.endAt) detected.push(person);
  detected.sort((a, b) => (sim.course.detectedAt[a] as number) - (sim.course.detectedAt[b] as number));
  let cases = 0;
  let converted = 0;
  const caseByPerson = new Map<number, string>();
  for (const person of detected.slice(0, 40)) {
    const onset = sim.course.onsetAt[person] ?? Number.NaN;
    try {
      const { case: registered } = await registerCase(ctx, health, {
        phone: personPhone(person),
        fullName: personName(person),
        communeCode: sim.communes[sim.people.commune[person] as number] as string,
        classification: 'confirmed',
        ...(Number.isNaN(onset) ? {} : { onsetDate: localDateOf(onset) }),
        testDate: localDateOf(sim.course.detectedAt[person] as number),
        testResult: 'positive',
      });
      cases++;
      caseByPerson.set(person, registered.id);
      // A few close contacts test positive later: the chain grows through them.
      if (cases % 8 === 0) {
        const contact = (await contactsOfCases(ctx.db, [registered.id])).find((c) => c.generation === 1 && c.person_id);
        if (contact && random.next() < 0.9) {
          await convertContact(ctx, health, contact.id, { classification: 'confirmed', testResult: 'positive', testDate: localDateOf(ctx.clock.now()), communeCode: contact.commune_code ?? registered.communeCode, fullName: 'Người tiếp xúc' });
          converted++;
        }
      }
    } catch {
      // Already a case through an earlier conversion.
    }
  }
  return { cases, converted, caseByPerson };
}

async function seed(ctx: Context): Promise<{ commune: string; owner: string; staff: string; citizenPhone: string }> {
  const started = performance.now();
  const random = new Prng(2021);
  const startAt = vietnamMidnight(ctx.clock.now()) - 21 * DAY_MS;
  const sim = simulateProvince({ seed: 2021, ...provinceSetup(ctx), people: PEOPLE, places: PLACES, startAt, days: 21, outbreak: { seedDay: 3, seedCases: 8 } });
  const loaded = await loadSimulation(ctx, sim);
  out(`  ${loaded.counts.users} citizens, ${loaded.counts.places} places with ${loaded.counts.points} QR points, ${loaded.counts.visits} visits (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const commune = busiestCommune(sim);
  await officials(ctx, commune);
  const health: Actor = { userId: (await ctx.db.selectFrom('users').select('id').where('username', '=', 'cdc.tinh').executeTakeFirstOrThrow()).id, role: 'health_official', unitCode: ctx.config.homeUnit, sector: null, requestId: null };
  out(`  ${await declarations(ctx, sim, loaded, random, 0.08)} health declarations`);
  out(`  ${await assessments(ctx, sim, loaded, random)} safety self-assessments`);
  const outcome = await outbreak(ctx, sim, loaded, health, random);
  const contacts = await ctx.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  out(`  ${outcome.cases} cases (${outcome.converted} were contacts first), ${Number(contacts.n)} contacts traced`);
  const bt = await bluetoothDemo(ctx, sim, health, outcome.caseByPerson, 2021);
  out(`  Bluetooth: ${bt.phones} phones with Bluezone; ${bt.uploads} cases uploaded ${bt.keys} keys (${bt.files} signed export file(s)); ${bt.warned} phones warned, ${bt.highRisk} of them at high risk`);
  await rollUpVisits(ctx);
  await computeRiskLevels(ctx);
  const lastWeek = { from: localDateOf(ctx.clock.now() - 7 * DAY_MS), to: localDateOf(ctx.clock.now() - DAY_MS) };
  const communeOfficial = await ctx.db.selectFrom('users').select('id').where('username', '=', 'ubnd.xa').executeTakeFirstOrThrow();
  await submitReport(ctx, { userId: communeOfficial.id, role: 'official', unitCode: commune, sector: null, requestId: null }, { unit: commune, ...lastWeek });
  // The owner and a guard of the first place of the demo commune.
  const placeIndex = [...Array(sim.places.count).keys()].find((p) => sim.communes[sim.places.commune[p] as number] === commune && (sim.places.owner[p] as number) >= 0) ?? 0;
  const ownerPerson = sim.places.owner[placeIndex] as number;
  const staffPerson = (ownerPerson + 1) % sim.people.count;
  const placeId = loaded.placeIdByPlace[placeIndex] as string;
  await ctx.db.insertInto('place_members').values({ place_id: placeId, user_id: loaded.userIdByPerson[staffPerson] as string, role: 'staff', added_by: 'demo', created_at: ctx.clock.now() }).onConflict((oc) => oc.doNothing()).execute();
  const citizenPerson = [...Array(sim.people.count).keys()].find((p) => (sim.people.age[p] as number) >= 18 && p !== ownerPerson && p !== staffPerson) ?? 2;
  return { commune, owner: personPhone(ownerPerson), staff: personPhone(staffPerson), citizenPhone: personPhone(citizenPerson) };
}

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DEMO_DATA_DIR ?? 'data-demo');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL ??= 'info';
  const started = performance.now();
  const config = loadConfig(readEnvironment());
  const ctx = createContext(config, { rng: seededRng(2021) });
  out(`Building the demo province ${config.homeUnit} in ${dataDir} …`);
  await migrateToLatest(ctx.db);
  await initUnits(ctx);
  const who = await seed(ctx);
  const communeName = unitTree(ctx).get(who.commune)?.name ?? who.commune;
  await ctx.close();
  out(`Demo data ready in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  await serve();
  const national = (phone: string) => phone.replace('+84', '0');
  out(
    [
      '  Demo logins (password for all staff accounts: phongdich-demo):',
      '    administrator                quantri',
      '    provincial CDC               cdc.tinh',
      '    provincial IT department     sotttt.tinh',
      `    commune officials (${communeName})   ubnd.xa, tramyte.xa`,
      `  Phone sign-in (the one-time code is printed in this log as "message delivered to log"):`,
      `    place owner                  ${national(who.owner)}`,
      `    scanner staff                ${national(who.staff)}`,
      `    citizen                      ${national(who.citizenPhone)}`,
      '',
    ].join('\n'),
  );
}

await main();
