import { exposureScore, infectiousWindow, localDateOf, localMidnight, type ContactSource, type PlaceType } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { accountsByPhoneIndex, householdOf, phonesOf } from '../accounts/index.js';
import { ensureMonitoring, fellowTravellers } from '../declarations/index.js';
import { enqueueMessage } from '../messaging/index.js';
import { placeBasics } from '../places/index.js';
import { visitsAtPlaceBetween, visitsOfPersonBetween, visitsOfPhoneBetween, type TraceVisit } from '../presence/index.js';
import { activeCasePeople, contactsOfCases, insertContacts, updateCase, updateContact, type CaseRow, type ContactRow } from './cases.repository.js';
import { candidateRange, mergeExposures, presenceExposures, tracedPart, type Exposure, type Interval, type MergedExposure, type PresenceRules } from './tracing.rules.js';

const DAY_MS = 86_400_000;

/** Someone whose movements are traced: the case, or a contact found earlier. */
interface TracedPerson {
  key: string;
  personId: string | null;
  phoneIndex: string | null;
  window: Interval;
}

interface Units {
  provinceCode: string;
  districtCode: string | null;
  communeCode: string | null;
}

/** A contact found by this run, with where it came from in the chain. */
interface Found {
  exposure: MergedExposure;
  generation: number;
  parentKey: string;
  units: Units;
  phoneEnc: string | null;
  nameEnc: string | null;
}

export function presenceRules(ctx: Context): PresenceRules {
  const dwell = ctx.config.dwellMinutes;
  const longest = Math.max(...Object.values(dwell)) * 60_000;
  return {
    bufferMs: ctx.config.traceBufferMs,
    dwellMs: (type) => (dwell[type as PlaceType] ?? 60) * 60_000,
    maxVisitMs: Math.max(DAY_MS, longest),
    now: ctx.clock.now(),
  };
}

export function caseWindow(ctx: Context, row: CaseRow): Interval {
  const window = infectiousWindow(
    { onsetDate: row.onset_date, testDate: row.test_date, isolationDate: row.isolation_date, createdAt: row.created_at },
    { daysBefore: ctx.config.infectiousDaysBefore },
    ctx.clock.now(),
  );
  return { start: window.from, end: window.until };
}

interface ExposureWithVisit extends Exposure {
  visit: TraceVisit | null;
}

/** Everyone at the places a person visited during the window (with the buffer), found visit by visit. */
async function presenceOf(ctx: Context, person: TracedPerson, rules: PresenceRules): Promise<ExposureWithVisit[]> {
  const from = person.window.start - rules.maxVisitMs;
  const own = person.personId
    ? await visitsOfPersonBetween(ctx, person.personId, from, person.window.end + 1)
    : person.phoneIndex
      ? await visitsOfPhoneBetween(ctx, person.phoneIndex, from, person.window.end + 1)
      : [];
  const found: ExposureWithVisit[] = [];
  for (const visit of own) {
    const part = tracedPart(visit, person.window, rules);
    if (!part) continue;
    const range = candidateRange(part, rules);
    const candidates = await visitsAtPlaceBetween(ctx, visit.placeId, range.start, range.end + 1);
    const byId = new Map(candidates.map((c) => [c.id, c]));
    for (const exposure of presenceExposures(part, visit.placeId, candidates, person.key, rules)) {
      found.push({ ...exposure, visit: byId.get(exposure.visitId ?? '') ?? null });
    }
  }
  return found;
}

/** Passengers of the same declared journeys (vehicle and date) during the window. */
async function travelOf(ctx: Context, person: TracedPerson): Promise<Array<Exposure & { units: Units }>> {
  if (!person.personId) return [];
  const fellows = await fellowTravellers(ctx, person.personId, localDateOf(person.window.start), localDateOf(person.window.end));
  return fellows.map((f) => ({
    personKey: f.subjectId,
    personId: f.subjectId,
    visitorPhoneIndex: null,
    visitId: null,
    source: 'movement' as ContactSource,
    placeId: null,
    start: localMidnight(f.date),
    end: localMidnight(f.date) + DAY_MS,
    minutes: 0,
    score: exposureScore('movement', 0),
    units: { provinceCode: f.provinceCode, districtCode: f.districtCode, communeCode: f.communeCode },
  }));
}

