import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CaseEventsTable, CasesTable, ContactFollowupsTable, ContactsTable } from './cases.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type CaseRow = Selectable<CasesTable>;
export type ContactRow = Selectable<ContactsTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
export type FollowupRow = Selectable<ContactFollowupsTable>;

export async function insertCase(db: Db, row: CaseRow): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

export function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function casesByIds(db: Db, ids: readonly string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('cases').selectAll().where('id', 'in', ids).execute();
}

export function activeCaseOfPerson(db: Db, personId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('person_id', '=', personId).where('outcome', '=', 'active').executeTakeFirst();
}

/** People who are active cases now: they are isolated and treated, not traced as someone's contact. */
export async function activeCasePeople(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('cases').select('person_id').where('outcome', '=', 'active').execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function caseCount(db: Db): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateCase(db: Db, id: string, changes: Partial<CaseRow>): Promise<void> {
  await db.updateTable('cases').set(changes).where('id', '=', id).execute();
}

export interface CaseFilter {
  where: Expression<SqlBool>[];
  personId?: string | undefined;
  code?: string | undefined;
  classification?: string | undefined;
  outcome?: string | undefined;
  limit: number;
  offset: number;
}

export async function listCases(db: Db, filter: CaseFilter): Promise<{ rows: CaseRow[]; total: number }> {
  let query = db.selectFrom('cases');
  for (const condition of filter.where) query = query.where(condition);
  if (filter.personId) query = query.where('person_id', '=', filter.personId);
  if (filter.code) query = query.where('code', '=', filter.code);
  if (filter.classification) query = query.where('classification', '=', filter.classification);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const rows = await query.selectAll().orderBy('created_at', 'desc').limit(filter.limit).offset(filter.offset).execute();
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export function casesSince(db: Db, where: Expression<SqlBool>, since: number): Promise<CaseRow[]> {
  return db.selectFrom('cases').selectAll().where(where).where('created_at', '>=', since).execute();
}

export function activeCasesTracedBefore(db: Db, since: number, tracedBefore: number, limit: number): Promise<CaseRow[]> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('outcome', '=', 'active')
    .where('created_at', '>=', since)
    .where((eb) => eb.or([eb('traced_at', 'is', null), eb('traced_at', '<', tracedBefore)]))
    .orderBy('traced_at')
    .limit(limit)
    .execute();
}

export async function insertCaseEvent(db: Db, row: CaseEventRow): Promise<void> {
  await db.insertInto('case_events').values(row).execute();
}

export function eventsOfCase(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at').execute();
}

export function contactsOfCases(db: Db, caseIds: readonly string[]): Promise<ContactRow[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('contacts').selectAll().where('case_id', 'in', caseIds).orderBy('generation').orderBy('window_start').execute();
}

export function findContact(db: Db, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function contactsOfPerson(db: Db, personId: string): Promise<ContactRow[]> {
  return db.selectFrom('contacts').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').execute();
}

export async function insertContacts(db: Db, rows: ContactRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('contacts').values(rows.slice(i, i + 200)).execute();
}

export async function updateContact(db: Db, id: string, changes: Partial<ContactRow>): Promise<void> {
  await db.updateTable('contacts').set(changes).where('id', '=', id).execute();
}

export interface ContactFilter {
  where: Expression<SqlBool>[];
  status?: string | undefined;
  /** Only contacts whose last follow-up was "not reached" or that nobody followed up since this date. */
  notReachedSince?: { date: string; midnight: number } | undefined;
  limit: number;
  offset: number;
}

/** A contact known before `since` that no follow-up has reached since: the one rule for "not reached". */
function notReached(eb: ExpressionBuilder<Database, 'contacts'>, since: { date: string; midnight: number }): Expression<SqlBool> {
  return eb.and([
    eb.not(
      eb.exists(
        eb
          .selectFrom('contact_followups')
          .select('contact_followups.id')
          .whereRef('contact_followups.contact_id', '=', 'contacts.id')
          .where('contact_followups.date', '>=', since.date)
          .where('contact_followups.status', '!=', 'not_reached'),
      ),
    ),
    eb('contacts.created_at', '<', since.midnight),
  ]);
}

export async function listContacts(db: Db, filter: ContactFilter): Promise<{ rows: ContactRow[]; total: number }> {
  let query = db.selectFrom('contacts');
  for (const condition of filter.where) query = query.where(condition);
  if (filter.status) query = query.where('status', '=', filter.status);
  else query = query.where('status', 'in', ['new', 'quarantined']);
  const since = filter.notReachedSince;
  if (since) query = query.where((eb) => notReached(eb, since));
  const rows = await query.selectAll().orderBy('created_at', 'desc').limit(filter.limit).offset(filter.offset).execute();
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function insertFollowup(db: Db, row: FollowupRow): Promise<void> {
  await db.insertInto('contact_followups').values(row).execute();
}

/** The latest follow-up of each contact. */
export async function lastFollowups(db: Db, contactIds: readonly string[]): Promise<Map<string, FollowupRow>> {
  const latest = new Map<string, FollowupRow>();
  for (let i = 0; i < contactIds.length; i += 500) {
    const rows = await db.selectFrom('contact_followups').selectAll().where('contact_id', 'in', contactIds.slice(i, i + 500)).orderBy('date').orderBy('at').execute();
    for (const row of rows) latest.set(row.contact_id, row);
  }
  return latest;
}

/** Contacts whose warning should be sent again: warned fewer times than configured, long enough ago. */
export function contactsDueRewarning(db: Db, repeats: number, warnedBefore: number, limit: number): Promise<ContactRow[]> {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('warned_count', '>', 0)
    .where('warned_count', '<', repeats)
    .where('warned_at', '<', warnedBefore)
    .where('status', 'in', ['new', 'quarantined'])
    .limit(limit)
    .execute();
}

/** Contacts under follow-up and not reached since `since`, counted by commune (for reports). */
export async function notReachedByCommune(db: Db, since: { date: string; midnight: number }): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('contacts')
    .select(['commune_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['new', 'quarantined'])
    .where('commune_code', 'is not', null)
    .where((eb) => notReached(eb, since))
    .groupBy('commune_code')
    .execute();
  return new Map(rows.map((r) => [r.commune_code as string, Number(r.n)]));
}
