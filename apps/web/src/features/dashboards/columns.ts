import type { Language } from '@phongdich/core';
import { toCsv, type CsvCell } from './csv.js';
import { formatCount, formatDecimal, formatInstant, formatLocalDate, formatShare } from './report-format.js';
import type { SortValue } from './table-sort.js';

// A report column is described once and used three ways: the cell people read, the value it sorts
// by, and the cell of the CSV file, so the screen and the export always have the same columns.

/** `date` is a calendar date ('YYYY-MM-DD'); `instant` a time in epoch milliseconds. */
export type ColumnKind = 'text' | 'count' | 'decimal' | 'share' | 'date' | 'instant';

export interface Column<T> {
  key: string;
  label: string;
  kind: ColumnKind;
  value: (row: T) => SortValue;
  /** The row's heading cell (the unit or place name). */
  rowHeader?: boolean;
  /** Left out of files (a column of buttons). */
  noExport?: boolean;
}

export function isNumeric(kind: ColumnKind): boolean {
  return kind === 'count' || kind === 'decimal' || kind === 'share';
}

export function cellText(kind: ColumnKind, value: SortValue, lang: Language): string {
  switch (kind) {
    case 'count':
      return formatCount(typeof value === 'number' ? value : null, lang);
    case 'decimal':
      return formatDecimal(typeof value === 'number' ? value : null, lang);
    case 'share':
      return formatShare(typeof value === 'number' ? value : null, lang);
    case 'date':
      return formatLocalDate(typeof value === 'string' ? value : null);
    case 'instant':
      return typeof value === 'number' ? formatInstant(value) : '—';
    case 'text':
      return value === null || value === undefined || value === '' ? '—' : String(value);
  }
}

/** Shares go to files as percentages with one decimal, so a spreadsheet shows 85.3 rather than 0.853. */
function csvCell(kind: ColumnKind, value: SortValue): CsvCell {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'share':
      return typeof value === 'number' ? Math.round(value * 1000) / 10 : null;
    case 'decimal':
      return typeof value === 'number' ? Math.round(value * 10) / 10 : null;
    case 'date':
      return typeof value === 'string' ? formatLocalDate(value) : null;
    case 'instant':
      return typeof value === 'number' ? formatInstant(value) : null;
    default:
      return value;
  }
}

function csvHeading(column: Pick<Column<unknown>, 'kind' | 'label'>): string {
  return column.kind === 'share' ? `${column.label} (%)` : column.label;
}

/** A table's headings and cells for a file, with its total row (labelled in its heading cell) last when there is one. */
export function tableLines<T>(all: ReadonlyArray<Column<T>>, rows: readonly T[], total?: { row: T; label: string }): { headings: string[]; lines: CsvCell[][] } {
  const columns = all.filter((c) => !c.noExport);
  const line = (row: T, label?: string) => columns.map((c) => (label !== undefined && c.rowHeader ? label : csvCell(c.kind, c.value(row))));
  const lines = rows.map((row) => line(row));
  if (total) lines.push(line(total.row, total.label));
  return { headings: columns.map((c) => csvHeading(c)), lines };
}

/** A table as CSV, with its total row last when there is one. */
export function tableCsv<T>(all: ReadonlyArray<Column<T>>, rows: readonly T[], total?: { row: T; label: string }): string {
  const { headings, lines } = tableLines(all, rows, total);
  return toCsv(headings, lines);
}
