import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Deletes personal QR records: codes and printed cards of these people stop working. */
export async function erasePersonalQr(db: Kysely<Database> | Transaction<Database>, userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const result = await db.deleteFrom('personal_qr').where('user_id', 'in', userIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
