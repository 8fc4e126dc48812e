import { exposureScore, infectiousWindow, localDateOf, localMidnight, type PlaceType } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { accountsByPhoneIndex, householdsOf, phonesOf } from '../accounts/index.js';
import { ensureMonitoring, fellowTravellers, type FellowTraveller } from '../declarations/index.js';
import { emitIntegrationEvents } from '../integration/index.js';
import { enqueueMessage } from '../messaging/index.js';
import { placeBasics } from '../places/index.js';
import { presenceAtPlacesIn, visitorDetails, visitsOfPeopleIn, visitsOfPhonesIn, type TraceVisit } from '../presence/index.js';
import { activeCasePeople, contactsOfCases, insertContacts, updateCase, updateContact, type CaseRow, type ContactRow } from './cases.repository.js';
import { contactCreatedEvents } from './events.js';
import { collectPresence, mergeInto, placeReads, placeTimeline, tracedPart, type Exposure, type Interval, type MergedExposure, type PlaceTimeline, type PresenceRules } from './tracing.rules.js';

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
    bufferMs: (type) => ctx.config.traceBufferMs[type as PlaceType] ?? ctx.config.traceBufferMs.other,
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

type Contacted = Omit<Found, 'generation' | 'parentKey'>;

/**
 * Everyone at the places these people visited during their windows (with the buffer): their own visits
 * in one batch, then every place range in one batch — a whole generation in a few queries.
 */
type Merged = Map<string, MergedExposure<Units>>;

interface TracedPart {
  visit: TraceVisit;
  part: Interval;
  timeline: PlaceTimeline;
}

/**
 * The visits of a whole generation during their windows, and for each, everyone at that place around
 * that time: batched reads, one per place and stretch of time however many traced people were there.
 * The answer is by position in `people` (one person may be traced in two chains with two windows).
 */
async function presenceOf(ctx: Context, people: readonly TracedPerson[], rules: PresenceRules): Promise<TracedPart[][]> {
  const byAccount = people.flatMap((p, i) => (p.personId ? [i] : []));
  const byPhone = people.flatMap((p, i) => (!p.personId && p.phoneIndex ? [i] : []));
  const range = (i: number, key: string) => ({ key, from: (people[i] as TracedPerson).window.start - rules.maxVisitMs, until: (people[i] as TracedPerson).window.end + 1 });
  const own = [
    ...(await visitsOfPeopleIn(ctx, byAccount.map((i) => range(i, people[i]?.personId as string)))).map((visits, n) => ({ at: byAccount[n] as number, visits })),
    ...(await visitsOfPhonesIn(ctx, byPhone.map((i) => range(i, people[i]?.phoneIndex as string)))).map((visits, n) => ({ at: byPhone[n] as number, visits })),
  ];
  const parts: Array<{ at: number; visit: TraceVisit; placeId: string; placeType: string; part: Interval }> = [];
  for (const { at, visits } of own) {
    for (const visit of visits) {
      const part = tracedPart(visit, (people[at] as TracedPerson).window, rules);
      if (part) parts.push({ at, visit, placeId: visit.placeId, placeType: visit.placeType, part });
    }
  }
  const reads = placeReads(parts, rules);
  const rows = await presenceAtPlacesIn(ctx, reads.map((r) => ({ key: r.placeId, from: r.from, until: r.until, leftAfter: r.leftAfter })));
  const result: TracedPart[][] = people.map(() => []);
  reads.forEach((read, r) => {
    const first = parts[read.parts[0] as number] as (typeof parts)[number];
    const timeline = placeTimeline({ id: read.placeId, type: first.visit.placeType }, rows[r] ?? [], rules);
    for (const i of read.parts) {
      const p = parts[i] as (typeof parts)[number];
      result[p.at]?.push({ visit: p.visit, part: p.part, timeline });
    }
  });
  return result;
}

/** A visitor staff recorded by phone is the same person as the account with that phone. */
async function accountsOfVisitors(ctx: Context, parts: TracedPart[][]): Promise<Map<string, string>> {
  const phones = new Set<string>();
  const timelines = new Set(parts.flatMap((list) => list.map((p) => p.timeline)));
  for (const timeline of timelines) for (const presence of timeline.presences) if (!presence[1] && presence[2]) phones.add(presence[2]);
  return accountsByPhoneIndex(ctx, [...phones]);
}

function travelExposure(f: FellowTraveller): Exposure {
  const start = localMidnight(f.date);
  return { personKey: f.subjectId, personId: f.subjectId, visitorPhoneIndex: null, visitId: null, source: 'movement', placeId: null, start, end: start + DAY_MS, minutes: 0, score: exposureScore('movement', 0) };
}

function householdExposure(id: string, window: Interval): Exposure {
  const minutes = (window.end - window.start) / 60_000;
  return { personKey: id, personId: id, visitorPhoneIndex: null, visitId: null, source: 'household', placeId: null, start: window.start, end: window.end, minutes, score: exposureScore('household', 0) };
}

/** Someone traced in one generation, in one chain; `claimed` is that chain's people found so far. */
interface Traced extends TracedPerson {
  claimed: Set<string>;
  fallback: Units;
}

/**
 * The new contacts of each traced person of one generation (of one or many chains), in frontier order:
 * someone already claimed in the chain (by an earlier generation or an earlier person of this one) is
 * skipped before any work, and whoever a person finds is claimed for them. By position in `people`.
 */
