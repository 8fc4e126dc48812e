import { foldVietnamese, PLACE_TYPE_LABELS, SECTOR_LABELS, type PlaceListQuery, type PlaceType, type Sector } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { recordAudit, recordPersonalDataRead } from '../audit/index.js';
import { unitTree } from '../units/index.js';
import { PLACE_COLUMNS, TARGET_COLUMNS } from './import.service.js';
import { loadPlaceFor } from './place-access.js';
import { listPlaces as listPlaceRows, pointsOfPlaces, type PlaceRow, type PointRow } from './places.repository.js';
import { placeConditions } from './places.service.js';
import { loadPointFor, pointToken } from './points.service.js';
import { renderPosters, type PosterContent } from './posters.js';
import { pointUrl } from './qr-token.js';
import { writeSheet, type Column, type SheetFormat } from '../../documents/spreadsheet.js';
import { listTargets } from './targets.service.js';

/** More posters than this in one file is not something anyone prints; ask for a smaller area. */
const MAX_POSTERS = 2000;
const MAX_EXPORT_ROWS = 100_000;

function posterOf(ctx: Context, place: PlaceRow, point: PointRow): PosterContent {
  const tree = unitTree(ctx);
  const units = [tree.get(place.commune_code), ...tree.ancestors(place.commune_code).reverse()].filter((u) => u !== undefined);
  return {
    placeName: place.name,
    pointLabel: point.label,
    unitNames: units.map((u) => u.name),
    url: pointUrl(ctx.config.baseUrl, pointToken(ctx, point)),
    shortCode: point.short_code,
    manualEntryUrl: `${ctx.config.baseUrl}/q`,
  };
}

/** The A4 poster of one QR point; a withdrawn point has no poster (410). */
export async function pointPoster(ctx: Context, actor: Actor, pointId: string): Promise<{ pdf: Buffer; filename: string }> {
  const { point, place } = await loadPointFor(ctx, actor, pointId, 'printPosters');
  if (point.status === 'revoked') throw new AppError('checkpoint_revoked');
  return { pdf: await renderPosters([posterOf(ctx, place, point)], `${place.name} — ${point.label}`), filename: `poster-${point.short_code}.pdf` };
}

/** Posters of every active point of one place. */
export async function placePosters(ctx: Context, actor: Actor, placeId: string): Promise<{ pdf: Buffer; filename: string }> {
  const { place } = await loadPlaceFor(ctx, actor, placeId, 'printPosters');
  const points = (await pointsOfPlaces(ctx.db, [place.id])).filter((p) => p.status === 'active');
  if (points.length === 0) throw new AppError('point_not_found');
  return { pdf: await renderPosters(points.map((p) => posterOf(ctx, place, p)), place.name), filename: `posters-${foldVietnamese(place.name).replace(/ /g, '-').slice(0, 40)}.pdf` };
}

/** Posters of every active point of the active places in a unit (a commune's print run). */
export async function unitPosters(ctx: Context, actor: Actor, unitCode: string): Promise<{ pdf: Buffer; filename: string }> {
  const { rows } = await listPlaceRows(ctx.db, { where: placeConditions(ctx, actor, { unit: unitCode }), status: 'active', sort: 'name', limit: MAX_POSTERS + 1, offset: 0 });
  const points = (await pointsOfPlaces(ctx.db, rows.map((r) => r.id))).filter((p) => p.status === 'active');
  if (points.length > MAX_POSTERS) throw new AppError('payload_too_large');
  if (points.length === 0) throw new AppError('point_not_found');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const posters = points.map((p) => posterOf(ctx, byId.get(p.place_id) as PlaceRow, p));
  await recordAudit(ctx, actor, { action: 'posters.batch', unitCode, detail: { posters: posters.length } });
  return { pdf: await renderPosters(posters, `PhongDich ${unitCode}`), filename: `posters-${unitCode}.pdf` };
}

const STATUS_LABEL = { pending: 'Chờ duyệt', active: 'Hoạt động', suspended: 'Tạm dừng' } as const;

const EXPORT_COLUMNS: Column[] = [
  ...PLACE_COLUMNS.filter((c) => c.key !== 'ownerPhone'),
  { key: 'communeName', heading: 'Xã/phường' },
  { key: 'status', heading: 'Trạng thái' },
  { key: 'registeredAt', heading: 'Ngày đăng ký' },
  { key: 'id', heading: 'Mã hệ thống' },
];

function day(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/');
}

/**
 * The places of a listing as XLSX or CSV with Vietnamese headings, the same columns as the import
 * template (so a list can be corrected and imported again). It holds contact details: audited.
 */
