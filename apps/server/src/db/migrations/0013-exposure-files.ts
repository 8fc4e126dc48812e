import type { Kysely } from 'kysely';

// Each signed export file is kept in the database too (base64), so every server process can serve it,
// not only the one whose data directory it was first written to. Batches made before keep null and
// are served from the directory as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('exposure_batches').addColumn('file_base64', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('exposure_batches').dropColumn('file_base64').execute();
}