async function contactsOfGeneration(ctx: Context, people: readonly Traced[], rules: PresenceRules): Promise<Contacted[][]> {
  const presence = await presenceOf(ctx, people, rules);
  const accounts = await accountsOfVisitors(ctx, presence);
  const withAccount = people.filter((p) => p.personId);
  const fellows = await fellowTravellers(ctx, withAccount.map((p) => ({ subjectId: p.personId as string, fromDate: localDateOf(p.window.start), untilDate: localDateOf(p.window.end) })));
  const households = await householdsOf(ctx, [...new Set(withAccount.map((p) => p.personId as string))]);
  return people.map((person, i) => {
    const { claimed } = person;
    const merged: Merged = new Map();
    for (const { visit, part, timeline } of presence[i] ?? []) {
      const units: Units = { provinceCode: visit.provinceCode, districtCode: visit.districtCode, communeCode: visit.communeCode };
      collectPresence(merged, part, timeline, { exclude: person.key, claimed, accounts }, rules, units);
    }
    for (const f of (person.personId ? fellows.get(person.personId) : undefined) ?? []) {
      if (!claimed.has(f.subjectId)) mergeInto(merged, travelExposure(f), { provinceCode: f.provinceCode, districtCode: f.districtCode, communeCode: f.communeCode });
    }
    for (const id of (person.personId ? households.get(person.personId) : undefined) ?? []) {
      if (!claimed.has(id)) mergeInto(merged, householdExposure(id, person.window));
    }
    merged.delete(person.key);
    for (const key of merged.keys()) claimed.add(key);
    return [...merged.values()].map((exposure) => ({ exposure, units: exposure.tag ?? person.fallback, phoneEnc: null, nameEnc: null }));
  });
}

/** How long a contact is traced onwards: from exposure until quarantine would have stopped them meeting people. */
function onwardWindow(ctx: Context, start: number): Interval {
  return { start, end: Math.min(ctx.clock.now(), start + ctx.config.contactQuarantineDays * DAY_MS) };
}

/** Names and phones staff typed for visitors without an account, for the contacts found through them. */
async function addVisitorDetails(ctx: Context, chains: ReadonlyArray<Map<string, Found>>): Promise<void> {
  const byVisit = new Map<string, Found[]>();
  for (const found of chains) {
    for (const item of found.values()) if (!item.exposure.personId && item.exposure.visitId) byVisit.set(item.exposure.visitId, [...(byVisit.get(item.exposure.visitId) ?? []), item]);
  }
  for (const [visitId, details] of await visitorDetails(ctx, [...byVisit.keys()])) {
    for (const item of byVisit.get(visitId) ?? []) Object.assign(item, details);
  }
}

/** One chain to trace: its case, and the contacts already stored under it. */
export interface ChainRequest {
  row: CaseRow;
  stored?: ContactRow[];
}

/**
 * Breadth-first over generations: F1 are the case's contacts, F2 the contacts of F1 (from their exposure
 * on), and so on. Each person appears once per chain, at the nearest generation. Contacts already stored
 * (named in the interview, say) are traced onwards too. People who are active cases themselves are left
 * out. Many chains are traced together, generation by generation, so they share the reads.
 */
export async function findChains(ctx: Context, requests: readonly ChainRequest[], depth: number): Promise<Array<Map<string, Found>>> {
  const rules = presenceRules(ctx);
  const activeCases = await activeCasePeople(ctx.db);
  const chains = requests.map(({ row, stored = [] }) => {
    const byGeneration = new Map<number, ContactRow[]>();
    for (const contact of stored) byGeneration.set(contact.generation, [...(byGeneration.get(contact.generation) ?? []), contact]);
    return {
      found: new Map<string, Found>(),
      claimed: new Set<string>([row.person_id, ...activeCases]),
      fallback: { provinceCode: row.province_code, districtCode: row.district_code, communeCode: row.commune_code },
      storedByGeneration: byGeneration,
    };
  });
  let frontier: Array<Traced & { chain: number }> = requests.map(({ row }, chain) => ({
    key: row.person_id,
    personId: row.person_id,
    phoneIndex: null,
    window: caseWindow(ctx, row),
    chain,
    claimed: (chains[chain] as (typeof chains)[number]).claimed,
    fallback: (chains[chain] as (typeof chains)[number]).fallback,
  }));
  for (let generation = 1; generation <= depth && frontier.length > 0; generation++) {
    const next: typeof frontier = [];
    const contacts = await contactsOfGeneration(ctx, frontier, rules);
    frontier.forEach((person, i) => {
      const chain = chains[person.chain] as (typeof chains)[number];
      for (const contact of contacts[i] ?? []) {
        const key = contact.exposure.personKey;
        chain.found.set(key, Object.assign(contact, { generation, parentKey: person.key }));
        if (generation < depth) next.push({ ...person, key, personId: contact.exposure.personId, phoneIndex: contact.exposure.visitorPhoneIndex, window: onwardWindow(ctx, contact.exposure.start) });
      }
    });
    chains.forEach((chain, c) => {
      for (const contact of chain.storedByGeneration.get(generation) ?? []) {
        if (chain.claimed.has(contact.person_key)) continue;
        chain.claimed.add(contact.person_key);
        next.push({ key: contact.person_key, personId: contact.person_id, phoneIndex: null, window: onwardWindow(ctx, contact.window_start), chain: c, claimed: chain.claimed, fallback: chain.fallback });
      }
    });
    frontier = next;
  }
  const found = chains.map((c) => c.found);
  await addVisitorDetails(ctx, found);
  return found;
}

export async function findChain(ctx: Context, row: CaseRow, depth: number, stored: ContactRow[] = []): Promise<Map<string, Found>> {
  return (await findChains(ctx, [{ row, stored }], depth))[0] as Map<string, Found>;
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
    await emitIntegrationEvents(ctx, trx, contactCreatedEvents(added));
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
