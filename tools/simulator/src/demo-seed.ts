import crypto from 'node:crypto';
import { criteriaSetFor, localDateOf, riskPercentOf, safetyLevelOf, type PlaceType, type Sector, type TargetInput } from '@phongdich/core';
import { SYSTEM_ACTOR, type Actor } from '../../../apps/server/src/actor.js';
import { newId, type Context } from '../../../apps/server/src/context.js';
import { AppError } from '../../../apps/server/src/http/errors.js';
import { createUser } from '../../../apps/server/src/modules/accounts/index.js';
import { contactsOfCases } from '../../../apps/server/src/modules/cases/cases.repository.js';
import { convertContact, registerCase } from '../../../apps/server/src/modules/cases/cases.service.js';
import { submitDeclaration } from '../../../apps/server/src/modules/declarations/declarations.service.js';
import { putStatistics } from '../../../apps/server/src/modules/map/risk.service.js';
import { addTargets } from '../../../apps/server/src/modules/places/targets.service.js';
import { DAY_MS } from './calendar.js';
import { asOf } from './demo-clock.js';
import type { LoadResult } from './load.js';
import type { Simulation } from './model.js';
import { personName, personPhone } from './names.js';
import type { Prng } from './prng.js';

// The demo's steps after the simulation is loaded: the officials, and what citizens, owners and the
// health department would have done over the simulated weeks, each through the server's own services.

export function citizen(userId: string): Actor {
  return { userId, role: 'citizen', unitCode: null, sector: null, requestId: null };
}

/** The commune with the most places: the demo's commune officials work there. */
export function busiestCommune(sim: Simulation): string {
  const counts = new Map<number, number>();
  for (let p = 0; p < sim.places.count; p++) counts.set(sim.places.commune[p] as number, (counts.get(sim.places.commune[p] as number) ?? 0) + 1);
  const [index] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [number, number];
  return sim.communes[index] as string;
}

export interface DemoOfficial {
  username: string;
  displayName: string;
  role: 'admin' | 'official' | 'health_official';
  unitCode: string | null;
}

/** Staff accounts of the province and of the demo commune, all with the demo password. */
export async function officials(ctx: Context, commune: string, password: string): Promise<DemoOfficial[]> {
  const accounts: DemoOfficial[] = [
    { username: 'quantri', displayName: 'Quản trị hệ thống', role: 'admin', unitCode: null },
    { username: 'cdc.tinh', displayName: 'CDC tỉnh', role: 'health_official', unitCode: ctx.config.homeUnit },
    { username: 'sotttt.tinh', displayName: 'Sở TT&TT', role: 'official', unitCode: ctx.config.homeUnit },
    { username: 'ubnd.xa', displayName: 'UBND xã', role: 'official', unitCode: commune },
    { username: 'tramyte.xa', displayName: 'Trạm y tế xã', role: 'health_official', unitCode: commune },
  ];
  for (const a of accounts) await createUser(ctx, SYSTEM_ACTOR, { ...a, password }, { mustChangePassword: false });
  return accounts;
}

/** The signed-in account of a staff username, as services see it. */
export async function actorOf(ctx: Context, account: DemoOfficial): Promise<Actor> {
  const user = await ctx.db.selectFrom('users').select('id').where('username', '=', account.username).executeTakeFirstOrThrow();
  return { userId: user.id, role: account.role, unitCode: account.unitCode, sector: null, requestId: null };
}

/**
 * A domestic declaration for a share of the people, as they would have sent in the last weeks; a
 * larger share in the commune that ran a declaration drive (the demo commune).
 */
