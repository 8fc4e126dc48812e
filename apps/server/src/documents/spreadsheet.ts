import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

// exceljs loads on the first spreadsheet: it is large, and most requests never touch one.
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
import { foldVietnamese } from '@phongdich/core';

/** One column of an imported or exported sheet: Vietnamese heading first, other accepted spellings after. */
export interface Column {
  key: string;
  heading: string;
  aliases?: string[];
  required?: boolean;
}

export type SheetFormat = 'xlsx' | 'csv';

export interface ParsedSheet {
  /** Data rows by column key, with their row number in the file (the heading is row 1). */
  rows: Array<{ row: number; values: Record<string, string> }>;
  fileErrors: string[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

async function firstSheet(data: Buffer, format: SheetFormat): Promise<ExcelJS.Worksheet | string> {
  const workbook = new (await excel()).Workbook();
  if (format === 'csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
    } catch {
      return 'Tệp CSV không ở mã UTF-8. Trong Excel, chọn Lưu thành "CSV UTF-8". / The CSV file is not UTF-8: save it as "CSV UTF-8".';
    }
    // Cells stay text: a phone number keeps its leading zero and a code stays a code.
    return workbook.csv.read(Readable.from([text]), { map: (value: unknown) => value });
  }
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return 'Không đọc được tệp Excel (.xlsx). Hãy dùng tệp mẫu. / The file is not a readable .xlsx workbook: use the template.';
  }
  return workbook.worksheets[0] ?? 'Tệp không có trang tính nào. / The workbook has no sheet.';
}

function tooManyRows(rows: number, maxRows: number): string {
  return `Tệp có ${rows} dòng, tối đa ${maxRows} dòng mỗi lần. Hãy chia nhỏ tệp. / The file has ${rows} rows; at most ${maxRows} per import.`;
}

/**
 * Reads the first sheet of an XLSX or UTF-8 CSV file into rows keyed by column, matching headings
 * without regard to case or diacritics. Problems with the file as a whole come back as fileErrors;
 * a file with more than maxRows data rows is refused before any row is looked at.
 */
export async function readSheet(data: Buffer, format: SheetFormat, columns: Column[], maxRows: number): Promise<ParsedSheet> {
  // A huge CSV is refused by counting lines, before the parser spends time on it.
  const lines = format === 'csv' ? data.toString('latin1').split('\n').filter((l) => l.trim()).length - 1 : 0;
  if (lines > maxRows) return { rows: [], fileErrors: [tooManyRows(lines, maxRows)] };
  const sheet = await firstSheet(data, format);
  if (typeof sheet === 'string') return { rows: [], fileErrors: [sheet] };
  const headingCells = sheet.getRow(1).values as ExcelJS.CellValue[];
  const byHeading = new Map<string, Column>();
  for (const column of columns) for (const name of [column.heading, column.key, ...(column.aliases ?? [])]) byHeading.set(foldVietnamese(name), column);
  const positions = new Map<number, Column>();
  const unknown: string[] = [];
  headingCells.forEach((cell, index) => {
    const text = cellText(cell).trim();
    if (!text) return;
    const column = byHeading.get(foldVietnamese(text));
    if (column) positions.set(index, column);
    else unknown.push(text);
  });
  const found = new Set([...positions.values()].map((c) => c.key));
  const missing = columns.filter((c) => c.required && !found.has(c.key)).map((c) => c.heading);
  const fileErrors: string[] = [];
  if (missing.length) fileErrors.push(`Thiếu cột / Missing columns: ${missing.join(', ')}`);
  if (unknown.length) fileErrors.push(`Cột không nhận ra / Unknown columns: ${unknown.join(', ')}`);
  const dataRows = Math.max(0, sheet.actualRowCount - 1);
  if (dataRows > maxRows) fileErrors.push(tooManyRows(dataRows, maxRows));
  if (fileErrors.length) return { rows: [], fileErrors };
  const rows: ParsedSheet['rows'] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    for (const [index, column] of positions) values[column.key] = cellText(row.getCell(index).value).trim();
    if (Object.values(values).some((v) => v !== '')) rows.push({ row: rowNumber, values });
  });
  return { rows, fileErrors };
}

/** A width that shows the longest cell (unit and place names are long), within what fits on a page. */
function columnWidth(heading: string, values: ReadonlyArray<string | number | null | undefined>): number {
  const longest = values.reduce<number>((max, v) => Math.max(max, v === null || v === undefined ? 0 : String(v).length), heading.length);
  return Math.max(10, Math.min(50, longest + 2));
}

/** Writes rows as XLSX or CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese right). */
export async function writeSheet(format: SheetFormat, sheetName: string, columns: Column[], rows: Array<Record<string, string | number | null>>, extraSheets: Array<{ name: string; rows: string[][] }> = []): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'PhongDich';
  // Print-ready: landscape, as wide as one page, the heading row repeated on every page.
  const sheet = workbook.addWorksheet(sheetName, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' } });
  sheet.columns = columns.map((c) => ({ header: c.heading, key: c.key, width: columnWidth(c.heading, rows.map((r) => r[c.key])) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  if (format === 'csv') {
    const csv = Buffer.from(await workbook.csv.writeBuffer());
    return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), csv]);
  }
  for (const extra of extraSheets) {
    const added = workbook.addWorksheet(extra.name);
    for (const row of extra.rows) added.addRow(row);
    added.getRow(1).font = { bold: true };
    added.columns.forEach((column, i) => (column.width = columnWidth('', extra.rows.map((r) => r[i]))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
