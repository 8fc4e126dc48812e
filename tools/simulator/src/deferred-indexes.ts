import { sql } from 'kysely';
import type { Context } from '../../../apps/server/src/context.js';

interface IndexDefinition {
  name: string;
  definition: string;
}

/** The table's secondary indexes as the database itself would recreate them (not the primary key). */
async function secondaryIndexes(ctx: Context, table: string): Promise<IndexDefinition[]> {
  if (ctx.dialect === 'sqlite') {
    // Indexes SQLite makes for PRIMARY KEY and UNIQUE constraints have no SQL and stay.
    const rows = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null order by name`.execute(ctx.db);
    return rows.rows.map((r) => ({ name: r.name, definition: r.sql }));
  }
  const rows = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename = ${table}
      and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)
    order by indexname`.execute(ctx.db);
  return rows.rows.map((r) => ({ name: r.indexname, definition: r.indexdef }));
}

/**
 * Runs a bulk load into an empty table with its secondary indexes dropped, then rebuilds them:
 * one sort per index instead of a random B-tree insert per row (about twice as fast for visits).
 * A table that already holds rows keeps its indexes. Rebuilding a unique index also checks the
 * loaded rows against it.
 */
export async function withIndexesDeferred<T>(ctx: Context, table: 'visits', load: () => Promise<T>): Promise<T> {
  const empty = (await ctx.db.selectFrom(table).select(sql.lit(1).as('one')).limit(1).execute()).length === 0;
  if (!empty) return load();
  const indexes = await secondaryIndexes(ctx, table);
  for (const index of indexes) await sql`drop index ${sql.ref(index.name)}`.execute(ctx.db);
  try {
    return await load();
  } finally {
    for (const index of indexes) await sql.raw(index.definition).execute(ctx.db);
  }
}
