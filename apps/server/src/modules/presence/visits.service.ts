import { maskName, PLACE_TYPES, type Occupancy, type PlaceType, type Visit, type VisitMethod } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { labelsOf } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { findPlaceForScan, placeBasics, pointLabels, relationToPlace } from '../places/index.js';
import { closeOverdue, closeVisit, countInside, deleteVisitsBefore, deleteVisitsOfPerson, findOpenVisit, findVisit, visitsAtPlace, visitsOfPerson, visitsPerDay, type VisitRow } from './presence.repository.js';
import { localDate, localDayStart } from './presence.rules.js';

const DAY_MS = 86_400_000;

async function toVisits(ctx: Context, rows: VisitRow[]): Promise<Visit[]> {
  const places = await placeBasics(ctx, rows.map((r) => r.place_id));
  const labels = await pointLabels(ctx, rows.map((r) => r.place_id));
  return rows.map((r) => ({
    id: r.id,
    placeId: r.place_id,
    placeName: places.get(r.place_id)?.name ?? '',
    placeType: (places.get(r.place_id)?.type ?? r.place_type) as PlaceType,
    communeName: places.get(r.place_id)?.communeName ?? '',
    pointLabel: r.point_id ? (labels.get(r.point_id) ?? '') : '',
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    checkoutMethod: r.checkout_method as Visit['checkoutMethod'],
    method: r.method as VisitMethod,
  }));
}

/** The citizen's own visit diary (the retention period at most). */
export async function myVisits(ctx: Context, actor: Actor, days: number): Promise<Visit[]> {
  const since = ctx.clock.now() - Math.min(days * DAY_MS, ctx.config.visitRetentionMs);
  return toVisits(ctx, await visitsOfPerson(ctx.db, actor.userId, since));
}

/** Deletes one visit of the citizen's diary, or all of them. */
export async function deleteMyVisits(ctx: Context, actor: Actor, visitId?: string): Promise<number> {
  const deleted = await deleteVisitsOfPerson(ctx.db, actor.userId, visitId);
  if (visitId && deleted === 0) throw new AppError('visit_not_found');
  await recordAudit(ctx, actor, { action: visitId ? 'visits.delete_one' : 'visits.delete_all', subjectType: 'user', subjectId: actor.userId, detail: { deleted } });
  return deleted;
}

/** Whether the citizen is inside a place now (the check-in page shows "check out" then). */
export async function openVisitAt(ctx: Context, actor: Actor, placeId: string): Promise<{ visitId: string; checkedInAt: number } | null> {
  const open = await findOpenVisit(ctx.db, actor.userId, placeId);
  return open ? { visitId: open.id, checkedInAt: open.checked_in_at } : null;
}

async function requirePlaceView(ctx: Context, actor: Actor, placeId: string) {
  const relation = await relationToPlace(ctx, actor, placeId);
  if (!relation) throw new AppError('place_not_found');
  return relation;
}

/** Live occupancy and visits per day of a place, for its owners, staff and officials. */
export async function occupancy(ctx: Context, actor: Actor, placeId: string, days = 14): Promise<Occupancy> {
  await requirePlaceView(ctx, actor, placeId);
  const now = ctx.clock.now();
  const today = localDayStart(now);
  const perDay = new Map((await visitsPerDay(ctx.db, placeId, today - (days - 1) * DAY_MS)).map((d) => [d.day, d]));
  const list = Array.from({ length: days }, (_, i) => {
    const start = today - (days - 1 - i) * DAY_MS;
    const day = perDay.get(Math.floor((start + 7 * 3_600_000) / DAY_MS));
    return { date: localDate(start), visits: day?.visits ?? 0, visitors: day?.visitors ?? 0 };
  });
  return { inside: await countInside(ctx.db, placeId), today: list[list.length - 1]?.visits ?? 0, days: list };
}

/**
 * Visits of one day at a place. Owners and staff see masked names unless the installation lets
 * them see more; officials see names, and that read is audited.
 */
export async function placeVisits(ctx: Context, actor: Actor, placeId: string, date: string) {
  const relation = await requirePlaceView(ctx, actor, placeId);
  const from = localDayStart(Date.parse(`${date}T12:00:00+07:00`));
  const rows = await visitsAtPlace(ctx.db, placeId, from, from + DAY_MS, 2000);
  const official = relation === 'official' || relation === 'admin';
  const full = official || ctx.config.ownerSeesVisitors;
  const labels = await labelsOf(ctx, rows.flatMap((r) => (r.person_id ? [r.person_id] : [])));
  if (official && rows.length) await recordPersonalDataRead(ctx, actor, placeId, rows.length);
  const points = await pointLabels(ctx, [placeId]);
  return rows.map((r) => {
    const name = r.person_id ? (labels.get(r.person_id)?.displayName ?? '') : r.visitor_name_enc ? ctx.cipher.decrypt('visits.visitor_name', r.visitor_name_enc) : '';
    return { id: r.id, visitor: full ? name : maskName(name), pointLabel: r.point_id ? (points.get(r.point_id) ?? '') : '', checkedInAt: r.checked_in_at, checkedOutAt: r.checked_out_at, method: r.method as VisitMethod };
  });
}

async function recordPersonalDataRead(ctx: Context, actor: Actor, placeId: string, count: number): Promise<void> {
  await recordAudit(ctx, actor, { action: 'personal_data.read', subjectType: 'place_visits', subjectId: placeId, detail: { purpose: 'place.visits', visits: count } });
}

/** Staff check out a visitor recorded by hand (who has no personal QR to scan again). */
export async function checkOutVisit(ctx: Context, actor: Actor, visitId: string): Promise<void> {
  const visit = await findVisit(ctx.db, visitId);
  if (!visit || visit.checked_out_at !== null) throw new AppError('visit_not_found');
  const found = await findPlaceForScan(ctx, visit.place_id, actor.userId);
  if (!found?.memberRole && actor.role !== 'admin') throw new AppError('forbidden');
  await closeVisit(ctx.db, visit.id, Math.max(ctx.clock.now(), visit.checked_in_at), 'staff', null);
}

/** Job: closes visits left open past their place type's usual stay. */
export async function closeOverdueVisits(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  let closed = 0;
  for (const type of PLACE_TYPES) {
    const stayMs = ctx.config.dwellMinutes[type] * 60_000;
    closed += await closeOverdue(ctx.db, type, now - stayMs, stayMs);
  }
  return closed;
}

/** Job: deletes visits older than the retention period (21 days by default). */
export function purgeOldVisits(ctx: Context): Promise<number> {
  return deleteVisitsBefore(ctx.db, ctx.clock.now() - ctx.config.visitRetentionMs);
}
