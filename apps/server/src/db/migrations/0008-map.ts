import type { Kysely } from 'kysely';

// The epidemic map: commune risk levels (computed daily, overridable, with history), the figures they
// are computed from, zones drawn by officials, test/vaccination/treatment sites, guide texts, and the
// places' safety self-assessments.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unit_statistics')
    .addColumn('commune_code', 'text', (c) => c.primaryKey())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('vaccination_coverage', 'double precision')
    .addColumn('treatment_capacity_ok', 'integer')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('unit_risk_levels')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('computed_level', 'integer', (c) => c.notNull())
    .addColumn('new_cases_7d', 'integer', (c) => c.notNull())
    .addColumn('cases_per_100k', 'double precision', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('vaccination_coverage', 'double precision')
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_risk_levels_pk', ['unit_code', 'date'])
    .execute();
  await db.schema.createIndex('unit_risk_levels_date').on('unit_risk_levels').column('date').execute();

  await db.schema
    .createTable('risk_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_overrides_unit').on('risk_overrides').columns(['unit_code', 'at']).execute();

  await db.schema
    .createTable('zones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('min_lon', 'double precision', (c) => c.notNull())
    .addColumn('min_lat', 'double precision', (c) => c.notNull())
    .addColumn('max_lon', 'double precision', (c) => c.notNull())
    .addColumn('max_lat', 'double precision', (c) => c.notNull())
    .addColumn('area_km2', 'double precision', (c) => c.notNull())
    .addColumn('commune_codes', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('opening_hours', 'text')
    .addColumn('phone', 'text')
    .addColumn('capacity', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('guides')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('place_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('place_id', 'text', (c) => c.notNull())
    .addColumn('criteria_set', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('risk_percent', 'double precision', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('overridden_level', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('overridden_by', 'text')
    .addColumn('assessed_by', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('place_assessments_place').on('place_assessments').columns(['place_id', 'assessed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['place_assessments', 'guides', 'sites', 'zones', 'risk_overrides', 'unit_risk_levels', 'unit_statistics']) await db.schema.dropTable(table).execute();
}
