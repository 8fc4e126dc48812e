import type { Kysely } from 'kysely';

// Places, their QR points, members (owners and scanner staff) and communes' target lists.
// Every place row carries its province, district and commune so scope filters are one equality.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('places')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('street_address', 'text', (c) => c.notNull())
    .addColumn('address_key', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('contact_name_enc', 'text', (c) => c.notNull())
    .addColumn('contact_phone_enc', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('opening_hours', 'text')
    .addColumn('requires_declaration', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('registration_channel', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('places_identity').on('places').columns(['commune_code', 'name_key', 'address_key']).unique().execute();
  // Officials page through their area's places, filtered by one or two of type, sector and status.
  // Each index ends with the default order (name, then id), so a page is read from the index alone,
  // and listing 100,000 places stays cheap at any page.
  const byName = ['name_key', 'id'];
  await db.schema.createIndex('places_province').on('places').columns(['province_code', ...byName]).execute();
  await db.schema.createIndex('places_district').on('places').columns(['district_code', ...byName]).execute();
  await db.schema.createIndex('places_commune').on('places').columns(['commune_code', ...byName]).execute();
  await db.schema.createIndex('places_province_type').on('places').columns(['province_code', 'type', 'status', ...byName]).execute();
  await db.schema.createIndex('places_province_sector').on('places').columns(['province_code', 'sector', 'status', ...byName]).execute();
  await db.schema.createIndex('places_province_status').on('places').columns(['province_code', 'status', ...byName]).execute();
  await db.schema.createIndex('places_province_created').on('places').columns(['province_code', 'created_at', 'id']).execute();
  await db.schema.createIndex('places_status').on('places').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('place_members')
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('place_members_pk', ['place_id', 'user_id'])
    .execute();
  await db.schema.createIndex('place_members_user').on('place_members').column('user_id').execute();

  await db.schema
    .createTable('qr_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('short_code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('qr_points_place').on('qr_points').column('place_id').execute();

  await db.schema
    .createTable('place_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('street_address', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('place_id', 'text', (c) => c.references('places.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('place_targets_commune').on('place_targets').columns(['commune_code', 'name_key']).execute();
  await db.schema.createIndex('place_targets_district').on('place_targets').column('district_code').execute();
  await db.schema.createIndex('place_targets_province').on('place_targets').column('province_code').execute();
  await db.schema.createIndex('place_targets_place').on('place_targets').column('place_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['place_targets', 'qr_points', 'place_members', 'places']) await db.schema.dropTable(table).execute();
}
