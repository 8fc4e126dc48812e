import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PersonalQrTable } from './people.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type PersonalQrRow = Selectable<PersonalQrTable>;

export function findPersonalQr(db: Db, userId: string): Promise<PersonalQrRow | undefined> {
  return db.selectFrom('personal_qr').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertPersonalQr(db: Db, row: PersonalQrRow): Promise<void> {
  await db.insertInto('personal_qr').values(row).onConflict((oc) => oc.column('user_id').doNothing()).execute();
}

export async function bumpPersonalQr(db: Db, userId: string, now: number): Promise<void> {
  await db
    .updateTable('personal_qr')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('user_id', '=', userId)
    .execute();
}
