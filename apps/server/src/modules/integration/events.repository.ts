import { sql, type Expression, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { IntegrationEventType } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { IntegrationEventsTable } from './integration.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type EventRow = Selectable<IntegrationEventsTable>;

/** The units a change belongs to, as the scoped tables store them. */
export interface EventUnits {
  provinceCode: string;
  districtCode: string | null;
  communeCode: string | null;
}

export interface NewEvent {
  type: IntegrationEventType;
  units: EventUnits;
  /** Ids and codes only: receivers fetch personal data through the audited FHIR API. */
  data: Record<string, unknown>;
}

// Any constant will do; it names the one lock every writer of the feed takes.
const FEED_LOCK = 7_346_172_001;

/**
 * Appends changes to the feed inside the caller's transaction, so an event exists exactly when its
 * change committed. The cursor is max + 1 taken under a lock held until commit (SQLite has one writer;
 * PostgreSQL takes a transaction-scoped advisory lock), so cursors are gap-free and in commit order and a
 * reader polling `seq > cursor` never skips a change that commits late. Call it last in a transaction:
 * the lock serialises every transaction that emits from that point to its commit.
 */
export async function emitIntegrationEvents(ctx: Pick<Context, 'clock' | 'rng' | 'dialect'>, trx: Transaction<Database>, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (ctx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${FEED_LOCK})`.execute(trx);
  const last = await trx.selectFrom('integration_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  const at = ctx.clock.now();
  const rows: EventRow[] = events.map((e) => ({
    seq: ++seq,
    id: newId(ctx),
    type: e.type,
    at,
    unit_code: e.units.communeCode ?? e.units.districtCode ?? e.units.provinceCode,
    province_code: e.units.provinceCode,
    district_code: e.units.districtCode,
    commune_code: e.units.communeCode,
    data: JSON.stringify(e.data),
  }));
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('integration_events').values(rows.slice(i, i + 200)).execute();
}

export function eventsAfter(db: Db, where: Expression<SqlBool>, after: number, limit: number, types: readonly string[] = []): Promise<EventRow[]> {
  let query = db.selectFrom('integration_events').selectAll().where(where).where('seq', '>', after);
  if (types.length) query = query.where('type', 'in', types);
  return query.orderBy('seq').limit(limit).execute();
}

export function eventsBySeq(db: Db, seqs: readonly number[]): Promise<EventRow[]> {
  if (seqs.length === 0) return Promise.resolve([]);
  return db.selectFrom('integration_events').selectAll().where('seq', 'in', seqs).execute();
}

export async function lastSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('integration_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}
