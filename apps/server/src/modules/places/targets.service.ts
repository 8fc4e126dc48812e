import type { Kysely, Transaction } from 'kysely';
import { foldVietnamese, type PlaceType, type Sector, type Target, type TargetInput } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { scopeCondition } from '../../http/scope.js';
import { recordAudit } from '../audit/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import { actorScope, placeInScope } from './place-access.js';
import { findPlace, type PlaceRow } from './places.repository.js';
import { findPlaceIdByName, findTarget, insertTargets, linkUnmatchedTargets, listTargets as listTargetRows, updateTarget, deleteTarget as deleteTargetRow, type TargetRow } from './targets.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

const COLUMNS = { province: 'place_targets.province_code', district: 'place_targets.district_code', commune: 'place_targets.commune_code', sector: 'place_targets.sector' };

/** When a place registers, the commune's target entries with the same name count as registered. */
export async function matchTargetsForPlace(ctx: Context, place: PlaceRow, db: Db): Promise<void> {
  await linkUnmatchedTargets(db, place.commune_code, place.name_key, place.id, ctx.clock.now());
}

function requireTargetScope(ctx: Context, actor: Actor, communeCode: string, sector: string): void {
  const scope = actorScope(ctx, actor);
  if (scope.kind === 'none' || !placeInScope(ctx, scope, { commune_code: communeCode, sector })) throw new AppError('out_of_scope', { field: 'communeCode' });
}

/** Builds target rows (checked, located, matched to registered places) for the typed form and the import. */
export async function newTargetRows(ctx: Context, actor: Actor, inputs: TargetInput[], db: Db): Promise<TargetRow[]> {
  const tree = unitTree(ctx);
  const now = ctx.clock.now();
  const rows: TargetRow[] = [];
  for (const input of inputs) {
    const commune = requireUnit(ctx, input.communeCode, 'communeCode');
    if (commune.tier !== 'commune') throw new AppError('commune_required', { field: 'communeCode' });
    requireTargetScope(ctx, actor, commune.code, input.sector);
    const location = tree.locate(commune.code);
    const nameKey = foldVietnamese(input.name);
    const match = await findPlaceIdByName(db, commune.code, nameKey);
    rows.push({
      id: newId(ctx),
      name: input.name,
      name_key: nameKey,
      type: input.type,
      sector: input.sector,
      province_code: location?.provinceCode ?? commune.provinceCode,
      district_code: location?.districtCode ?? null,
      commune_code: commune.code,
      street_address: input.streetAddress ?? '',
      note: input.note ?? null,
      place_id: match?.id ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
  }
  return rows;
}

export async function addTargets(ctx: Context, actor: Actor, inputs: TargetInput[], db?: Transaction<Database>): Promise<number> {
  const write = async (trx: Transaction<Database>) => {
    const rows = await newTargetRows(ctx, actor, inputs, trx);
    await insertTargets(trx, rows);
    await recordAudit(ctx, actor, { action: 'targets.add', subjectType: 'target', subjectId: rows[0]?.id, unitCode: rows[0]?.commune_code ?? null, detail: { count: rows.length } }, trx);
    return rows.length;
  };
  return db ? write(db) : ctx.db.transaction().execute(write);
}

function toTarget(ctx: Context, row: TargetRow & { place_name: string | null }): Target {
  return {
    id: row.id,
    name: row.name,
    type: row.type as PlaceType,
    sector: row.sector as Sector,
    communeCode: row.commune_code,
    communeName: unitTree(ctx).get(row.commune_code)?.name ?? row.commune_code,
    streetAddress: row.street_address,
    note: row.note,
    placeId: row.place_id,
    placeName: row.place_name,
    status: row.place_id ? 'registered' : 'missing',
    createdAt: row.created_at,
  };
}

export async function listTargets(
  ctx: Context,
  actor: Actor,
  query: { unit?: string | undefined; status?: 'registered' | 'missing' | undefined; type?: string | undefined; sector?: string | undefined; q?: string | undefined; limit?: number | undefined; offset?: number | undefined },
) {
  const scope = actorScope(ctx, actor);
  const where = [scopeCondition(scope, COLUMNS)];
  if (query.unit) {
    const unit = requireUnit(ctx, query.unit, 'unit');
    if (scope.kind === 'unit' && !unitTree(ctx).contains(scope.unitCode, unit.code)) throw new AppError('out_of_scope', { field: 'unit' });
    where.push(scopeCondition({ kind: 'unit', unitCode: unit.code, tier: unit.tier, sector: null }, COLUMNS));
  }
  const result = await listTargetRows(ctx.db, {
    where,
    status: query.status,
    type: query.type,
    sector: query.sector,
    nameKey: query.q ? foldVietnamese(query.q) : undefined,
    limit: query.limit ?? 100,
    offset: query.offset ?? 0,
  });
  return { items: result.rows.map((r) => toTarget(ctx, r)), total: result.total, registered: result.registered, missing: result.missing };
}

/** Links a target entry to a registered place by hand (or unlinks it with null). */
export async function linkTarget(ctx: Context, actor: Actor, targetId: string, placeId: string | null): Promise<void> {
  const target = await findTarget(ctx.db, targetId);
  if (!target) throw new AppError('target_not_found');
  requireTargetScope(ctx, actor, target.commune_code, target.sector);
  if (placeId) {
    const place = await findPlace(ctx.db, placeId);
    if (!place || place.commune_code !== target.commune_code) throw new AppError('place_not_found', { field: 'placeId' });
  }
  await updateTarget(ctx.db, targetId, { place_id: placeId, updated_at: ctx.clock.now() });
  await recordAudit(ctx, actor, { action: 'target.link', subjectType: 'target', subjectId: targetId, unitCode: target.commune_code, detail: { placeId } });
}

export async function removeTarget(ctx: Context, actor: Actor, targetId: string): Promise<void> {
  const target = await findTarget(ctx.db, targetId);
  if (!target) throw new AppError('target_not_found');
  requireTargetScope(ctx, actor, target.commune_code, target.sector);
  await deleteTargetRow(ctx.db, targetId);
  await recordAudit(ctx, actor, { action: 'target.delete', subjectType: 'target', subjectId: targetId, unitCode: target.commune_code });
}

