import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { OutboxTable } from './messaging.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type OutboxRow = Selectable<OutboxTable>;

export async function insertMessage(db: Db, row: OutboxRow): Promise<boolean> {
  const result = await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function dueMessages(db: Db, now: number, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

export async function markMessage(
  db: Db,
  id: string,
  changes: Partial<Pick<OutboxRow, 'status' | 'attempts' | 'next_attempt_at' | 'provider_answer' | 'sent_at'>>,
): Promise<void> {
  await db.updateTable('outbox').set(changes).where('id', '=', id).execute();
}

export interface OutboxFilter {
  status?: string | undefined;
  channel?: string | undefined;
  limit: number;
}

export function listMessages(db: Db, filter: OutboxFilter): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  return query.orderBy('created_at', 'desc').limit(filter.limit).execute();
}
