import type { Kysely } from 'kysely';

// Cases and their contacts. Contacts are found by tracing (visits, journeys, households,
// interviews, Bluetooth matches people shared) and then followed up by commune teams.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('address_enc', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('onset_date', 'text')
    .addColumn('test_date', 'text')
    .addColumn('test_result', 'text')
    .addColumn('isolation_date', 'text')
    .addColumn('isolation_place', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('from_contact_id', 'text')
    .addColumn('note_enc', 'text')
    .addColumn('traced_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_person').on('cases').column('person_id').execute();
  await db.schema.createIndex('cases_commune').on('cases').columns(['commune_code', 'created_at']).execute();
  await db.schema.createIndex('cases_district').on('cases').columns(['district_code', 'created_at']).execute();
  await db.schema.createIndex('cases_province').on('cases').columns(['province_code', 'created_at']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('parent_contact_id', 'text')
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('name_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text')
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('window_end', 'bigint', (c) => c.notNull())
    .addColumn('exposure_minutes', 'double precision', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('quarantine_start', 'text')
    .addColumn('quarantine_end', 'text')
    .addColumn('team', 'text')
    .addColumn('became_case_id', 'text')
    .addColumn('warned_count', 'integer', (c) => c.notNull())
    .addColumn('warned_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_case_person').on('contacts').columns(['case_id', 'person_key']).unique().execute();
  await db.schema.createIndex('contacts_person').on('contacts').columns(['person_id', 'created_at']).execute();
  await db.schema.createIndex('contacts_commune').on('contacts').columns(['commune_code', 'status']).execute();
  await db.schema.createIndex('contacts_province').on('contacts').columns(['province_code', 'status']).execute();
  await db.schema.createIndex('contacts_warning').on('contacts').columns(['warned_count', 'warned_at']).execute();

  await db.schema
    .createTable('contact_followups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('followups_contact').on('contact_followups').columns(['contact_id', 'date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['contact_followups', 'contacts', 'case_events', 'cases']) await db.schema.dropTable(table).execute();
}
