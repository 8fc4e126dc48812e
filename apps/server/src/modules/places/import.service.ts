import {
  DEFAULT_SECTOR,
  describeIssues,
  foldVietnamese,
  parseWithKeys,
  PLACE_TYPE_LABELS,
  PLACE_TYPES,
  placeRegistrationSchema,
  SECTOR_LABELS,
  SECTORS,
  targetInputSchema,
  type ImportReport,
  type Language,
  type PlaceType,
  type TargetInput,
} from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { errorMessage } from '@phongdich/core';
import { recordAudit } from '../audit/index.js';
import { unitTree } from '../units/index.js';
import { actorScope } from './place-access.js';
import { identityKeys } from './places.rules.js';
import { preparePlace, writePlace, type PreparedPlace } from './places.service.js';
import { forgetPoints } from './points.service.js';
import { readSheet, type Column, type SheetFormat } from '../../documents/spreadsheet.js';
import { addTargets, newTargetRows } from './targets.service.js';

export const PLACE_COLUMNS: Column[] = [
  { key: 'name', heading: 'Tên địa điểm', aliases: ['Tên', 'Name'], required: true },
  { key: 'type', heading: 'Loại hình', aliases: ['Loại', 'Type'], required: true },
  { key: 'sector', heading: 'Lĩnh vực quản lý', aliases: ['Lĩnh vực', 'Sector'] },
  { key: 'communeCode', heading: 'Mã xã/phường', aliases: ['Xã/phường', 'Mã xã', 'Commune', 'Commune code'], required: true },
  { key: 'streetAddress', heading: 'Địa chỉ', aliases: ['Address', 'Street address'], required: true },
  { key: 'lat', heading: 'Vĩ độ', aliases: ['Latitude', 'Lat'] },
  { key: 'lon', heading: 'Kinh độ', aliases: ['Longitude', 'Lon', 'Lng'] },
  { key: 'contactName', heading: 'Người liên hệ', aliases: ['Contact name'], required: true },
  { key: 'contactPhone', heading: 'Số điện thoại liên hệ', aliases: ['Số điện thoại', 'SĐT', 'Contact phone', 'Phone'], required: true },
  { key: 'ownerPhone', heading: 'SĐT tài khoản chủ địa điểm', aliases: ['Owner phone'] },
  { key: 'capacity', heading: 'Sức chứa', aliases: ['Capacity'] },
  { key: 'openingHours', heading: 'Giờ mở cửa', aliases: ['Opening hours'] },
  { key: 'points', heading: 'Các điểm quét (cách nhau bởi ;)', aliases: ['Các điểm quét', 'Điểm quét', 'Points', 'QR points'] },
];

export const TARGET_COLUMNS: Column[] = [
  { key: 'name', heading: 'Tên địa điểm', aliases: ['Tên', 'Name'], required: true },
  { key: 'type', heading: 'Loại hình', aliases: ['Loại', 'Type'], required: true },
  { key: 'sector', heading: 'Lĩnh vực quản lý', aliases: ['Lĩnh vực', 'Sector'] },
  { key: 'communeCode', heading: 'Mã xã/phường', aliases: ['Xã/phường', 'Mã xã', 'Commune', 'Commune code'], required: true },
  { key: 'streetAddress', heading: 'Địa chỉ', aliases: ['Address'] },
  { key: 'note', heading: 'Ghi chú', aliases: ['Note'] },
];

// A type or sector may be typed as its code or as its Vietnamese or English label.
function lookup<T extends string>(codes: readonly T[], labels: Record<T, { vi: string; en: string }>): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) for (const name of [code, labels[code].vi, labels[code].en]) map.set(foldVietnamese(name), code);
  return map;
}
const TYPES = lookup(PLACE_TYPES, PLACE_TYPE_LABELS);
const SECTOR_NAMES = lookup(SECTORS, SECTOR_LABELS);

/** A commune typed as its code, or as its name when that name is unique in the actor's area. */
function communeCodeOf(ctx: Context, actor: Actor, text: string): string {
  if (/^\d+$/.test(text)) return text.padStart(5, '0');
  const scope = actorScope(ctx, actor);
  const within = scope.kind === 'unit' ? scope.unitCode : ctx.config.homeUnit;
  const found = unitTree(ctx).search(text, { within, limit: 5 }).filter((u) => u.tier === 'commune' && foldVietnamese(u.name) === foldVietnamese(text));
  return found.length === 1 && found[0] ? found[0].code : text;
}

