import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-places.js';
import * as m0003 from './migrations/0003-presence.js';
import * as m0004 from './migrations/0004-declarations.js';
import * as m0005 from './migrations/0005-cases.js';
import * as m0006 from './migrations/0006-tracing-index.js';
import * as m0007 from './migrations/0007-exposure.js';
import * as m0008 from './migrations/0008-map.js';
import * as m0009 from './migrations/0009-reports.js';
import * as m0010 from './migrations/0010-messaging.js';
import * as m0011 from './migrations/0011-privacy.js';
import * as m0012 from './migrations/0012-integration.js';
import * as m0013 from './migrations/0013-exposure-files.js';

// Listed explicitly (not read from disk) so the same list works from source and from a bundle.
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-places': m0002,
  '0003-presence': m0003,
  '0004-declarations': m0004,
  '0005-cases': m0005,
  '0006-tracing-index': m0006,
  '0007-exposure': m0007,
  '0008-map': m0008,
  '0009-reports': m0009,
  '0010-messaging': m0010,
  '0011-privacy': m0011,
  '0012-integration': m0012,
  '0013-exposure-files': m0013,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/** Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Capabilities are built side by side, so a database may have run a later-numbered migration before an
  // earlier-numbered one landed; each migration touches only its own tables, so order between them is free.
  // Kysely looks for its migration tables in every schema of the database unless told which one: with
  // several schemas in one PostgreSQL database (one per test file, or per installation) another schema's
  // kysely_migration would be taken for ours and the lock table never created here.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function migrationNames(): string[] {
  return Object.keys(MIGRATIONS);
}
