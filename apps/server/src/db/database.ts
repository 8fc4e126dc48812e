import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Config } from '../config/config.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite connection itself, for the one hot path that needs prepared statements (scans). */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

const INT8_OID = 20;

/** Opens the configured database: SQLite (WAL) by default, PostgreSQL for a postgres:// URL. */
export function openDatabase(target: Config['database'], options: { schema?: string } = {}): DatabaseHandle {
  return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, options.schema);
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives power loss, not only a process crash.
  connection.pragma('synchronous = FULL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  // Keeps the query planner's statistics fresh (SQLite's recommended call when a connection opens).
  connection.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  return { db, dialect: 'sqlite', sqlite: connection, close: () => db.destroy() };
}

function openPostgres(url: string, schema: string | undefined): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Times are epoch milliseconds in int8 columns; they fit a JavaScript number exactly.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
}

/**
 * True for an insert refused by a unique constraint: another request, often on another server
 * process, stored the same thing between our check and our insert.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 23505: PostgreSQL's unique_violation; better-sqlite3 names the extended SQLite result code.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Cheap round trip used by /readyz. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Refreshes the planner's statistics: PRAGMA optimize on SQLite (cheap when nothing changed),
 * ANALYZE on PostgreSQL. Run by a daily job and after bulk loads.
 */
export async function optimizeDatabase(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await sql.raw('PRAGMA analysis_limit = 1000').execute(db);
  await sql.raw('ANALYZE').execute(db);
}
