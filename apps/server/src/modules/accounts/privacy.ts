import type { Kysely, Transaction } from 'kysely';
import type { Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { findUserById } from './accounts.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface AccountExport {
  id: string;
  role: string;
  username: string | null;
  phone: string | null;
  displayName: string;
  createdAt: number;
  lastLoginAt: number | null;
  secondFactor: boolean;
}

export interface FamilyMemberExport {
  id: string;
  displayName: string;
  relation: string | null;
  birthYear: number | null;
  active: boolean;
  createdAt: number;
}

/** The account as its owner may see it, phone in full (it is theirs), and the family members under it. */
export async function accountForExport(ctx: Context, userId: string): Promise<{ account: AccountExport; family: FamilyMemberExport[] }> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new Error('account not found');
  const family = await ctx.db.selectFrom('users').selectAll().where('guardian_id', '=', userId).orderBy('created_at').execute();
  return {
    account: {
      id: user.id,
      role: user.role,
      username: user.username,
      phone: user.phone_enc ? ctx.cipher.decrypt('users.phone', user.phone_enc) : null,
      displayName: user.display_name,
      createdAt: user.created_at,
      lastLoginAt: user.last_login_at,
      secondFactor: user.totp_enabled_at !== null,
    },
    family: family.map((m) => ({ id: m.id, displayName: m.display_name, relation: m.relation, birthYear: m.birth_year, active: m.status === 'active', createdAt: m.created_at })),
  };
}

/** Every account kept under this one (family members, removed ones too). */
export async function familyIdsOf(db: Db, userId: string): Promise<string[]> {
  return (await db.selectFrom('users').select('id').where('guardian_id', '=', userId).execute()).map((r) => r.id);
}

/** The phone of an account, if it has one (E.164). */
export async function phoneOf(ctx: Context, userId: string): Promise<string | null> {
  const user = await findUserById(ctx.db, userId);
  return user?.phone_enc ? ctx.cipher.decrypt('users.phone', user.phone_enc) : null;
}

/** Deletes accounts with their sessions and pending sign-in codes. */
export async function eraseAccounts(db: Db, userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const indexes = (await db.selectFrom('users').select('phone_index').where('id', 'in', userIds).execute()).flatMap((r) => (r.phone_index ? [r.phone_index] : []));
  await db.deleteFrom('sessions').where('user_id', 'in', userIds).execute();
  if (indexes.length) await db.deleteFrom('otp_challenges').where('phone_index', 'in', indexes).execute();
  const result = await db.deleteFrom('users').where('id', 'in', userIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
