import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.js';
import { anyOf } from '../../db/any-of.js';
import type { Database } from '../../db/schema.js';
import type { OutboxTable } from './messaging.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Pick<OutboxRow, 'id' | 'channel' | 'recipient_enc' | 'body_enc' | 'template' | 'language' | 'dedupe_key' | 'status' | 'attempts' | 'next_attempt_at' | 'provider_answer' | 'created_at' | 'sent_at'> &
  Partial<Pick<OutboxRow, 'user_id' | 'campaign_id' | 'run_id' | 'subject'>>;

const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function insertMessage(db: Db, row: NewOutboxRow): Promise<boolean> {
  const result = await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Inserts many messages; those whose dedupe key exists are skipped. Returns how many were new. */
export async function insertMessages(db: Db, rows: readonly NewOutboxRow[]): Promise<number> {
  let inserted = 0;
  for (const part of chunks(rows, 200)) {
    const result = await db
      .insertInto('outbox')
      .values(part)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * Claims up to `limit` due messages of a channel for one sender until `until`: queued, due, and not
 * claimed by another sender (or its claim lapsed). PostgreSQL skips rows another transaction is
 * claiming; SQLite has one writer at a time. A claimed message is sent by its claimant only.
 */
export function claimDue(db: Kysely<Database>, dialect: Dialect, claim: { channel: string; holder: string; now: number; until: number; limit: number }): Promise<OutboxRow[]> {
  return db
    .updateTable('outbox')
    .set({ locked_by: claim.holder, locked_until: claim.until })
    .where('id', 'in', (eb) => {
      const due = eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'queued')
        .where('channel', '=', claim.channel)
        .where('next_attempt_at', '<=', claim.now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', claim.now)]))
        .orderBy('next_attempt_at')
        .limit(claim.limit);
      return dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
}

export type Outcome =
  | { id: string; kind: 'sent'; answer: string; parts: number | null; refs: string[] }
  | { id: string; kind: 'delivered'; answer: string }
  | { id: string; kind: 'retry'; answer: string; nextAttemptAt: number; counts: boolean }
  | { id: string; kind: 'failed'; answer: string };

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Writes what the providers answered for one claimed batch, in one transaction: one UPDATE per kind of
 * answer (not per message), and the providers' references for later receipts. Only the claimant writes.
 */
export async function recordOutcomes(db: Kysely<Database>, dialect: Dialect, channel: string, holder: string, now: number, outcomes: readonly Outcome[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const update = async (ids: string[], changes: Record<string, unknown>, countAttempt: boolean) => {
      for (const part of chunks(ids)) {
        await trx
          .updateTable('outbox')
          .set({ ...changes, locked_by: null, locked_until: null, ...(countAttempt ? { attempts: sql<number>`attempts + 1` } : {}) })
          .where(anyOf(dialect, 'id', part))
          .where('locked_by', '=', holder)
          .execute();
      }
    };
    const sent = outcomes.filter((o) => o.kind === 'sent');
    // Each accepted message has its own answer (the SMSC's message id): one UPDATE per chunk sets them
    // all with a CASE, not one statement per message, which would cap the sender at the database's pace.
    for (const group of groupBy(sent, (o) => `${o.parts ?? ''}`).values()) {
      for (const part of chunks(group)) {
        const answers = sql<string>`case id ${sql.join(part.map((o) => sql`when ${o.id} then ${o.answer}`), sql` `)} end`;
        await update(part.map((o) => o.id), { status: 'sent', sent_at: now, provider_answer: answers, parts: part[0]?.parts ?? null }, true);
      }
    }
    const delivered = outcomes.filter((o) => o.kind === 'delivered');
    for (const group of groupBy(delivered, (o) => o.answer).values()) {
      await update(group.map((o) => o.id), { status: 'delivered', sent_at: now, delivered_at: now, provider_answer: group[0]?.answer ?? null }, true);
    }
    const retries = outcomes.filter((o) => o.kind === 'retry');
    for (const group of groupBy(retries, (o) => `${o.answer}\u0000${o.nextAttemptAt}\u0000${o.counts}`).values()) {
      const first = group[0];
      if (first) await update(group.map((o) => o.id), { next_attempt_at: first.nextAttemptAt, provider_answer: first.answer }, first.counts);
    }
    const failed = outcomes.filter((o) => o.kind === 'failed');
    for (const group of groupBy(failed, (o) => o.answer).values()) {
      await update(group.map((o) => o.id), { status: 'failed', provider_answer: group[0]?.answer ?? null }, true);
    }
    const refs = sent.flatMap((o) => o.refs.map((ref) => ({ channel, ref, outbox_id: o.id, state: 'sent' })));
    for (const part of chunks(refs, 300)) {
      await trx.insertInto('outbox_refs').values(part).onConflict((oc) => oc.columns(['channel', 'ref']).doNothing()).execute();
    }
  });
}

export interface ReceiptUpdate {
  ref: string;
  state: 'delivered' | 'failed';
  answer: string;
}

/**
 * Applies delivery receipts: a message is delivered once every part is, failed as soon as one part
 * fails. Returns the receipts whose reference is not known (yet: the batch that sent it may still be
 * being written), for the caller to try again.
 */
export async function applyReceipts(db: Kysely<Database>, dialect: Dialect, channel: string, receipts: readonly ReceiptUpdate[], now: number): Promise<ReceiptUpdate[]> {
  if (receipts.length === 0) return [];
  const known = new Map<string, string>();
  for (const part of chunks(receipts.map((r) => r.ref))) {
    const rows = await db.selectFrom('outbox_refs').select(['ref', 'outbox_id']).where('channel', '=', channel).where(anyOf(dialect, 'ref', part)).execute();
    for (const row of rows) known.set(row.ref, row.outbox_id);
  }
  const found = receipts.filter((r) => known.has(r.ref));
  await db.transaction().execute(async (trx) => {
    for (const [state, group] of groupBy(found, (r) => r.state)) {
      for (const part of chunks(group.map((r) => r.ref))) {
        await trx.updateTable('outbox_refs').set({ state }).where('channel', '=', channel).where(anyOf(dialect, 'ref', part)).execute();
      }
    }
    const deliveredIds = [...new Set(found.filter((r) => r.state === 'delivered').map((r) => known.get(r.ref) as string))];
    for (const part of chunks(deliveredIds)) {
      await trx
        .updateTable('outbox')
        .set({ status: 'delivered', delivered_at: now })
        .where(anyOf(dialect, 'id', part))
        .where('status', '=', 'sent')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('outbox_refs as r').select('r.ref').whereRef('r.outbox_id', '=', 'outbox.id').where('r.state', '<>', 'delivered'))))
        .execute();
    }
    const failed = found.filter((r) => r.state === 'failed');
    for (const group of groupBy(failed, (r) => r.answer).values()) {
      for (const part of chunks([...new Set(group.map((r) => known.get(r.ref) as string))])) {
        await trx
          .updateTable('outbox')
          .set({ status: 'failed', provider_answer: group[0]?.answer ?? null })
          .where(anyOf(dialect, 'id', part))
          .where('status', 'in', ['sent', 'delivered'])
          .execute();
      }
    }
  });
  return receipts.filter((r) => !known.has(r.ref));
}

export async function markMessage(db: Db, id: string, changes: Partial<Pick<OutboxRow, 'status' | 'attempts' | 'next_attempt_at' | 'provider_answer' | 'sent_at'>>): Promise<void> {
  await db.updateTable('outbox').set(changes).where('id', '=', id).execute();
}

export interface OutboxFilter {
  status?: string | undefined;
  channel?: string | undefined;
  campaignId?: string | undefined;
  limit: number;
}

export function listMessages(db: Db, filter: OutboxFilter): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.campaignId) query = query.where('campaign_id', '=', filter.campaignId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Messages per status for each run (campaign figures). */
export async function statusCountsByRun(db: Db, dialect: Dialect, runIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const counts = new Map<string, Record<string, number>>();
  for (const part of chunks(runIds)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('outbox')
      .select(['run_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where(anyOf(dialect, 'run_id', part))
      .groupBy(['run_id', 'status'])
      .execute();
    for (const row of rows) {
      const entry = counts.get(row.run_id as string) ?? {};
      entry[row.status] = Number(row.n);
      counts.set(row.run_id as string, entry);
    }
  }
  return counts;
}

/** Test sends (or other messages of a template) an account asked for since a time. */
export async function countSentFor(db: Db, userId: string, template: string, since: number): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('template', '=', template).where('created_at', '>=', since).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function isOptedOut(db: Db, addressIndex: string): Promise<boolean> {
  return Boolean(await db.selectFrom('message_opt_outs').select('address_index').where('address_index', '=', addressIndex).executeTakeFirst());
}

export async function optedOutAmong(db: Db, dialect: Dialect, indexes: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(indexes)) {
    if (part.length === 0) continue;
    const rows = await db.selectFrom('message_opt_outs').select('address_index').where(anyOf(dialect, 'address_index', part)).execute();
    for (const row of rows) out.add(row.address_index);
  }
  return out;
}

export async function setOptOut(db: Db, addressIndex: string, optedOut: boolean, source: string, now: number): Promise<void> {
  if (optedOut) await db.insertInto('message_opt_outs').values({ address_index: addressIndex, source, created_at: now }).onConflict((oc) => oc.column('address_index').doNothing()).execute();
  else await db.deleteFrom('message_opt_outs').where('address_index', '=', addressIndex).execute();
}
