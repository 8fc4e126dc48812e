import type SQLite from 'better-sqlite3';
import type { ReceiptRow, VisitRow } from './presence.repository.js';

/** The five statements a scan needs, inside the batch's transaction. */
export interface ScanStore {
  findReceipt(actorId: string, clientEventId: string): Promise<Pick<ReceiptRow, 'visit_id' | 'action'> | undefined>;
  findOpen(personId: string, placeId: string): Promise<Pick<VisitRow, 'id' | 'checked_in_at'> | undefined>;
  insertVisit(row: VisitRow): Promise<boolean>;
  closeVisit(id: string, at: number, method: string, pointId: string | null): Promise<void>;
  insertReceipt(row: ReceiptRow): Promise<void>;
}

const VISIT_COLUMNS = [
  'id',
  'place_id',
  'point_id',
  'checkout_point_id',
  'person_id',
  'visitor_name_enc',
  'visitor_phone_enc',
  'visitor_phone_index',
  'province_code',
  'district_code',
  'commune_code',
  'place_type',
  'method',
  'recorded_by',
  'checked_in_at',
  'checked_out_at',
  'checkout_method',
  'received_at',
] as const;

const statements = new WeakMap<SQLite.Database, ReturnType<typeof prepare>>();

function prepare(db: SQLite.Database) {
  return {
    findReceipt: db.prepare<[string, string], Pick<ReceiptRow, 'visit_id' | 'action'>>('select visit_id, action from scan_receipts where actor_id = ? and client_event_id = ?'),
    findOpen: db.prepare<[string, string], Pick<VisitRow, 'id' | 'checked_in_at'>>('select id, checked_in_at from visits where person_id = ? and place_id = ? and checked_out_at is null'),
    insertVisit: db.prepare(`insert into visits (${VISIT_COLUMNS.join(', ')}) values (${VISIT_COLUMNS.map((c) => `@${c}`).join(', ')}) on conflict do nothing`),
    closeVisit: db.prepare('update visits set checked_out_at = ?, checkout_method = ?, checkout_point_id = ? where id = ?'),
    insertReceipt: db.prepare('insert into scan_receipts (actor_id, client_event_id, visit_id, action, created_at) values (?, ?, ?, ?, ?)'),
  };
}

/**
 * The same statements prepared once on the raw SQLite connection: the scan path runs thousands of
 * times a second, and building and compiling each query through Kysely costs more than running it.
 * The caller holds the connection (Kysely's lock) and the transaction.
 */
export function sqliteScanStore(db: SQLite.Database): ScanStore {
  let s = statements.get(db);
  if (!s) {
    s = prepare(db);
    statements.set(db, s);
  }
  const st = s;
  return {
    findReceipt: async (actorId, clientEventId) => st.findReceipt.get(actorId, clientEventId),
    findOpen: async (personId, placeId) => st.findOpen.get(personId, placeId),
    insertVisit: async (row) => st.insertVisit.run(row).changes > 0,
    closeVisit: async (id, at, method, pointId) => {
      st.closeVisit.run(at, method, pointId, id);
    },
    insertReceipt: async (row) => {
      st.insertReceipt.run(row.actor_id, row.client_event_id, row.visit_id, row.action, row.created_at);
    },
  };
}
