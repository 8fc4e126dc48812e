import type { Kysely } from 'kysely';

// Data exchange with other systems: API keys (hashes only), the change feed with its cursor, webhooks and
// their deliveries, and lab results received. Events and lab results carry the unit columns every scoped
// table has, so a key bound to a unit sees only its part.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('rotated_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('integration_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  for (const tier of ['province', 'district', 'commune']) {
    await db.schema.createIndex(`integration_events_${tier}`).on('integration_events').columns([`${tier}_code`, 'seq']).execute();
  }

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cursor', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_seq', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_deliveries_event').on('webhook_deliveries').columns(['webhook_id', 'event_seq']).unique().execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('lab_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('result_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('api_key_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('matched_by', 'text')
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('test_system', 'text')
    .addColumn('test_code', 'text')
    .addColumn('test_name', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('specimen_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('handled_by', 'text')
    .addColumn('handled_at', 'bigint')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('lab_results_issuer_id').on('lab_results').columns(['issuer', 'result_id']).unique().execute();
  await db.schema.createIndex('lab_results_person').on('lab_results').column('person_id').execute();
  await db.schema.createIndex('lab_results_received').on('lab_results').columns(['received_at']).execute();
  for (const tier of ['province', 'district', 'commune']) {
    await db.schema.createIndex(`lab_results_${tier}`).on('lab_results').columns([`${tier}_code`, 'status', 'received_at']).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['lab_results', 'webhook_deliveries', 'webhooks', 'integration_events', 'api_keys']) await db.schema.dropTable(table).execute();
}
