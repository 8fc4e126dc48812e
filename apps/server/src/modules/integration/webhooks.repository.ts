import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { WebhookDeliveriesTable } from './integration.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export async function insertDeliveries(db: Db, rows: DeliveryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['webhook_id', 'event_seq']).doNothing())
      .execute();
  }
}

export function dueDeliveries(db: Db, now: number, limit: number): Promise<DeliveryRow[]> {
  return db.selectFrom('webhook_deliveries').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').orderBy('event_seq').limit(limit).execute();
}

/** Takes a due delivery for one attempt; false when another run took it first. */
export async function claimDelivery(db: Db, id: string, now: number, until: number): Promise<boolean> {
  const result = await db.updateTable('webhook_deliveries').set({ next_attempt_at: until }).where('id', '=', id).where('status', '=', 'pending').where('next_attempt_at', '<=', now).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateDelivery(db: Db, id: string, changes: Partial<DeliveryRow>): Promise<void> {
  await db.updateTable('webhook_deliveries').set(changes).where('id', '=', id).execute();
}

export interface DeliveryStats {
  pending: number;
  failed: number;
  lastDeliveredAt: number | null;
  lastError: string | null;
}

export async function deliveryStats(db: Db): Promise<Map<string, DeliveryStats>> {
  const counts = await db
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', 'status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('delivered_at').as('last')])
    .groupBy(['webhook_id', 'status'])
    .execute();
  const errors = await db.selectFrom('webhook_deliveries').select(['webhook_id', 'last_error']).where('status', 'in', ['pending', 'failed']).where('last_error', 'is not', null).orderBy('created_at', 'desc').limit(200).execute();
  const stats = new Map<string, DeliveryStats>();
  const of = (id: string) => stats.get(id) ?? (stats.set(id, { pending: 0, failed: 0, lastDeliveredAt: null, lastError: null }).get(id) as DeliveryStats);
  for (const row of counts) {
    const entry = of(row.webhook_id);
    if (row.status === 'pending') entry.pending = Number(row.n);
    if (row.status === 'failed') entry.failed = Number(row.n);
    if (row.status === 'delivered' && row.last !== null) entry.lastDeliveredAt = Number(row.last);
  }
  for (const row of errors) if (of(row.webhook_id).lastError === null) of(row.webhook_id).lastError = row.last_error;
  return stats;
}
