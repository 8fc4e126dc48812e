import { sql, type Kysely } from 'kysely';

// Visits are the platform's highest-volume rows: every index here is on a hot path (the scan's
// open-visit lookup, tracing by place and time, the diary, retention purge, auto check-out).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('personal_qr')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('place_id', 'text', (c) => c.notNull())
    .addColumn('point_id', 'text')
    .addColumn('checkout_point_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('visitor_name_enc', 'text')
    .addColumn('visitor_phone_enc', 'text')
    .addColumn('visitor_phone_index', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('place_type', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'bigint', (c) => c.notNull())
    .addColumn('checked_out_at', 'bigint')
    .addColumn('checkout_method', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  // At most one open visit per person and place: a second scan closes it.
  await db.schema
    .createIndex('visits_open')
    .on('visits')
    .columns(['person_id', 'place_id'])
    .unique()
    .where(sql.ref('checked_out_at'), 'is', null)
    .execute();
  await db.schema.createIndex('visits_place_time').on('visits').columns(['place_id', 'checked_in_at']).execute();
  await db.schema.createIndex('visits_person_time').on('visits').columns(['person_id', 'checked_in_at']).execute();
  await db.schema.createIndex('visits_phone_time').on('visits').columns(['visitor_phone_index', 'checked_in_at']).execute();
  await db.schema.createIndex('visits_time').on('visits').column('checked_in_at').execute();
  await db.schema
    .createIndex('visits_still_open')
    .on('visits')
    .columns(['checked_in_at'])
    .where(sql.ref('checked_out_at'), 'is', null)
    .execute();

  // What was answered to each client event, so a retried scan gets the same answer and no second visit.
  await db.schema
    .createTable('scan_receipts')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('client_event_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_receipts_pk', ['actor_id', 'client_event_id'])
    .execute();
  await db.schema.createIndex('scan_receipts_time').on('scan_receipts').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['scan_receipts', 'visits', 'personal_qr']) await db.schema.dropTable(table).execute();
}