async function householdExposures(ctx: Context, person: TracedPerson): Promise<Exposure[]> {
  if (!person.personId) return [];
  return (await householdOf(ctx, person.personId)).map((id) => ({
    personKey: id,
    personId: id,
    visitorPhoneIndex: null,
    visitId: null,
    source: 'household' as ContactSource,
    placeId: null,
    start: person.window.start,
    end: person.window.end,
    minutes: (person.window.end - person.window.start) / 60_000,
    score: exposureScore('household', 0),
  }));
}

/** The contacts of one traced person, one per person, each with the units that follow them up. */
async function contactsOf(ctx: Context, person: TracedPerson, rules: PresenceRules, fallback: Units): Promise<Array<Omit<Found, 'generation' | 'parentKey'>>> {
  const presence = await presenceOf(ctx, person, rules);
  // A visitor staff recorded by phone is the same person as the account with that phone.
  const accounts = await accountsByPhoneIndex(ctx, [...new Set(presence.filter((e) => !e.personId && e.visitorPhoneIndex).map((e) => e.visitorPhoneIndex as string))]);
  for (const e of presence) {
    const account = e.visitorPhoneIndex ? accounts.get(e.visitorPhoneIndex) : undefined;
    if (!e.personId && account) {
      e.personId = account;
      e.personKey = account;
    }
  }
  const travel = await travelOf(ctx, person);
  const household = await householdExposures(ctx, person);
  const visitOf = new Map(presence.map((e) => [e.personKey, e.visit]));
  const travelUnits = new Map(travel.map((e) => [e.personKey, e.units]));
  return mergeExposures([...presence, ...travel, ...household])
    .filter((e) => e.personKey !== person.key)
    .map((exposure) => {
      const visit = visitOf.get(exposure.personKey) ?? null;
      const units = visit ? { provinceCode: visit.provinceCode, districtCode: visit.districtCode, communeCode: visit.communeCode } : (travelUnits.get(exposure.personKey) ?? fallback);
      return { exposure, units, phoneEnc: visit?.visitorPhoneEnc ?? null, nameEnc: visit?.visitorNameEnc ?? null };
    });
}

/** How long a contact is traced onwards: from exposure until quarantine would have stopped them meeting people. */
function onwardWindow(ctx: Context, start: number): Interval {
  return { start, end: Math.min(ctx.clock.now(), start + ctx.config.contactQuarantineDays * DAY_MS) };
}

/**
 * Breadth-first over generations: F1 are the case's contacts, F2 the contacts of F1 (from their exposure
 * on), and so on. Each person appears once, at the nearest generation. Contacts already stored (named in
 * the interview, say) are traced onwards too.
 */
