import type { Kysely, Transaction } from 'kysely';
import { normalizeShortCode, type Point, type PlaceType, type ResolvedPoint } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, securityLog, type Context } from '../../context.js';
import { perContext, TtlCache } from '../../cache.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';
import { unitTree } from '../units/index.js';
import { loadPlaceFor } from './place-access.js';
import { findPlace, findPoint, findPointByShortCode, insertPoint, updatePoint, type PlaceRow, type PointRow } from './places.repository.js';
import { newShortCode } from './places.rules.js';
import { decodePointToken, encodePointToken, pointUrl } from './qr-token.js';

type Db = Kysely<Database> | Transaction<Database>;

async function uniqueShortCode(ctx: Context, db: Db): Promise<string> {
  for (;;) {
    const code = newShortCode((max) => ctx.rng.int(max));
    if (!(await findPointByShortCode(db, code))) return code;
  }
}

export async function createPoint(ctx: Context, placeId: string, label: string, db: Db): Promise<PointRow> {
  const row: PointRow = {
    id: newId(ctx),
    place_id: placeId,
    label,
    status: 'active',
    version: 1,
    short_code: await uniqueShortCode(ctx, db),
    created_at: ctx.clock.now(),
    revoked_at: null,
  };
  await insertPoint(db, row);
  return row;
}

export function pointToken(ctx: Context, point: Pick<PointRow, 'id' | 'version'>): string {
  return encodePointToken(ctx.keyring.signingKey, point.id, point.version);
}

export function pointViews(ctx: Context, rows: PointRow[]): Point[] {
  return rows.map((p) => ({
    id: p.id,
    placeId: p.place_id,
    label: p.label,
    status: p.status === 'revoked' ? 'revoked' : 'active',
    version: p.version,
    shortCode: p.short_code,
    url: p.status === 'active' ? pointUrl(ctx.config.baseUrl, pointToken(ctx, p)) : null,
    createdAt: p.created_at,
    revokedAt: p.revoked_at,
  }));
}

async function loadPointFor(ctx: Context, actor: Actor, pointId: string, permission: 'view' | 'managePoints' | 'printPosters') {
  const point = await findPoint(ctx.db, pointId);
  if (!point) throw new AppError('point_not_found');
  const access = await loadPlaceFor(ctx, actor, point.place_id, permission);
  return { point, ...access };
}

export async function addPoint(ctx: Context, actor: Actor, placeId: string, label: string): Promise<Point> {
  const { place } = await loadPlaceFor(ctx, actor, placeId, 'managePoints');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await createPoint(ctx, place.id, label, trx);
    await recordAudit(ctx, actor, { action: 'point.create', subjectType: 'point', subjectId: created.id, unitCode: place.commune_code, detail: { placeId: place.id } }, trx);
    return created;
  });
  return pointViews(ctx, [row])[0] as Point;
}

export type PointChange = { action: 'rename'; label: string } | { action: 'revoke' } | { action: 'reissue' };

/**
 * Renames, revokes or reissues a point. Reissuing gives it a new version and short code, so every
 * poster printed before stops working; visits keep pointing at the same point, so history stays.
 */
export async function changePoint(ctx: Context, actor: Actor, pointId: string, change: PointChange): Promise<Point> {
  const { point, place } = await loadPointFor(ctx, actor, pointId, 'managePoints');
  const now = ctx.clock.now();
  const changes: Partial<PointRow> = {};
  if (change.action === 'rename') changes.label = change.label;
  if (change.action === 'revoke') Object.assign(changes, { status: 'revoked', revoked_at: now });
  const row = await ctx.db.transaction().execute(async (trx) => {
    if (change.action === 'reissue') {
      Object.assign(changes, { status: 'active', revoked_at: null, version: (point.version % 0xffff) + 1, short_code: await uniqueShortCode(ctx, trx) });
    }
    await updatePoint(trx, point.id, changes);
    await recordAudit(ctx, actor, { action: `point.${change.action}`, subjectType: 'point', subjectId: point.id, unitCode: place.commune_code, detail: { placeId: place.id, version: changes.version ?? point.version } }, trx);
    return { ...point, ...changes };
  });
  forgetPoints(ctx);
  return pointViews(ctx, [row])[0] as Point;
}

export interface ResolvedRows {
  point: PointRow;
  place: PlaceRow;
}

// Every scan resolves its point; a short-lived cache keeps that off the database. Changes to
// points and places made here forget it at once; other server processes within the TTL.
const pointCache = perContext((ctx: Context) => new TtlCache<string, ResolvedRows>(10_000, 50_000, () => ctx.clock.now()));

// Counts the changes to places made in this process, so other modules' caches of places (the
// map's checkpoints) can tell theirs is out of date without this module knowing about them.
const changes = perContext((_ctx: Context) => ({ count: 0 }));

/** Forgets cached points and places after a change to them. */
export function forgetPoints(ctx: Context): void {
  pointCache(ctx).clear();
  changes(ctx).count++;
}

/** A number that changes whenever a place or point is registered, edited, approved or suspended here. */
export function placesVersion(ctx: Context): number {
  return changes(ctx).count;
}

async function pointWithPlace(ctx: Context, pointId: string): Promise<ResolvedRows | null> {
  const cached = pointCache(ctx).get(pointId);
  if (cached) return cached;
  const point = await findPoint(ctx.db, pointId);
  const place = point ? await findPlace(ctx.db, point.place_id) : undefined;
  if (!point || !place) return null;
  const rows = { point, place };
  pointCache(ctx).set(pointId, rows);
  return rows;
}

/**
 * The point behind a scanned token. Forged or altered tokens, withdrawn points and old versions
 * (reissued posters) are refused, with a line on the security log.
 */
export async function resolveToken(ctx: Context, token: string, requestId: string): Promise<ResolvedRows> {
  const decoded = decodePointToken(ctx.keyring.signingKey, token);
  if (!decoded) {
    securityLog(ctx).info({ reqId: requestId, reason: 'qr_forged' }, 'QR token refused');
    throw new AppError('qr_invalid');
  }
  const found = await pointWithPlace(ctx, decoded.pointId);
  if (!found) throw new AppError('qr_invalid');
  if (found.point.status === 'revoked' || found.point.version !== decoded.version) {
    securityLog(ctx).info({ reqId: requestId, reason: 'qr_revoked' }, 'QR token refused');
    throw new AppError('checkpoint_revoked');
  }
  return found;
}

/** The point behind a short code typed by hand. */
export async function resolveShortCode(ctx: Context, code: string): Promise<ResolvedRows> {
  const point = await findPointByShortCode(ctx.db, normalizeShortCode(code));
  if (!point) throw new AppError('point_not_found', { field: 'code' });
  if (point.status === 'revoked') throw new AppError('checkpoint_revoked');
  const place = await findPlace(ctx.db, point.place_id);
  if (!place) throw new AppError('point_not_found');
  return { point, place };
}

/** What the check-in page shows for a point: place and unit names, nothing personal. */
export function resolvedView(ctx: Context, { point, place }: ResolvedRows): ResolvedPoint {
  if (place.status !== 'active') throw new AppError('place_not_active');
  const tree = unitTree(ctx);
  const commune = tree.get(place.commune_code);
  return {
    pointId: point.id,
    placeId: place.id,
    placeName: place.name,
    pointLabel: point.label,
    placeType: place.type as PlaceType,
    communeName: commune?.name ?? place.commune_code,
    unitPath: [...tree.ancestors(place.commune_code), ...(commune ? [commune] : [])].map((u) => u.name),
    requiresDeclaration: place.requires_declaration === 1,
  };
}

export { loadPointFor };
