import type { Expression, Kysely, Selectable, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PlaceTargetsTable } from './places.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type TargetRow = Selectable<PlaceTargetsTable>;

export async function insertTargets(db: Db, rows: TargetRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('place_targets').values(rows.slice(i, i + 200)).execute();
}

export function findTarget(db: Db, id: string): Promise<TargetRow | undefined> {
  return db.selectFrom('place_targets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateTarget(db: Db, id: string, changes: Partial<Omit<TargetRow, 'id'>>): Promise<void> {
  await db.updateTable('place_targets').set(changes).where('id', '=', id).execute();
}

export async function deleteTarget(db: Db, id: string): Promise<void> {
  await db.deleteFrom('place_targets').where('id', '=', id).execute();
}

/** Links unmatched targets of a commune with this folded name to a place. */
export async function linkUnmatchedTargets(db: Db, communeCode: string, nameKey: string, placeId: string, now: number): Promise<number> {
  const result = await db
    .updateTable('place_targets')
    .set({ place_id: placeId, updated_at: now })
    .where('commune_code', '=', communeCode)
    .where('name_key', '=', nameKey)
    .where('place_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findPlaceIdByName(db: Db, communeCode: string, nameKey: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('places').select('id').where('commune_code', '=', communeCode).where('name_key', '=', nameKey).orderBy('created_at').limit(1).executeTakeFirst();
}

export interface TargetFilter {
  where: Expression<SqlBool>[];
  status?: 'registered' | 'missing' | undefined;
  type?: string | undefined;
  sector?: string | undefined;
  nameKey?: string | undefined;
  limit: number;
  offset: number;
}

export async function listTargets(db: Db, filter: TargetFilter) {
  let base = db.selectFrom('place_targets');
  for (const condition of filter.where) base = base.where(condition);
  if (filter.type) base = base.where('place_targets.type', '=', filter.type);
  if (filter.sector) base = base.where('place_targets.sector', '=', filter.sector);
  if (filter.nameKey) base = base.where('place_targets.name_key', 'like', `%${filter.nameKey}%`);
  const counts = await base
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('place_targets.place_id').as('registered')])
    .executeTakeFirstOrThrow();
  let listed = base;
  if (filter.status === 'registered') listed = listed.where('place_targets.place_id', 'is not', null);
  if (filter.status === 'missing') listed = listed.where('place_targets.place_id', 'is', null);
  const total = await listed.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await listed
    .leftJoin('places', 'places.id', 'place_targets.place_id')
    .selectAll('place_targets')
    .select('places.name as place_name')
    .orderBy('place_targets.commune_code')
    .orderBy('place_targets.name_key')
    .orderBy('place_targets.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const registered = Number(counts.registered);
  return { rows, total: Number(total.n), registered, missing: Number(counts.total) - registered };
}
