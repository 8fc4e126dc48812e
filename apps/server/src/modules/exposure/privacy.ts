import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Deletes the Bluetooth matches these people shared (a contact record it created stays with its case). */
export async function eraseSharesOf(db: Kysely<Database> | Transaction<Database>, personIds: readonly string[]): Promise<number> {
  if (personIds.length === 0) return 0;
  const result = await db.deleteFrom('exposure_shares').where('person_id', 'in', personIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
