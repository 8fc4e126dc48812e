import type { Kysely, Transaction } from 'kysely';
import { maskName, maskTail, nationalPhone } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import { anyOf } from '../../db/any-of.js';
import type { Database } from '../../db/schema.js';
import { findUserByPhoneIndex, insertUser, type UserRow } from './accounts.repository.js';

export function phoneIndex(ctx: Context, phone: string): string {
  return ctx.cipher.blindIndex('phone', phone);
}

/**
 * The account of the person with this phone (E.164), created on first need: at sign-in, or when an
 * owner adds them as scanner staff, or an official registers a place on their behalf.
 */
export async function findOrCreateCitizenByPhone(
  ctx: Context,
  phone: string,
  db: Kysely<Database> | Transaction<Database> = ctx.db,
  displayName?: string,
): Promise<UserRow> {
  const index = phoneIndex(ctx, phone);
  const existing = await findUserByPhoneIndex(db, index);
  if (existing) return existing;
  const now = ctx.clock.now();
  const row: UserRow = {
    id: newId(ctx),
    username: null,
    phone_index: index,
    phone_enc: ctx.cipher.encrypt('users.phone', phone),
    // Names typed by staff are kept as initials here; full names live only in encrypted records.
    display_name: displayName?.trim() ? maskName(displayName) : maskTail(nationalPhone(phone), 3),
    role: 'citizen',
    unit_code: null,
    sector: null,
    password_hash: null,
    status: 'active',
    must_change_password: 0,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
    guardian_id: null,
    relation: null,
    birth_year: null,
    totp_secret_enc: null,
    totp_enabled_at: null,
    totp_last_step: null,
  };
  await insertUser(db, row);
  return row;
}

export interface PersonLabel {
  id: string;
  displayName: string;
  phoneMasked: string | null;
}

/** Names and masked phones of accounts, for member lists; never the full number. */
export async function labelsOf(ctx: Context, userIds: readonly string[]): Promise<Map<string, PersonLabel>> {
  if (userIds.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('users').select(['id', 'display_name', 'phone_enc', 'username']).where('id', 'in', userIds).execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        displayName: r.display_name,
        phoneMasked: r.phone_enc ? maskTail(nationalPhone(ctx.cipher.decrypt('users.phone', r.phone_enc)), 3) : null,
      },
    ]),
  );
}

/** Phone numbers (E.164) of accounts that have one, to send them messages. */
export async function phonesOf(ctx: Context, userIds: readonly string[], db: Kysely<Database> | Transaction<Database> = ctx.db): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'phone_enc']).where('id', 'in', userIds).execute();
  return new Map(rows.filter((r) => r.phone_enc).map((r) => [r.id, ctx.cipher.decrypt('users.phone', r.phone_enc as string)]));
}

/** Accounts of phones known only by their keyed index (visitors staff recorded by phone), by index. */
export async function accountsByPhoneIndex(ctx: Context, indexes: readonly string[]): Promise<Map<string, string>> {
  const accounts = new Map<string, string>();
  for (let i = 0; i < indexes.length; i += 500) {
    const rows = await ctx.db.selectFrom('users').select(['id', 'phone_index']).where(anyOf(ctx.dialect, 'phone_index', indexes.slice(i, i + 500))).execute();
    for (const r of rows) accounts.set(r.phone_index as string, r.id);
  }
  return accounts;
}
