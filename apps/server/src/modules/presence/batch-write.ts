import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ReceiptRow, VisitRow } from './presence.repository.js';

/**
 * Set-based statements for a whole batch of scans (PostgreSQL, where every statement is a network
 * round trip): one read of the batch's receipts, one of its people's open visits, then one
 * statement each for new visits, closed visits and receipts — five round trips per batch, not per scan.
 */
export async function receiptsOf(trx: Transaction<Database>, keys: ReadonlyArray<{ actorId: string; clientEventId: string }>): Promise<ReceiptRow[]> {
  if (keys.length === 0) return [];
  return trx
    .selectFrom('scan_receipts')
    .selectAll()
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('actor_id', '=', k.actorId), eb('client_event_id', '=', k.clientEventId)]))))
    .execute();
}

export function openVisitsOf(trx: Transaction<Database>, personIds: string[]): Promise<Array<Pick<VisitRow, 'id' | 'person_id' | 'place_id' | 'checked_in_at'>>> {
  if (personIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('visits')
    .select(['id', 'person_id', 'place_id', 'checked_in_at'])
    .where('person_id', 'in', [...new Set(personIds)])
    .where('checked_out_at', 'is', null)
    .execute();
}

/** Inserts visits; returns the ids actually inserted (a conflict means another server got there first). */
export async function insertVisits(trx: Transaction<Database>, rows: VisitRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await trx.insertInto('visits').values(rows).onConflict((oc) => oc.doNothing()).returning('id').execute();
  return new Set(inserted.map((r) => r.id));
}

export interface Closing {
  id: string;
  at: number;
  method: string;
  pointId: string | null;
}

/** Closes many visits in one statement (PostgreSQL's UPDATE … FROM VALUES). */
export async function closeVisits(trx: Transaction<Database>, closings: Closing[]): Promise<void> {
  if (closings.length === 0) return;
  const values = sql.join(closings.map((c) => sql`(${c.id}, ${c.at}::bigint, ${c.method}, ${c.pointId}::text)`));
  await sql`update visits as v set checked_out_at = c.at, checkout_method = c.method, checkout_point_id = c.point
    from (values ${values}) as c(id, at, method, point) where v.id = c.id`.execute(trx);
}

/**
 * Inserts receipts; returns how many were new. Fewer than given means another server process stored
 * the same client event meanwhile (the insert waited for its commit).
 */
export async function insertReceipts(trx: Transaction<Database>, rows: ReceiptRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await trx.insertInto('scan_receipts').values(rows).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
