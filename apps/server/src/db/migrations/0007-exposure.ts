import type { Kysely } from 'kysely';

// Bluetooth exposure notification (PRODUCT.md §6). Verification side: one-time codes and tokens, stored only
// as keyed hashes. Key server: published temporary exposure keys, export batches, the signing keys (private
// parts sealed with the field cipher), upload idempotency by certificate id, and matches people shared.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exposure_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Nulled once expired, so the 10^8 short codes never run out and a leaked table reveals nothing live.
    .addColumn('short_hash', 'text', (c) => c.unique())
    .addColumn('long_hash', 'text', (c) => c.unique())
    .addColumn('short_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('long_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('test_type', 'text', (c) => c.notNull())
    .addColumn('symptom_date', 'text')
    .addColumn('test_date', 'text')
    .addColumn('case_id', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('exposure_codes_province').on('exposure_codes').columns(['province_code', 'issued_at']).execute();
  await db.schema.createIndex('exposure_codes_district').on('exposure_codes').columns(['district_code', 'issued_at']).execute();
  await db.schema.createIndex('exposure_codes_commune').on('exposure_codes').columns(['commune_code', 'issued_at']).execute();

  await db.schema
    .createTable('exposure_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('code_id', 'text', (c) => c.notNull())
    .addColumn('test_type', 'text', (c) => c.notNull())
    .addColumn('symptom_date', 'text')
    .addColumn('test_date', 'text')
    .addColumn('case_id', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('exposure_keys')
    .addColumn('key_data', 'text', (c) => c.primaryKey())
    .addColumn('transmission_risk', 'integer', (c) => c.notNull())
    .addColumn('rolling_start', 'integer', (c) => c.notNull())
    .addColumn('rolling_period', 'integer', (c) => c.notNull())
    .addColumn('report_type', 'integer', (c) => c.notNull())
    .addColumn('days_since_onset', 'integer')
    .addColumn('case_ref', 'text')
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addColumn('publish_after', 'bigint', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .execute();
  await db.schema.createIndex('exposure_keys_pending').on('exposure_keys').columns(['batch_id', 'publish_after']).execute();
  await db.schema.createIndex('exposure_keys_age').on('exposure_keys').column('rolling_start').execute();

  await db.schema
    .createTable('exposure_publishes')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('tekmac', 'text', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('embargoed_until', 'bigint')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exposure_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('start_timestamp', 'bigint', (c) => c.notNull())
    .addColumn('end_timestamp', 'bigint', (c) => c.notNull())
    .addColumn('batch_num', 'integer', (c) => c.notNull())
    .addColumn('batch_size', 'integer', (c) => c.notNull())
    .addColumn('real_keys', 'integer', (c) => c.notNull())
    .addColumn('total_keys', 'integer', (c) => c.notNull())
    .addColumn('signing_key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exposure_batches_end').on('exposure_batches').column('end_timestamp').execute();

  await db.schema
    .createTable('exposure_signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('private_key_enc', 'text')
    .addColumn('public_key_pem', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();
  await db.schema.createIndex('exposure_signing_keys_version').on('exposure_signing_keys').columns(['purpose', 'version']).unique().execute();

  await db.schema
    .createTable('exposure_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('exposure_date', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('window_end', 'bigint', (c) => c.notNull())
    .addColumn('weighted_minutes', 'double precision', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exposure_shares_person_key').on('exposure_shares').columns(['person_id', 'key_hash']).unique().execute();
  await db.schema.createIndex('exposure_shares_created').on('exposure_shares').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['exposure_shares', 'exposure_signing_keys', 'exposure_batches', 'exposure_publishes', 'exposure_keys', 'exposure_tokens', 'exposure_codes']) {
    await db.schema.dropTable(table).execute();
  }
}
