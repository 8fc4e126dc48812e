import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-places.js';
import * as m0003 from './migrations/0003-presence.js';
import * as m0004 from './migrations/0004-declarations.js';
import * as m0005 from './migrations/0005-cases.js';
import * as m0006 from './migrations/0006-tracing-index.js';
import * as m0008 from './migrations/0008-map.js';
import * as m0009 from './migrations/0009-reports.js';

// Listed explicitly (not read from disk) so the same list works from source and from a bundle.
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-places': m0002,
  '0003-presence': m0003,
  '0004-declarations': m0004,
  '0005-cases': m0005,
  '0006-tracing-index': m0006,
  '0008-map': m0008,
  '0009-reports': m0009,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/** Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function migrationNames(): string[] {
  return Object.keys(MIGRATIONS);
}