export async function exportPlaces(ctx: Context, actor: Actor, query: PlaceListQuery, format: SheetFormat): Promise<Buffer> {
  const tree = unitTree(ctx);
  const { rows, total } = await listPlaceRows(ctx.db, {
    where: placeConditions(ctx, actor, query),
    type: query.type,
    sector: query.sector,
    status: query.status,
    nameKey: query.q ? foldVietnamese(query.q) : undefined,
    sort: query.sort ?? 'commune',
    limit: MAX_EXPORT_ROWS,
    offset: 0,
  });
  if (total > MAX_EXPORT_ROWS) throw new AppError('payload_too_large');
  const points = await pointsOfPlaces(ctx.db, rows.map((r) => r.id));
  const labels = new Map<string, string[]>();
  for (const p of points) if (p.status === 'active') labels.set(p.place_id, [...(labels.get(p.place_id) ?? []), p.label]);
  await recordPersonalDataRead(ctx, actor, [{ type: 'place_contacts_export', id: `${rows.length}`, unitCode: query.unit ?? actor.unitCode }], 'places.export');
  const data = rows.map((r) => ({
    name: r.name,
    type: PLACE_TYPE_LABELS[r.type as PlaceType].vi,
    sector: SECTOR_LABELS[r.sector as Sector].vi,
    communeCode: r.commune_code,
    streetAddress: r.street_address,
    lat: r.lat,
    lon: r.lon,
    contactName: ctx.cipher.decrypt('places.contact_name', r.contact_name_enc),
    contactPhone: ctx.cipher.decrypt('places.contact_phone', r.contact_phone_enc).replace(/^\+84/, '0'),
    capacity: r.capacity,
    openingHours: r.opening_hours,
    points: (labels.get(r.id) ?? []).join('; '),
    communeName: tree.get(r.commune_code)?.name ?? '',
    status: STATUS_LABEL[r.status as keyof typeof STATUS_LABEL],
    registeredAt: day(r.created_at),
    id: r.id,
  }));
  return writeSheet(format, 'Địa điểm', EXPORT_COLUMNS, data);
}

export async function exportTargets(ctx: Context, actor: Actor, query: Parameters<typeof listTargets>[2], format: SheetFormat): Promise<Buffer> {
  const { items } = await listTargets(ctx, actor, { ...query, limit: 500, offset: 0 });
  const all = [...items];
  for (let offset = 500; all.length === offset; offset += 500) all.push(...(await listTargets(ctx, actor, { ...query, limit: 500, offset })).items);
  const columns: Column[] = [...TARGET_COLUMNS, { key: 'communeName', heading: 'Xã/phường' }, { key: 'status', heading: 'Tình trạng' }, { key: 'placeName', heading: 'Địa điểm đã đăng ký' }];
  const data = all.map((t) => ({
    name: t.name,
    type: PLACE_TYPE_LABELS[t.type].vi,
    sector: SECTOR_LABELS[t.sector].vi,
    communeCode: t.communeCode,
    streetAddress: t.streetAddress,
    note: t.note,
    communeName: t.communeName,
    status: t.status === 'registered' ? 'Đã đăng ký' : 'Chưa đăng ký',
    placeName: t.placeName,
  }));
  return writeSheet(format, 'Danh sách cần đăng ký', columns, data);
}

/** The import template: headings, one example row, and sheets listing the accepted values. */
export async function importTemplate(ctx: Context, actor: Actor, kind: 'places' | 'targets', format: SheetFormat): Promise<Buffer> {
  const tree = unitTree(ctx);
  const root = actor.unitCode ?? ctx.config.homeUnit;
  const commune = tree.communesWithin(root)[0];
  const example: Record<string, string> = {
    name: 'Trường Tiểu học Nguyễn Du',
    type: PLACE_TYPE_LABELS.school.vi,
    sector: SECTOR_LABELS.education.vi,
    communeCode: commune?.code ?? '',
    streetAddress: 'Số 12, đường Trường Chinh',
    lat: '',
    lon: '',
    contactName: 'Nguyễn Văn An',
    contactPhone: '0912345678',
    capacity: '600',
    openingHours: '07:00–17:00',
    points: 'Cổng chính; Cổng phụ; Phòng họp',
    note: '',
  };
  const types = [['Loại hình', 'Mã'], ...Object.entries(PLACE_TYPE_LABELS).map(([code, l]) => [l.vi, code])];
  const sectors = [['Lĩnh vực quản lý', 'Mã'], ...Object.entries(SECTOR_LABELS).map(([code, l]) => [l.vi, code])];
  const communes = [['Mã xã/phường', 'Tên'], ...tree.communesWithin(root).map((u) => [u.code, u.name])];
  return writeSheet(format, 'Danh sách', kind === 'places' ? PLACE_COLUMNS : TARGET_COLUMNS, [example], [
    { name: 'Loại hình', rows: types },
    { name: 'Lĩnh vực', rows: sectors },
    { name: 'Xã phường', rows: communes },
  ]);
}
