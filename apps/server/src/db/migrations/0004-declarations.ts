import type { Kysely } from 'kysely';

// Declarations are stored whole and encrypted; only what lookups, scope filters, worklists and
// tracing need sits beside them in clear (unit codes, dates, gate, vehicle) or as keyed hashes
// (name, phone, ID number).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Family members and other people without their own phone are accounts under a guardian.
  await db.schema.alterTable('users').addColumn('guardian_id', 'text').execute();
  await db.schema.alterTable('users').addColumn('relation', 'text').execute();
  await db.schema.alterTable('users').addColumn('birth_year', 'integer').execute();
  await db.schema.createIndex('users_guardian').on('users').column('guardian_id').execute();

  await db.schema
    .createTable('declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('client_event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('form_version', 'text', (c) => c.notNull())
    .addColumn('record_enc', 'text', (c) => c.notNull())
    .addColumn('name_index', 'text', (c) => c.notNull())
    .addColumn('phone_index', 'text')
    .addColumn('id_number_index', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('place_id', 'text')
    .addColumn('gate_code', 'text')
    .addColumn('arrival_date', 'text')
    .addColumn('vehicle_key', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull())
    .addColumn('flag_reasons', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('declarations_event').on('declarations').columns(['declared_by', 'client_event_id']).unique().execute();
  await db.schema.createIndex('declarations_subject').on('declarations').columns(['subject_id', 'submitted_at']).execute();
  await db.schema.createIndex('declarations_phone').on('declarations').columns(['phone_index', 'submitted_at']).execute();
  await db.schema.createIndex('declarations_id_number').on('declarations').columns(['id_number_index', 'submitted_at']).execute();
  await db.schema.createIndex('declarations_name').on('declarations').columns(['name_index', 'submitted_at']).execute();
  await db.schema.createIndex('declarations_commune').on('declarations').columns(['commune_code', 'submitted_at']).execute();
  await db.schema.createIndex('declarations_district').on('declarations').columns(['district_code', 'submitted_at']).execute();
  await db.schema.createIndex('declarations_province').on('declarations').columns(['province_code', 'submitted_at']).execute();
  await db.schema.createIndex('declarations_gate').on('declarations').columns(['gate_code', 'arrival_date']).execute();
  await db.schema.createIndex('declarations_vehicle').on('declarations').column('vehicle_key').execute();

  await db.schema
    .createTable('declaration_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('declaration_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('handled_by', 'text')
    .addColumn('handled_at', 'bigint')
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flags_commune').on('declaration_flags').columns(['commune_code', 'status', 'created_at']).execute();
  await db.schema.createIndex('flags_district').on('declaration_flags').columns(['district_code', 'status', 'created_at']).execute();
  await db.schema.createIndex('flags_province').on('declaration_flags').columns(['province_code', 'status', 'created_at']).execute();

  await db.schema
    .createTable('monitoring')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute();
  await db.schema.createIndex('monitoring_subject').on('monitoring').columns(['subject_id', 'end_date']).execute();
  await db.schema.createIndex('monitoring_commune').on('monitoring').columns(['commune_code', 'end_date']).execute();
  await db.schema.createIndex('monitoring_province').on('monitoring').columns(['province_code', 'end_date']).execute();

  await db.schema
    .createTable('citizen_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reporter_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description_enc', 'text', (c) => c.notNull())
    .addColumn('photo_enc', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('handled_by', 'text')
    .addColumn('handled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_commune').on('citizen_reports').columns(['commune_code', 'status', 'created_at']).execute();
  await db.schema.createIndex('reports_province').on('citizen_reports').columns(['province_code', 'status', 'created_at']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['settings', 'citizen_reports', 'monitoring', 'declaration_flags', 'declarations']) await db.schema.dropTable(table).execute();
  for (const column of ['birth_year', 'relation', 'guardian_id']) await db.schema.alterTable('users').dropColumn(column).execute();
}
