import type { Kysely } from 'kysely';

// Reports read roll-ups kept up to date by a job, never all visits: scans per place and day, and per
// place its first and last day with scans. Visits are deleted after their retention period; these
// counts (no personal data) stay. Submissions freeze a report as a unit sent it up.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('visits_received').on('visits').columns(['received_at', 'id']).execute();

  await db.schema
    .createTable('place_daily_scans')
    .addColumn('place_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scans', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('place_daily_scans_pk', ['place_id', 'date'])
    .execute();
  await db.schema.createIndex('place_daily_scans_date').on('place_daily_scans').columns(['date', 'commune_code', 'place_id', 'sector', 'type', 'scans']).execute();

  await db.schema
    .createTable('place_scan_totals')
    .addColumn('place_id', 'text', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('first_date', 'text', (c) => c.notNull())
    .addColumn('last_date', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('place_scan_totals_commune').on('place_scan_totals').columns(['commune_code', 'first_date']).execute();

  await db.schema
    .createTable('rollup_watermarks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('last_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_submissions_period').on('report_submissions').columns(['period_from', 'period_to', 'unit_code', 'version']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_submissions', 'rollup_watermarks', 'place_scan_totals', 'place_daily_scans']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('visits_received').execute();
}