export async function declarations(ctx: Context, sim: Simulation, loaded: LoadResult, random: Prng, share: { everywhere: number; drive: { commune: string; share: number } }): Promise<number> {
  let sent = 0;
  const today = localDateOf(ctx.clock.now());
  for (let person = 0; person < sim.people.count; person++) {
    const inDrive = sim.communes[sim.people.commune[person] as number] === share.drive.commune;
    if (random.next() >= (inDrive ? share.drive.share : share.everywhere)) continue;
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
export async function assessments(ctx: Context, sim: Simulation, loaded: LoadResult, random: Prng): Promise<number> {
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

export interface Outbreak {
  cases: number;
  converted: number;
  caseByPerson: Map<number, string>;
  /** Cases one of whose close contacts later tested positive: their chain has two cases. */
  chainCaseIds: string[];
}

/** At most this many cases are registered (tracing each takes a while); spread over the weeks when there are more. */
const MAX_CASES = 40;

/** The detected infections to register, in order of detection: all of them, or MAX_CASES spread evenly. */
function casesToRegister(sim: Simulation): number[] {
  const detected: number[] = [];
  for (let person = 0; person < sim.people.count; person++) if ((sim.course.detectedAt[person] ?? Number.NaN) < sim.endAt) detected.push(person);
  detected.sort((a, b) => (sim.course.detectedAt[a] as number) - (sim.course.detectedAt[b] as number));
  if (detected.length <= MAX_CASES) return detected;
  return Array.from({ length: MAX_CASES }, (_, i) => detected[Math.floor((i * detected.length) / MAX_CASES)] as number);
}

/**
 * The outbreak as the health department handled it: each detected infection registered (and traced)
 * on the day it was detected, and now and then a close contact confirmed the day after.
 */
export async function outbreak(ctx: Context, sim: Simulation, loaded: LoadResult, health: Actor, random: Prng): Promise<Outbreak> {
  const personOfUser = new Map(loaded.userIdByPerson.map((userId, person) => [userId, person]));
  const result: Outbreak = { cases: 0, converted: 0, caseByPerson: new Map(), chainCaseIds: [] };
  const now = ctx.clock.now();
  for (const person of casesToRegister(sim)) {
    const onset = sim.course.onsetAt[person] ?? Number.NaN;
    const detectedAt = sim.course.detectedAt[person] as number;
    try {
      const { case: registered } = await asOf(ctx, detectedAt, () =>
        registerCase(ctx, health, {
          phone: personPhone(person),
          fullName: personName(person),
          communeCode: sim.communes[sim.people.commune[person] as number] as string,
          classification: 'confirmed',
          ...(Number.isNaN(onset) ? {} : { onsetDate: localDateOf(onset) }),
          testDate: localDateOf(detectedAt),
          testResult: 'positive',
        }),
      );
      result.cases++;
      result.caseByPerson.set(person, registered.id);
      // A few close contacts test positive later (the first chance taken, so even a small demo has a chain that grew).
      if (result.converted > 0 && (result.cases % 8 !== 0 || random.next() >= 0.9)) continue;
      const contact = (await contactsOfCases(ctx.db, [registered.id])).find((c) => c.generation === 1 && c.person_id);
      if (!contact) continue;
      const contactPerson = personOfUser.get(contact.person_id as string);
      const fullName = contactPerson === undefined ? 'Người tiếp xúc' : personName(contactPerson);
      const testedAt = Math.min(now, detectedAt + DAY_MS);
      await asOf(ctx, testedAt, () => convertContact(ctx, health, contact.id, { classification: 'confirmed', testResult: 'positive', testDate: localDateOf(testedAt), communeCode: contact.commune_code ?? registered.communeCode, fullName }));
      result.converted++;
      result.chainCaseIds.push(registered.id);
    } catch (error) {
      // Already a case through an earlier conversion; anything else is a fault of the demo.
      if (!(error instanceof AppError && (error.code === 'case_exists' || error.code === 'contact_already_case'))) throw error;
    }
  }
  return result;
}

/**
 * Each commune's population (its simulated residents: the demo's world) and vaccination coverage, as
 * the CDC enters them for the risk levels; without them every commune would count as 30,000 people.
 */
export async function communeStatistics(ctx: Context, sim: Simulation, health: Actor, random: Prng): Promise<number> {
  const residents = new Map<number, number>();
  for (let person = 0; person < sim.people.count; person++) residents.set(sim.people.commune[person] as number, (residents.get(sim.people.commune[person] as number) ?? 0) + 1);
  for (const [index, population] of residents) {
    const vaccinationCoverage = Math.round(60 + random.next() * 35);
    await putStatistics(ctx, health, { communeCode: sim.communes[index] as string, population, vaccinationCoverage });
  }
  return residents.size;
}

/**
 * The communes' lists of places that must register, as the province compiled them: nine in ten
 * registered places are on them (the others registered by themselves), and about one listed place
 * in twenty, a cultural house, has not registered yet.
 */
export async function mustRegisterLists(ctx: Context, official: Actor, random: Prng): Promise<{ listed: number; missing: number }> {
  const places = await ctx.db.selectFrom('places').select(['name', 'type', 'sector', 'commune_code', 'street_address']).where('province_code', '=', ctx.config.homeUnit).orderBy('id').execute();
  const inputs: TargetInput[] = places
    .filter(() => random.next() < 0.9)
    .map((p) => ({ name: p.name, type: p.type as PlaceType, sector: p.sector as Sector, communeCode: p.commune_code, streetAddress: p.street_address }));
  const missing = Math.round(inputs.length / 20);
  for (let i = 0; i < missing; i++) {
    const commune = (places[Math.floor(random.next() * places.length)] as (typeof places)[number]).commune_code;
    inputs.push({ name: `Nhà văn hóa tổ ${i + 1}`, type: 'other', sector: 'culture_sports_tourism', communeCode: commune, streetAddress: `Tổ ${i + 1}` });
  }
  for (let i = 0; i < inputs.length; i += 500) await addTargets(ctx, official, inputs.slice(i, i + 500));
  return { listed: inputs.length, missing };
}
