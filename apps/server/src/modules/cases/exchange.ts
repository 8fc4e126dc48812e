import { sql } from 'kysely';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { activeCaseOfPerson, contactsOfCases, contactsOfPerson, type CaseRow, type ContactRow } from './cases.repository.js';
import { caseScope } from './cases.service.js';

// What the integration module reads of cases and contacts to exchange them with other systems (FHIR,
// lab results, aggregate exports). Plain objects, decrypted; callers audit what they pass on.

export interface CaseForExchange {
  id: string;
  code: string;
  personId: string;
  fullName: string;
  phone: string;
  classification: string;
  onsetDate: string | null;
  testDate: string | null;
  testResult: string | null;
  isolationDate: string | null;
  outcome: string;
  provinceCode: string;
  districtCode: string | null;
  communeCode: string;
  fromContactId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ContactForExchange {
  id: string;
  caseId: string;
  generation: number;
  parentContactId: string | null;
  personId: string | null;
  /** As typed by staff or the case interview, when the contact has no account. */
  name: string | null;
  sources: string[];
  placeId: string | null;
  windowStart: number;
  windowEnd: number;
  exposureMinutes: number;
  status: string;
  quarantineStart: string | null;
  quarantineEnd: string | null;
  provinceCode: string;
  districtCode: string | null;
  communeCode: string | null;
  becameCaseId: string | null;
  updatedAt: number;
}

function caseOf(ctx: Context, r: CaseRow): CaseForExchange {
  return {
    id: r.id,
    code: r.code,
    personId: r.person_id,
    fullName: ctx.cipher.decrypt('cases.name', r.name_enc),
    phone: ctx.cipher.decrypt('cases.phone', r.phone_enc),
    classification: r.classification,
    onsetDate: r.onset_date,
    testDate: r.test_date,
    testResult: r.test_result,
    isolationDate: r.isolation_date,
    outcome: r.outcome,
    provinceCode: r.province_code,
    districtCode: r.district_code,
    communeCode: r.commune_code,
    fromContactId: r.from_contact_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function contactOf(ctx: Context, r: ContactRow): ContactForExchange {
  return {
    id: r.id,
    caseId: r.case_id,
    generation: r.generation,
    parentContactId: r.parent_contact_id,
    personId: r.person_id,
    name: r.name_enc ? ctx.cipher.decrypt('contacts.name', r.name_enc) : null,
    sources: JSON.parse(r.sources) as string[],
    placeId: r.place_id,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    exposureMinutes: r.exposure_minutes,
    status: r.status,
    quarantineStart: r.quarantine_start,
    quarantineEnd: r.quarantine_end,
    provinceCode: r.province_code,
    districtCode: r.district_code,
    communeCode: r.commune_code,
    becameCaseId: r.became_case_id,
    updatedAt: r.updated_at,
  };
}

export interface CaseExchangeQuery {
  ids?: readonly string[] | undefined;
  personIds?: readonly string[] | undefined;
  code?: string | undefined;
  classifications?: readonly string[] | undefined;
  outcomes?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

/** Cases of the actor's area matching a query, newest first. */
export async function casesForExchange(ctx: Context, actor: Actor, query: CaseExchangeQuery): Promise<{ items: CaseForExchange[]; total: number }> {
  let q = ctx.db.selectFrom('cases').where(caseScope(ctx, actor));
  if (query.ids) q = q.where('id', 'in', query.ids.length ? query.ids : ['-']);
  if (query.personIds) q = q.where('person_id', 'in', query.personIds.length ? query.personIds : ['-']);
  if (query.code) q = q.where('code', '=', query.code);
  if (query.classifications?.length) q = q.where('classification', 'in', query.classifications);
  if (query.outcomes?.length) q = q.where('outcome', 'in', query.outcomes);
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map((r) => caseOf(ctx, r)), total: Number(total.n) };
}

/** The contacts under these cases (their chains: F1, F2 …). */
export async function contactsForExchange(ctx: Context, caseIds: readonly string[]): Promise<ContactForExchange[]> {
  return (await contactsOfCases(ctx.db, caseIds)).map((r) => contactOf(ctx, r));
}

/** Every contact record of these people (callers decide what the actor may see of them). */
export async function contactsOfPeople(ctx: Context, personIds: readonly string[]): Promise<ContactForExchange[]> {
  if (personIds.length === 0) return [];
  const rows = await ctx.db.selectFrom('contacts').selectAll().where('person_id', 'in', personIds).orderBy('created_at', 'desc').execute();
  return rows.map((r) => contactOf(ctx, r));
}

/** The person's active case, wherever it is (lab results are matched before any scope applies). */
export async function activeCaseForPerson(ctx: Context, personId: string): Promise<CaseForExchange | null> {
  const row = await activeCaseOfPerson(ctx.db, personId);
  return row ? caseOf(ctx, row) : null;
}

/** The person's latest contact record, wherever it is: where the commune follows them up. */
export async function latestContactOfPerson(ctx: Context, personId: string): Promise<ContactForExchange | null> {
  const [row] = await contactsOfPerson(ctx.db, personId);
  return row ? contactOf(ctx, row) : null;
}

/** New cases and new contacts per commune and local day (days since 1970 in Vietnam's time, UTC+7). */
export async function dailyCaseFigures(ctx: Context, fromMs: number, untilMs: number): Promise<Array<{ day: number; communeCode: string; cases: number; contacts: number }>> {
  const day = sql<number>`(created_at + 25200000) / 86400000`;
  const cases = await ctx.db
    .selectFrom('cases')
    .select([day.as('day'), 'commune_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', fromMs)
    .where('created_at', '<', untilMs)
    .groupBy([day, 'commune_code'])
    .execute();
  const contacts = await ctx.db
    .selectFrom('contacts')
    .select([day.as('day'), 'commune_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', fromMs)
    .where('created_at', '<', untilMs)
    .where('commune_code', 'is not', null)
    .groupBy([day, 'commune_code'])
    .execute();
  const figures = new Map<string, { day: number; communeCode: string; cases: number; contacts: number }>();
  const entry = (d: number, commune: string) => {
    const key = `${d}|${commune}`;
    return figures.get(key) ?? (figures.set(key, { day: d, communeCode: commune, cases: 0, contacts: 0 }).get(key) as { day: number; communeCode: string; cases: number; contacts: number });
  };
  for (const r of cases) entry(Number(r.day), r.commune_code).cases += Number(r.n);
  for (const r of contacts) entry(Number(r.day), r.commune_code as string).contacts += Number(r.n);
  return [...figures.values()];
}
