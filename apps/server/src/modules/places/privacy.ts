import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The places an account belongs to, for its data export. */
export async function membershipsForExport(db: Db, userId: string): Promise<Array<{ placeId: string; placeName: string; role: string; since: number }>> {
  const rows = await db.selectFrom('place_members').innerJoin('places', 'places.id', 'place_members.place_id').select(['places.id', 'places.name', 'place_members.role', 'place_members.created_at']).where('place_members.user_id', '=', userId).execute();
  return rows.map((r) => ({ placeId: r.id, placeName: r.name, role: r.role, since: r.created_at }));
}

/**
 * Removes an account from every place it belongs to. The only owner of a place cannot leave: the
 * place would have nobody to manage it (another owner must be added first).
 */
export async function leaveAllPlaces(db: Db, userId: string): Promise<number> {
  const owned = await db.selectFrom('place_members').select('place_id').where('user_id', '=', userId).where('role', '=', 'owner').execute();
  for (const { place_id } of owned) {
    const owners = await db.selectFrom('place_members').select((eb) => eb.fn.countAll<number>().as('n')).where('place_id', '=', place_id).where('role', '=', 'owner').executeTakeFirstOrThrow();
    if (Number(owners.n) <= 1) throw new AppError('last_owner');
  }
  const result = await db.deleteFrom('place_members').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
