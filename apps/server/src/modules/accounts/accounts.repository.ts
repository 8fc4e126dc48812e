import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { OtpChallengesTable, SessionsTable, UsersTable } from './accounts.table.js';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type OtpRow = Selectable<OtpChallengesTable>;
type Db = Kysely<Database> | Transaction<Database>;

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserByPhoneIndex(db: Db, phoneIndex: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('phone_index', '=', phoneIndex).executeTakeFirst();
}

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Db, id: string, changes: Partial<Omit<UserRow, 'id'>>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserFilter {
  q?: string;
  role?: string;
  unitCodes?: readonly string[];
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, filter: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  let query = db.selectFrom('users').where('username', 'is not', null);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.unitCodes) query = query.where('unit_code', 'in', filter.unitCodes.length ? filter.unitCodes : ['-']);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb('username', 'like', like), eb(eb.fn('lower', ['display_name']), 'like', like)]));
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('username').limit(filter.limit).offset(filter.offset).execute();
  return { rows, total: Number(total.n) };
}

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Db, id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertOtp(db: Db, row: OtpRow): Promise<void> {
  await db.insertInto('otp_challenges').values(row).execute();
}

export async function countRecentOtps(db: Db, phoneIndex: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('otp_challenges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('phone_index', '=', phoneIndex)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findLatestOtp(db: Db, phoneIndex: string, purpose: string): Promise<OtpRow | undefined> {
  return db
    .selectFrom('otp_challenges')
    .selectAll()
    .where('phone_index', '=', phoneIndex)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updateOtp(db: Db, id: string, changes: Partial<Pick<OtpRow, 'attempts' | 'consumed_at'>>): Promise<void> {
  await db.updateTable('otp_challenges').set(changes).where('id', '=', id).execute();
}

export async function deleteOtpsBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('otp_challenges').where('expires_at', '<', before).execute();
}

export function familyOf(db: Db, guardianId: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('guardian_id', '=', guardianId).where('status', '=', 'active').orderBy('created_at').execute();
}
