import { PLACE_TYPE_LABELS, SECTOR_LABELS, type PlaceType } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { writeSheet, type Column, type SheetFormat } from '../../documents/spreadsheet.js';
import { deploymentReport, type DeploymentRow } from './deployment.js';

const dmy = (date: string) => date.split('-').reverse().join('/');
const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 1000) / 10}%`);

const UNIT_COLUMNS: Column[] = [
  { key: 'name', heading: 'Đơn vị' },
  { key: 'required', heading: 'Số địa điểm phải đăng ký' },
  { key: 'registeredOfRequired', heading: 'Đã đăng ký (trong danh sách)' },
  { key: 'share', heading: 'Tỷ lệ đăng ký' },
  { key: 'registered', heading: 'Tổng số điểm kiểm dịch' },
  { key: 'active7d', heading: 'Có lượt quét trong 7 ngày' },
  { key: 'scansPerDay', heading: 'Lượt quét/ngày' },
  { key: 'neverScanned', heading: 'Chưa có lượt quét nào' },
];

const PLACE_COLUMNS: Column[] = [
  { key: 'name', heading: 'Địa điểm' },
  { key: 'type', heading: 'Loại hình' },
  { key: 'sector', heading: 'Lĩnh vực' },
  { key: 'required', heading: 'Thuộc danh sách phải đăng ký' },
  { key: 'scans', heading: 'Lượt quét trong kỳ' },
  { key: 'lastScanDate', heading: 'Ngày quét gần nhất' },
];

function unitLine(row: DeploymentRow, name = row.name) {
  return { name, required: row.required, registeredOfRequired: row.registeredOfRequired, share: percent(row.shareRegistered), registered: row.registered, active7d: row.active7d, scansPerDay: row.scansPerDay, neverScanned: row.neverScanned };
}

/** The deployment report as a sheet: one row per unit and a totals row, the period in the sheet's title; a commune adds its places. */
export async function exportDeployment(ctx: Context, actor: Actor, unit: string, from: string, to: string, format: SheetFormat): Promise<Buffer> {
  const report = await deploymentReport(ctx, actor, unit, from, to);
  const rows = [...report.rows.map((r) => unitLine(r)), unitLine(report.total, `Tổng cộng ${report.unit.name}`)];
  const title = [`Báo cáo triển khai điểm kiểm dịch – ${report.unit.name}`, `Từ ngày ${dmy(report.from)} đến ngày ${dmy(report.to)}`];
  const places = report.places?.map((p) => [p.name, PLACE_TYPE_LABELS[p.type as PlaceType]?.vi ?? p.type, SECTOR_LABELS[p.sector as keyof typeof SECTOR_LABELS]?.vi ?? p.sector, p.required ? 'Có' : 'Không', String(p.scans), p.lastScanDate ? dmy(p.lastScanDate) : '']);
  const extra = [
    { name: 'Kỳ báo cáo', rows: [title] },
    ...(places ? [{ name: 'Địa điểm', rows: [PLACE_COLUMNS.map((c) => c.heading), ...places] }] : []),
  ];
  return writeSheet(format, 'Triển khai', UNIT_COLUMNS, rows, extra);
}

export interface TableSheet {
  title: string[];
  headings: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * A report table as the official sees it (lagging places, adoption, epidemic, submissions) written
 * by the same sheet writer as the deployment export, so every table has the same widths, totals row
 * and print setup. The figures come from the reports the caller was already allowed to read.
 */
export function exportTable(table: TableSheet): Promise<Buffer> {
  const columns: Column[] = table.headings.map((heading, i) => ({ key: `c${i}`, heading }));
  const rows = table.rows.map((cells) => Object.fromEntries(columns.map((c, i) => [c.key, cells[i] ?? null])));
  return writeSheet('xlsx', 'Báo cáo', columns, rows, [{ name: 'Kỳ báo cáo', rows: [table.title] }]);
}
