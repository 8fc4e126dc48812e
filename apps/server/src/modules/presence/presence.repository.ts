import { sql, type Expression, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ScanReceiptsTable, VisitsTable } from './presence.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type VisitRow = Selectable<VisitsTable>;
export type ReceiptRow = Selectable<ScanReceiptsTable>;

export function findReceipt(db: Db, actorId: string, clientEventId: string): Promise<ReceiptRow | undefined> {
  return db.selectFrom('scan_receipts').selectAll().where('actor_id', '=', actorId).where('client_event_id', '=', clientEventId).executeTakeFirst();
}

export async function insertReceipt(db: Db, row: ReceiptRow): Promise<void> {
  await db.insertInto('scan_receipts').values(row).execute();
}

export function findOpenVisit(db: Db, personId: string, placeId: string): Promise<Pick<VisitRow, 'id' | 'checked_in_at'> | undefined> {
  return db
    .selectFrom('visits')
    .select(['id', 'checked_in_at'])
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .where('checked_out_at', 'is', null)
    .executeTakeFirst();
}

export function lastVisitOf(db: Db, personId: string): Promise<Pick<VisitRow, 'place_id' | 'checked_in_at'> | undefined> {
  return db.selectFrom('visits').select(['place_id', 'checked_in_at']).where('person_id', '=', personId).orderBy('checked_in_at', 'desc').limit(1).executeTakeFirst();
}

/** Inserts a visit unless the person already has an open one there (another server got it first). */
export async function insertVisit(db: Db, row: VisitRow): Promise<boolean> {
  const result = await db.insertInto('visits').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function closeVisit(db: Db, id: string, at: number, method: string, pointId: string | null): Promise<void> {
  await db.updateTable('visits').set({ checked_out_at: at, checkout_method: method, checkout_point_id: pointId }).where('id', '=', id).execute();
}

export function findVisit(db: Db, id: string): Promise<VisitRow | undefined> {
  return db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
}

export function visitsOfPerson(db: Db, personId: string, since: number): Promise<VisitRow[]> {
  return db.selectFrom('visits').selectAll().where('person_id', '=', personId).where('checked_in_at', '>=', since).orderBy('checked_in_at', 'desc').execute();
}

export async function deleteVisitsOfPerson(db: Db, personId: string, visitId?: string): Promise<number> {
  let query = db.deleteFrom('visits').where('person_id', '=', personId);
  if (visitId) query = query.where('id', '=', visitId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function visitsAtPlace(db: Db, placeId: string, from: number, to: number, limit: number): Promise<VisitRow[]> {
  return db
    .selectFrom('visits')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('checked_in_at', '>=', from)
    .where('checked_in_at', '<', to)
    .orderBy('checked_in_at', 'desc')
    .limit(limit)
    .execute();
}

export async function countInside(db: Db, placeId: string): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('place_id', '=', placeId)
    .where('checked_out_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Visits and distinct visitors per Vietnamese calendar day (integer division works on both databases). */
export async function visitsPerDay(db: Db, placeId: string, from: number): Promise<Array<{ day: number; visits: number; visitors: number }>> {
  // Literals, not parameters: SQLite binds JavaScript numbers as reals, which would make this a real division.
  const day = sql<number>`(${sql.ref('checked_in_at')} + ${sql.lit(VIETNAM_OFFSET_MS)}) / ${sql.lit(DAY_MS)}`;
  const rows = await db
    .selectFrom('visits')
    .select([day.as('day'), (eb) => eb.fn.countAll<number>().as('visits'), (eb) => eb.fn.count<number>('person_id').distinct().as('visitors')])
    .where('place_id', '=', placeId)
    .where('checked_in_at', '>=', from)
    .groupBy(day)
    .orderBy(day)
    .execute();
  return rows.map((r) => ({ day: Number(r.day), visits: Number(r.visits), visitors: Number(r.visitors) }));
}

/** Closes visits left open longer than their place type's usual stay. */
export async function closeOverdue(db: Db, placeType: string, openedBefore: number, stayMs: number): Promise<number> {
  const result = await db
    .updateTable('visits')
    .set({ checked_out_at: sql<number>`${sql.ref('checked_in_at')} + ${stayMs}`, checkout_method: 'auto' })
    .where('checked_out_at', 'is', null)
    .where('place_type', '=', placeType)
    .where('checked_in_at', '<', openedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteVisitsBefore(db: Db, before: number): Promise<number> {
  const visits = await db.deleteFrom('visits').where('checked_in_at', '<', before).executeTakeFirst();
  await db.deleteFrom('scan_receipts').where('created_at', '<', before).execute();
  return Number(visits.numDeletedRows);
}

/** Visits at places matching a condition (scope), for counts in reports and tracing. */
export function visitsWhere(db: Db, where: Expression<SqlBool>, from: number, to: number) {
  return db.selectFrom('visits').where(where).where('checked_in_at', '>=', from).where('checked_in_at', '<', to);
}
