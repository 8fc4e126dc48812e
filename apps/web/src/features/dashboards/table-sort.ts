import type { Language } from '@phongdich/core';

// Spreadsheet-like sorting for report tables: click a heading to sort by it, click again to reverse.
// Empty values (no target list, never scanned) always go last, whichever the direction.

export type SortDir = 'asc' | 'desc';
export type SortValue = string | number | null | undefined;

export interface SortState {
  key: string;
  dir: SortDir;
}

const collators = new Map<Language, Intl.Collator>();

function collator(lang: Language): Intl.Collator {
  let c = collators.get(lang);
  if (!c) {
    c = new Intl.Collator(lang === 'vi' ? 'vi' : 'en', { numeric: true, sensitivity: 'base' });
    collators.set(lang, c);
  }
  return c;
}

function isEmpty(value: SortValue): value is null | undefined {
  return value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value));
}

/** A sorted copy; rows with equal values keep their order (the server's order breaks ties). */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir, lang: Language): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  const compare = collator(lang).compare;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      const aEmpty = isEmpty(a.v);
      const bEmpty = isEmpty(b.v);
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
      const order = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : compare(String(a.v), String(b.v));
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map((entry) => entry.row);
}

/**
 * The sort after clicking a heading: the same column reverses; a new column starts with the largest
 * numbers first (what an official looks for) or names from A.
 */
export function nextSort(current: SortState | null, key: string, numeric: boolean): SortState {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: numeric ? 'desc' : 'asc' };
}

export function ariaSort(current: SortState | null, key: string): 'ascending' | 'descending' | 'none' {
  if (current?.key !== key) return 'none';
  return current.dir === 'asc' ? 'ascending' : 'descending';
}

/** Column totals of numeric fields, for tables the server sends without a total row. */
export function sumBy<T, K extends keyof T>(rows: readonly T[], keys: readonly K[]): Record<K, number> {
  const totals = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of rows) {
    for (const key of keys) {
      const v = row[key];
      if (typeof v === 'number' && Number.isFinite(v)) totals[key] += v;
    }
  }
  return totals;
}