async function findChain(ctx: Context, row: CaseRow, depth: number, stored: ContactRow[]): Promise<Map<string, Found>> {
  const rules = presenceRules(ctx);
  const caseUnits: Units = { provinceCode: row.province_code, districtCode: row.district_code, communeCode: row.commune_code };
  const found = new Map<string, Found>();
  const seen = new Set<string>([row.person_id, ...(await activeCasePeople(ctx.db))]);
  const storedByGeneration = new Map<number, ContactRow[]>();
  for (const contact of stored) storedByGeneration.set(contact.generation, [...(storedByGeneration.get(contact.generation) ?? []), contact]);
  let frontier: TracedPerson[] = [{ key: row.person_id, personId: row.person_id, phoneIndex: null, window: caseWindow(ctx, row) }];
  for (let generation = 1; generation <= depth && frontier.length > 0; generation++) {
    const next: TracedPerson[] = [];
    for (const person of frontier) {
      for (const contact of await contactsOf(ctx, person, rules, caseUnits)) {
        const key = contact.exposure.personKey;
        if (seen.has(key)) continue;
        seen.add(key);
        found.set(key, { ...contact, generation, parentKey: person.key });
        next.push({ key, personId: contact.exposure.personId, phoneIndex: contact.exposure.visitorPhoneIndex, window: onwardWindow(ctx, contact.exposure.start) });
      }
    }
    for (const contact of storedByGeneration.get(generation) ?? []) {
      if (seen.has(contact.person_key)) continue;
      seen.add(contact.person_key);
      next.push({ key: contact.person_key, personId: contact.person_id, phoneIndex: null, window: onwardWindow(ctx, contact.window_start) });
    }
    frontier = next;
  }
  return found;
}

function quarantineEnd(ctx: Context, exposureEnd: number): string {
  return localDateOf(exposureEnd + ctx.config.contactQuarantineDays * DAY_MS);
}

function newContactRow(ctx: Context, caseId: string, found: Found, parentId: string | null): ContactRow {
  const e = found.exposure;
  const now = ctx.clock.now();
  return {
    id: newId(ctx),
    case_id: caseId,
    generation: found.generation,
    parent_contact_id: parentId,
    person_key: e.personKey,
    person_id: e.personId,
    name_enc: found.nameEnc ? ctx.cipher.encrypt('contacts.name', ctx.cipher.decrypt('visits.visitor_name', found.nameEnc)) : null,
    phone_enc: found.phoneEnc ? ctx.cipher.encrypt('contacts.phone', ctx.cipher.decrypt('visits.visitor_phone', found.phoneEnc)) : null,
    sources: JSON.stringify(e.sources),
    place_id: e.placeId,
    window_start: e.start,
    window_end: e.end,
    exposure_minutes: Math.round(e.minutes * 10) / 10,
    score: e.score,
    province_code: found.units.provinceCode,
    district_code: found.units.districtCode,
    commune_code: found.units.communeCode,
    status: 'new',
    quarantine_start: localDateOf(now),
    quarantine_end: quarantineEnd(ctx, e.end),
    team: null,
    became_case_id: null,
    warned_count: 0,
    warned_at: null,
    created_at: now,
    updated_at: now,
  };
}

/** What changed for a contact found again: new sources, a wider window, more minutes, a nearer generation. */
function refreshed(stored: ContactRow, found: Found): Partial<ContactRow> | null {
  const e = found.exposure;
  const sources = [...new Set([...(JSON.parse(stored.sources) as string[]), ...e.sources])];
  const changes: Partial<ContactRow> = {};
  if (sources.length !== (JSON.parse(stored.sources) as string[]).length) changes.sources = JSON.stringify(sources);
  if (e.start < stored.window_start) changes.window_start = e.start;
  if (e.end > stored.window_end) changes.window_end = e.end;
  const minutes = Math.round(e.minutes * 10) / 10;
  if (minutes > stored.exposure_minutes) changes.exposure_minutes = minutes;
  if (e.score > stored.score) changes.score = e.score;
  if (found.generation < stored.generation) changes.generation = found.generation;
  return Object.keys(changes).length ? changes : null;
}

function placeWord(sources: string[]): string {
  if (sources.includes('household')) return 'nhà';
  if (sources.includes('movement')) return 'chuyến đi đã khai báo';
  return 'nơi công cộng';
}

/** The text of a warning: where and when, and until when to stay home. */
export async function warningVars(ctx: Context, contact: ContactRow): Promise<Record<string, string>> {
  const place = contact.place_id ? (await placeBasics(ctx, [contact.place_id])).get(contact.place_id) : undefined;
  const time = new Date(contact.window_start + 7 * 3_600_000).toISOString().slice(11, 16);
  const [y, m, d] = localDateOf(contact.window_start).split('-');
  const until = (contact.quarantine_end ?? '').split('-').reverse().join('/');
  return { place: place?.name ?? placeWord(JSON.parse(contact.sources) as string[]), date: `${d}/${m}/${y}`, time, until, hotline: ctx.config.healthHotline };
}

