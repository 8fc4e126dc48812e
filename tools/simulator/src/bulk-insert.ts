import type { Insertable } from 'kysely';
import type { Context } from '../../../apps/server/src/context.js';
import type { Database } from '../../../apps/server/src/db/schema.js';

export type Table = keyof Database;
export type Row<T extends Table> = Insertable<Database[T]>;

/** Writes many rows fast: one call is one transaction. */
export interface BulkWriter {
  write<T extends Table>(table: T, rows: ReadonlyArray<Row<T>>): Promise<void>;
}

// PostgreSQL takes at most 65,535 parameters in one statement.
const PG_PARAMETERS = 65_535;
const PG_ROWS_PER_STATEMENT = 4000;

/**
 * SQLite: statements prepared once on the raw connection, run inside one transaction while
 * holding Kysely's connection (as the scan writer does), since building each insert through
 * Kysely costs more than running it. PostgreSQL: multi-row INSERTs of a few thousand rows, one
 * round trip each.
 */
export function bulkWriter(ctx: Context): BulkWriter {
  const sqlite = ctx.sqlite;
  if (!sqlite) {
    return {
      async write(table, rows) {
        if (rows.length === 0) return;
        const columns = Object.keys(rows[0] as object).length;
        const size = Math.max(1, Math.min(PG_ROWS_PER_STATEMENT, Math.floor(PG_PARAMETERS / columns)));
        await ctx.db.transaction().execute(async (trx) => {
          for (let i = 0; i < rows.length; i += size) {
            // Kysely cannot type an insert into a table chosen at run time; the rows were typed by the caller.
            await trx.insertInto(table as 'meta').values(rows.slice(i, i + size) as Array<Row<'meta'>>).execute();
          }
        });
      },
    };
  }
  const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
  const statement = (table: string, columns: string[]) => {
    const key = `${table}(${columns.join(',')})`;
    let prepared = statements.get(key);
    if (!prepared) {
      prepared = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
      statements.set(key, prepared);
    }
    return prepared;
  };
  return {
    async write(table, rows) {
      if (rows.length === 0) return;
      const insert = statement(table, Object.keys(rows[0] as object));
      const all = sqlite.transaction((list: ReadonlyArray<object>) => {
        for (const row of list) insert.run(row);
      });
      await ctx.db.connection().execute(async () => all(rows as ReadonlyArray<object>));
    },
  };
}
