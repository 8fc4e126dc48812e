import { sql, type Expression, type SqlBool } from 'kysely';
import type { Dialect } from './database.js';

/**
 * `column` equals one of `values`. PostgreSQL gets one array parameter (`= any($1)`), planned once
 * whatever the count; SQLite gets the usual `in (…)` list. Callers keep lists to a few hundred values
 * (SQLite's parameter limit).
 */
export function anyOf(dialect: Dialect, column: string, values: readonly string[]): Expression<SqlBool> {
  if (dialect === 'postgres') return sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::text[])`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
}