export async function warn(ctx: Context, contacts: ContactRow[]): Promise<void> {
  const phones = await phonesOf(ctx, contacts.filter((c) => c.person_id).map((c) => c.person_id as string));
  const now = ctx.clock.now();
  for (const contact of contacts) {
    const phone = contact.person_id ? phones.get(contact.person_id) : contact.phone_enc ? ctx.cipher.decrypt('contacts.phone', contact.phone_enc) : undefined;
    if (!phone) continue;
    const template = contact.generation === 1 ? 'contact_warning' : 'contact_warning_indirect';
    const count = contact.warned_count + 1;
    const vars = await warningVars(ctx, contact);
    await ctx.db.transaction().execute(async (trx) => {
      await enqueueMessage(ctx, { channel: 'sms', recipient: phone, template, language: 'vi', vars, dedupeKey: `contact:${contact.id}:${count}` }, trx);
      await updateContact(trx, contact.id, { warned_count: count, warned_at: now });
    });
  }
}

/** Daily health updates for close contacts with an account, until their quarantine ends. */
async function monitor(ctx: Context, actor: Actor, contacts: ContactRow[]): Promise<void> {
  for (const contact of contacts) {
    if (contact.generation !== 1 || !contact.person_id || !contact.quarantine_end) continue;
    await ensureMonitoring(ctx, actor, contact.person_id, { provinceCode: contact.province_code, districtCode: contact.district_code, communeCode: contact.commune_code }, contact.quarantine_end, 'contact');
  }
}

export interface TraceResult {
  contacts: number;
  byGeneration: Record<string, number>;
  added: number;
}

/**
 * Traces a case to `depth` generations and stores what is new: contacts are added (and warned, and put
 * under monitoring), contacts found again get their exposure widened; nothing officials recorded is lost.
 */
export async function traceCase(ctx: Context, actor: Actor, row: CaseRow, depth = ctx.config.traceMaxDepth): Promise<TraceResult> {
  const stored = await contactsOfCases(ctx.db, [row.id]);
  const storedByKey = new Map(stored.map((c) => [c.person_key, c]));
  const found = await findChain(ctx, row, depth, stored);
  const idOfKey = new Map(stored.map((c) => [c.person_key, c.id]));
  const added: ContactRow[] = [];
  const updates: Array<[string, Partial<ContactRow>]> = [];
  // Generation order, so a parent's id exists before its children are written.
  for (const item of [...found.values()].sort((a, b) => a.generation - b.generation)) {
    const existing = storedByKey.get(item.exposure.personKey);
    if (existing) {
      const changes = refreshed(existing, item);
      if (changes) updates.push([existing.id, { ...changes, updated_at: ctx.clock.now() }]);
      continue;
    }
    const contact = newContactRow(ctx, row.id, item, idOfKey.get(item.parentKey) ?? null);
    idOfKey.set(contact.person_key, contact.id);
    added.push(contact);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await insertContacts(trx, added);
    for (const [id, changes] of updates) await updateContact(trx, id, changes);
    await updateCase(trx, row.id, { traced_at: ctx.clock.now() });
  });
  await warn(ctx, added);
  await monitor(ctx, actor, added);
  const all = [...stored.filter((c) => !found.has(c.person_key)), ...found.values()];
  const byGeneration: Record<string, number> = {};
  for (const c of all) {
    const generation = 'generation' in c ? c.generation : 0;
    byGeneration[generation] = (byGeneration[generation] ?? 0) + 1;
  }
  return { contacts: all.length, byGeneration, added: added.length };
}
