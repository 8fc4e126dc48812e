import type { Expression, Kysely, Selectable, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PlaceMembersTable, PlacesTable, QrPointsTable } from './places.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type PlaceRow = Selectable<PlacesTable>;
export type MemberRow = Selectable<PlaceMembersTable>;
export type PointRow = Selectable<QrPointsTable>;

export async function insertPlace(db: Db, row: PlaceRow): Promise<void> {
  await db.insertInto('places').values(row).execute();
}

export function findPlace(db: Db, id: string): Promise<PlaceRow | undefined> {
  return db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPlaceByIdentity(db: Db, communeCode: string, nameKey: string, addressKey: string): Promise<PlaceRow | undefined> {
  return db
    .selectFrom('places')
    .selectAll()
    .where('commune_code', '=', communeCode)
    .where('name_key', '=', nameKey)
    .where('address_key', '=', addressKey)
    .executeTakeFirst();
}

export async function updatePlace(db: Db, id: string, changes: Partial<Omit<PlaceRow, 'id'>>): Promise<void> {
  await db.updateTable('places').set(changes).where('id', '=', id).execute();
}

export interface PlaceFilter {
  where: Expression<SqlBool>[];
  type?: string | undefined;
  sector?: string | undefined;
  status?: string | undefined;
  /** Folded search text, matched inside the folded name. */
  nameKey?: string | undefined;
  sort: 'name' | 'created' | 'commune';
  limit: number;
  offset: number;
}

/**
 * A page of places. The page's ids are found first (from an index alone where the filters allow,
 * however deep the page), then only those rows are read.
 */
export async function listPlaces(db: Db, filter: PlaceFilter): Promise<{ rows: PlaceRow[]; total: number }> {
  let query = db.selectFrom('places');
  for (const condition of filter.where) query = query.where(condition);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.sector) query = query.where('sector', '=', filter.sector);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.nameKey) query = query.where('name_key', 'like', `%${filter.nameKey}%`);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let ids = query.select('id');
  if (filter.sort === 'created') ids = ids.orderBy('created_at', 'desc').orderBy('id', 'desc');
  else if (filter.sort === 'commune') ids = ids.orderBy('commune_code').orderBy('name_key').orderBy('id');
  else ids = ids.orderBy('name_key').orderBy('id');
  const page = (await ids.limit(filter.limit).offset(filter.offset).execute()).map((r) => r.id);
  if (page.length === 0) return { rows: [], total: Number(total.n) };
  const rows = await db.selectFrom('places').selectAll().where('id', 'in', page).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: page.map((id) => byId.get(id)).filter((r): r is PlaceRow => r !== undefined), total: Number(total.n) };
}

export async function insertMember(db: Db, row: MemberRow): Promise<void> {
  await db
    .insertInto('place_members')
    .values(row)
    .onConflict((oc) => oc.columns(['place_id', 'user_id']).doUpdateSet({ role: row.role }))
    .execute();
}

export function findMember(db: Db, placeId: string, userId: string): Promise<MemberRow | undefined> {
  return db.selectFrom('place_members').selectAll().where('place_id', '=', placeId).where('user_id', '=', userId).executeTakeFirst();
}

export function listMembers(db: Db, placeId: string): Promise<MemberRow[]> {
  return db.selectFrom('place_members').selectAll().where('place_id', '=', placeId).orderBy('role').orderBy('created_at').execute();
}

export async function deleteMember(db: Db, placeId: string, userId: string): Promise<void> {
  await db.deleteFrom('place_members').where('place_id', '=', placeId).where('user_id', '=', userId).execute();
}

export async function countOwners(db: Db, placeId: string): Promise<number> {
  const row = await db
    .selectFrom('place_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('place_id', '=', placeId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function membershipsOf(db: Db, userId: string): Promise<Array<MemberRow & { place: PlaceRow }>> {
  return db
    .selectFrom('place_members')
    .innerJoin('places', 'places.id', 'place_members.place_id')
    .selectAll('places')
    .select(['place_members.role as member_role', 'place_members.added_by', 'place_members.created_at as member_since'])
    .where('place_members.user_id', '=', userId)
    .orderBy('places.name_key')
    .execute()
    .then((rows) =>
      rows.map(({ member_role, added_by, member_since, ...place }) => ({
        place_id: place.id,
        user_id: userId,
        role: member_role,
        added_by,
        created_at: member_since,
        place,
      })),
    );
}

export async function insertPoint(db: Db, row: PointRow): Promise<void> {
  await db.insertInto('qr_points').values(row).execute();
}

export function findPoint(db: Db, id: string): Promise<PointRow | undefined> {
  return db.selectFrom('qr_points').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPointByShortCode(db: Db, shortCode: string): Promise<PointRow | undefined> {
  return db.selectFrom('qr_points').selectAll().where('short_code', '=', shortCode).executeTakeFirst();
}

export function pointsOfPlaces(db: Db, placeIds: readonly string[]): Promise<PointRow[]> {
  if (placeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('qr_points').selectAll().where('place_id', 'in', placeIds).orderBy('place_id').orderBy('created_at').orderBy('id').execute();
}

export async function activePointCounts(db: Db, placeIds: readonly string[]): Promise<Map<string, number>> {
  if (placeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('qr_points')
    .select(['place_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', 'in', placeIds)
    .where('status', '=', 'active')
    .groupBy('place_id')
    .execute();
  return new Map(rows.map((r) => [r.place_id, Number(r.n)]));
}

export async function updatePoint(db: Db, id: string, changes: Partial<Omit<PointRow, 'id' | 'place_id'>>): Promise<void> {
  await db.updateTable('qr_points').set(changes).where('id', '=', id).execute();
}

export interface PlacePin {
  id: string;
  name: string;
  type: string;
  status: string;
  lat: number | null;
  lon: number | null;
}

/** Just what a map needs of every place in an area. */
export async function placePins(db: Db, where: Expression<SqlBool>[]): Promise<PlacePin[]> {
  let query = db.selectFrom('places').select(['id', 'name', 'type', 'status', 'lat', 'lon']);
  for (const condition of where) query = query.where(condition);
  return query.execute();
}

export async function anyMembership(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('place_members').select('place_id').where('user_id', '=', userId).limit(1).executeTakeFirst()) !== undefined;
}

export function placesByIds(db: Db, ids: readonly string[]): Promise<PlaceRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('places').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}