function number(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Spreadsheets drop the leading zero of a phone typed as a number (912345678); put it back. */
function sheetPhone(text: string | undefined): string | undefined {
  if (!text) return text;
  return /^[35789]\d{8}$/.test(text) ? `0${text}` : text;
}

function placeInput(ctx: Context, actor: Actor, v: Record<string, string>): unknown {
  const type = TYPES.get(foldVietnamese(v.type ?? '')) ?? v.type;
  const lat = number(v.lat);
  const lon = number(v.lon);
  return {
    name: v.name,
    type,
    sector: v.sector ? (SECTOR_NAMES.get(foldVietnamese(v.sector)) ?? v.sector) : (DEFAULT_SECTOR[type as PlaceType] ?? 'other'),
    communeCode: communeCodeOf(ctx, actor, v.communeCode ?? ''),
    streetAddress: v.streetAddress,
    location: lat !== undefined || lon !== undefined ? { lat, lon } : null,
    contactName: v.contactName,
    contactPhone: sheetPhone(v.contactPhone),
    ownerPhone: sheetPhone(v.ownerPhone) || undefined,
    capacity: number(v.capacity) ?? null,
    openingHours: v.openingHours || null,
    points: v.points ? v.points.split(/[;\n]/).map((p) => p.trim()).filter(Boolean) : undefined,
  };
}

function targetInput(ctx: Context, actor: Actor, v: Record<string, string>): unknown {
  const type = TYPES.get(foldVietnamese(v.type ?? '')) ?? v.type;
  return {
    name: v.name,
    type,
    sector: v.sector ? (SECTOR_NAMES.get(foldVietnamese(v.sector)) ?? v.sector) : (DEFAULT_SECTOR[type as PlaceType] ?? 'other'),
    communeCode: communeCodeOf(ctx, actor, v.communeCode ?? ''),
    streetAddress: v.streetAddress || undefined,
    note: v.note || undefined,
  };
}

type RowError = ImportReport['errors'][number];

function headingOf(columns: Column[], field: string): string | null {
  const key = field.split('.')[0] ?? '';
  const column = columns.find((c) => c.key === key) ?? (key === 'location' ? columns.find((c) => c.key === 'lat') : undefined);
  return column?.heading ?? null;
}

function rowErrorOf(error: unknown, row: number, columns: Column[], lang: Language): RowError {
  if (error instanceof AppError) return { row, column: error.field ? headingOf(columns, error.field) : null, message: errorMessage(error.code, lang) };
  throw error;
}

export interface ImportOptions {
  kind: 'places' | 'targets';
  format: SheetFormat;
  dryRun: boolean;
  lang: Language;
}

/**
 * Imports a commune's list of places (registering them) or of places that must register.
 * All or nothing: every row is checked first; if any row has a problem nothing is written and the
 * report lists each problem by row and column; otherwise every row is written in one transaction.
 */
export async function importSheet(ctx: Context, actor: Actor, data: Buffer, options: ImportOptions): Promise<ImportReport> {
  const columns = options.kind === 'places' ? PLACE_COLUMNS : TARGET_COLUMNS;
  const sheet = await readSheet(data, options.format, columns, ctx.config.importMaxRows);
  const report: ImportReport = { kind: options.kind, dryRun: options.dryRun, rows: sheet.rows.length, imported: 0, errors: [], fileErrors: sheet.fileErrors };
  if (sheet.fileErrors.length) return report;
  if (sheet.rows.length === 0) {
    report.fileErrors.push('Tệp không có dòng dữ liệu nào. / The file has no data rows.');
    return report;
  }
  const prepared = options.kind === 'places' ? await checkPlaces(ctx, actor, sheet.rows, report, options.lang) : await checkTargets(ctx, actor, sheet.rows, report, options.lang);
  if (report.errors.length || options.dryRun) return report;
  await ctx.db.transaction().execute(async (trx) => {
    if (options.kind === 'places') for (const place of prepared as PreparedPlace[]) await writePlace(ctx, actor, place, trx);
    else await addTargets(ctx, actor, prepared as TargetInput[], trx);
    await recordAudit(ctx, actor, { action: `import.${options.kind}`, detail: { rows: sheet.rows.length } }, trx);
  });
  // Imported places are on the public map at once (one reload for the whole file).
  if (options.kind === 'places') forgetPoints(ctx);
  report.imported = sheet.rows.length;
  return report;
}

async function checkPlaces(ctx: Context, actor: Actor, rows: Array<{ row: number; values: Record<string, string> }>, report: ImportReport, lang: Language): Promise<PreparedPlace[]> {
  const prepared: PreparedPlace[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const parsed = parseWithKeys(placeRegistrationSchema, placeInput(ctx, actor, values));
    if (!parsed.success) {
      for (const problem of describeIssues(parsed.error.issues, lang)) report.errors.push({ row, column: headingOf(PLACE_COLUMNS, problem.field), message: problem.message });
      continue;
    }
    const keys = identityKeys(parsed.data.name, parsed.data.streetAddress);
    const identity = `${parsed.data.communeCode}|${keys.nameKey}|${keys.addressKey}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      report.errors.push({ row, column: headingOf(PLACE_COLUMNS, 'name'), message: lang === 'vi' ? `Trùng với dòng ${earlier}.` : `Same place as row ${earlier}.` });
      continue;
    }
    seen.set(identity, row);
    try {
      prepared.push(await preparePlace(ctx, actor, parsed.data, 'import'));
    } catch (error) {
      report.errors.push(rowErrorOf(error, row, PLACE_COLUMNS, lang));
    }
  }
  return prepared;
}

async function checkTargets(ctx: Context, actor: Actor, rows: Array<{ row: number; values: Record<string, string> }>, report: ImportReport, lang: Language): Promise<TargetInput[]> {
  const inputs: TargetInput[] = [];
  for (const { row, values } of rows) {
    const parsed = parseWithKeys(targetInputSchema, targetInput(ctx, actor, values));
    if (!parsed.success) {
      for (const problem of describeIssues(parsed.error.issues, lang)) report.errors.push({ row, column: headingOf(TARGET_COLUMNS, problem.field), message: problem.message });
      continue;
    }
    try {
      await newTargetRows(ctx, actor, [parsed.data], ctx.db);
      inputs.push(parsed.data);
    } catch (error) {
      report.errors.push(rowErrorOf(error, row, TARGET_COLUMNS, lang));
    }
  }
  return inputs;
}
