import { saveTextFile } from '../../lib/download.js';

// CSV for tables exported in the browser (the deployment report has its own server export). RFC 4180
// quoting, CRLF line ends, and a byte-order mark so Excel reads Vietnamese as UTF-8.

export type CsvCell = string | number | null | undefined;

const BOM = '\uFEFF';

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // A name typed by a place owner must not run as a spreadsheet formula when the file is opened.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The text of a CSV file: a heading line and one line per row (no rows gives just the headings). */
export function toCsv(headings: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  if (headings.length === 0) return '';
  return [headings, ...rows].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves CSV text as a file (with the byte-order mark Excel needs). */
export function downloadCsv(fileName: string, text: string): void {
  saveTextFile(fileName, BOM + text, 'text/csv;charset=utf-8');
}
