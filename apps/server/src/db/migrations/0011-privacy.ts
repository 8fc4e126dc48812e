import type { Kysely } from 'kysely';

// Privacy and security (PRODUCT.md §11). Free-text columns that officials fill in about a person
// (isolation place, follow-up notes, flag notes, monitoring reasons, report resolutions) become
// encrypted like every other personal field; values written before stay readable and are sealed by
// `phongdich keys reencrypt`. Cases learn when they closed (retention counts from then); officials
// can add a TOTP second factor; retention reads old rows by time.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, from, to] of [
    ['cases', 'isolation_place', 'isolation_place_enc'],
    ['contact_followups', 'note', 'note_enc'],
    ['declaration_flags', 'note', 'note_enc'],
    ['monitoring', 'reason', 'reason_enc'],
    ['citizen_reports', 'resolution', 'resolution_enc'],
  ] as const) {
    await db.schema.alterTable(table).renameColumn(from, to).execute();
  }

  await db.schema.alterTable('cases').addColumn('closed_at', 'bigint').execute();
  await db.schema.createIndex('cases_closed').on('cases').column('closed_at').execute();

  await db.schema.alterTable('users').addColumn('totp_secret_enc', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'bigint').execute();
  // The last time step accepted: a code seen once is refused afterwards (RFC 6238 §5.2).
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();

  await db.schema.createIndex('declarations_submitted').on('declarations').columns(['submitted_at', 'id']).execute();
  await db.schema.createIndex('audit_action_at').on('audit_log').columns(['action', 'at']).execute();
  await db.schema.createIndex('contacts_case').on('contacts').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['contacts_case', 'audit_action_at', 'declarations_submitted', 'cases_closed']) await db.schema.dropIndex(index).execute();
  for (const column of ['totp_last_step', 'totp_enabled_at', 'totp_secret_enc']) await db.schema.alterTable('users').dropColumn(column).execute();
  await db.schema.alterTable('cases').dropColumn('closed_at').execute();
  for (const [table, to, from] of [
    ['cases', 'isolation_place', 'isolation_place_enc'],
    ['contact_followups', 'note', 'note_enc'],
    ['declaration_flags', 'note', 'note_enc'],
    ['monitoring', 'reason', 'reason_enc'],
    ['citizen_reports', 'resolution', 'resolution_enc'],
  ] as const) {
    await db.schema.alterTable(table).renameColumn(from, to).execute();
  }
}
