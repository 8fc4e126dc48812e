import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Dialect } from '../../db/database.js';
import { anyOf } from '../../db/any-of.js';
import type { Database } from '../../db/schema.js';
import type { MessagePreferencesTable, PushSubscriptionsTable } from './messaging.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type PreferencesRow = Selectable<MessagePreferencesTable>;
export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export function findPreferences(db: Db, userId: string): Promise<PreferencesRow | undefined> {
  return db.selectFrom('message_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function preferencesOf(db: Db, dialect: Dialect, userIds: readonly string[]): Promise<Map<string, PreferencesRow>> {
  const out = new Map<string, PreferencesRow>();
  for (let i = 0; i < userIds.length; i += 400) {
    const part = userIds.slice(i, i + 400);
    const rows = await db.selectFrom('message_preferences').selectAll().where(anyOf(dialect, 'user_id', part)).execute();
    for (const row of rows) out.set(row.user_id, row);
  }
  return out;
}

export async function savePreferences(db: Db, row: PreferencesRow): Promise<void> {
  const { user_id: _id, ...changes } = row;
  await db.insertInto('message_preferences').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet(changes)).execute();
}

export async function savePushSubscription(db: Db, row: PushSubscriptionRow): Promise<void> {
  await db
    .insertInto('push_subscriptions')
    .values(row)
    .onConflict((oc) => oc.column('endpoint_index').doUpdateSet({ user_id: row.user_id, subscription_enc: row.subscription_enc, created_at: row.created_at }))
    .execute();
}

export async function deletePushSubscription(db: Db, userId: string, endpointIndex: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('user_id', '=', userId).where('endpoint_index', '=', endpointIndex).execute();
}

export async function pushSubscriptionsOf(db: Db, dialect: Dialect, userIds: readonly string[]): Promise<PushSubscriptionRow[]> {
  const out: PushSubscriptionRow[] = [];
  for (let i = 0; i < userIds.length; i += 400) {
    const part = userIds.slice(i, i + 400);
    if (part.length) out.push(...(await db.selectFrom('push_subscriptions').selectAll().where(anyOf(dialect, 'user_id', part)).execute()));
  }
  return out;
}
