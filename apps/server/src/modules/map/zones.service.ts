import { localDateOf, pointInArea, type AreaGeometry, type zoneInputSchema, type zoneSchema } from '@phongdich/core';
import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeOf, unitInScope } from '../../http/scope.js';
import { recordAudit } from '../audit/index.js';
import { checkLocation, getUnitBoundaries, unitTree } from '../units/index.js';
import { bboxOf, ringAreaKm2, zoneProblem } from './zone-geometry.js';

type ZoneInput = z.infer<typeof zoneInputSchema>;
type Zone = z.infer<typeof zoneSchema>;
type ZoneRow = Awaited<ReturnType<typeof findZone>>;

function findZone(ctx: Context, id: string) {
  return ctx.db.selectFrom('zones').selectAll().where('id', '=', id).executeTakeFirst();
}

function toZone(row: NonNullable<ZoneRow>): Zone {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Zone['kind'],
    geometry: JSON.parse(row.geometry) as Zone['geometry'],
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    note: row.note,
    communeCodes: JSON.parse(row.commune_codes) as string[],
    areaKm2: Math.round(row.area_km2 * 100) / 100,
  };
}

/** The communes a zone touches: one of its corners lies in the commune, or part of the commune's outline lies in it. */
function communesTouched(ctx: Context, geometry: ZoneInput['geometry']): string[] {
  const ring = geometry.coordinates[0] as Array<[number, number]>;
  const zone = { type: 'Polygon' as const, coordinates: geometry.coordinates as number[][][] };
  const touched: string[] = [];
  for (const feature of getUnitBoundaries(ctx, ctx.config.homeUnit).features) {
    const code = String((feature.properties as { code?: string }).code ?? '');
    const area = feature.geometry as AreaGeometry;
    const outline = (area.type === 'Polygon' ? area.coordinates : area.coordinates.flat()).flat() as Array<[number, number]>;
    const cornerInside = ring.some(([lon, lat]) => pointInArea(area, lat, lon));
    const outlineInside = outline.some(([lon, lat], i) => i % 5 === 0 && pointInArea(zone, lat, lon));
    if (cornerInside || outlineInside) touched.push(code);
  }
  return touched.sort();
}

/** Checks a drawn zone: closed rings that do not cross themselves, a sensible size, inside the province. */
function checkZone(ctx: Context, input: ZoneInput): void {
  const problem = zoneProblem(input.geometry.coordinates as Array<Array<[number, number]>>, ctx.config.maxZoneKm2);
  if (problem) throw new AppError(`zone_${problem}`, { field: 'geometry' });
  for (const [lon, lat] of input.geometry.coordinates[0] ?? []) {
    if (checkLocation(ctx, ctx.config.homeUnit, lat, lon) !== 'ok') throw new AppError('zone_outside_province', { field: 'geometry' });
  }
  if (input.endsOn && input.endsOn < input.startsOn) throw new AppError('date_order', { field: 'endsOn' });
}

/**
 * A commune official closes off streets of their own commune; a zone centred in a neighbour's is the
 * neighbour's, the district's or the province's decision. The centre decides, not every commune the
 * zone touches: the bundled outlines are simplified and overlap near boundaries, so a small zone in
 * the middle of a town can touch the commune next door.
 */
function assertZoneInScope(ctx: Context, actor: Actor, geometry: ZoneInput['geometry'], field?: string): void {
  const tree = unitTree(ctx);
  const scope = scopeOf(actor, tree);
  if (scope.kind === 'all') return;
  const corners = (geometry.coordinates[0] as Array<[number, number]>).slice(0, -1);
  const lon = corners.reduce((sum, [x]) => sum + x, 0) / corners.length;
  const lat = corners.reduce((sum, [, y]) => sum + y, 0) / corners.length;
  const home = getUnitBoundaries(ctx, ctx.config.homeUnit).features.filter((feature) => pointInArea(feature.geometry as AreaGeometry, lat, lon));
  const codes = home.map((feature) => String((feature.properties as { code?: string }).code ?? ''));
  if (!codes.some((code) => unitInScope(scope, code, tree))) throw new AppError('out_of_scope', field ? { field } : {});
}

export async function createZone(ctx: Context, actor: Actor, input: ZoneInput): Promise<Zone> {
  checkZone(ctx, input);
  assertZoneInScope(ctx, actor, input.geometry, 'geometry');
  const ring = input.geometry.coordinates[0] as Array<[number, number]>;
  const box = bboxOf(ring);
  const now = ctx.clock.now();
  const row = {
    id: newId(ctx),
    name: input.name,
    kind: input.kind,
    geometry: JSON.stringify(input.geometry),
    min_lon: box.minLon,
    min_lat: box.minLat,
    max_lon: box.maxLon,
    max_lat: box.maxLat,
    area_km2: ringAreaKm2(ring),
    commune_codes: JSON.stringify(communesTouched(ctx, input.geometry)),
    starts_on: input.startsOn,
    ends_on: input.endsOn ?? null,
    note: input.note ?? null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.insertInto('zones').values(row).execute();
  await recordAudit(ctx, actor, { action: 'zone.create', subjectType: 'zone', subjectId: row.id, detail: { name: input.name, kind: input.kind } });
  return toZone(row);
}

export async function updateZone(ctx: Context, actor: Actor, id: string, changes: Partial<ZoneInput>): Promise<Zone> {
  const current = await findZone(ctx, id);
  if (!current) throw new AppError('not_found');
  assertZoneInScope(ctx, actor, JSON.parse(current.geometry) as ZoneInput['geometry']);
  const merged: ZoneInput = { ...toZone(current), ...changes, endsOn: changes.endsOn ?? current.ends_on ?? undefined, note: changes.note ?? current.note ?? undefined } as ZoneInput;
  checkZone(ctx, merged);
  if (changes.geometry) assertZoneInScope(ctx, actor, merged.geometry, 'geometry');
  const ring = merged.geometry.coordinates[0] as Array<[number, number]>;
  const box = bboxOf(ring);
  await ctx.db
    .updateTable('zones')
    .set({ name: merged.name, kind: merged.kind, geometry: JSON.stringify(merged.geometry), min_lon: box.minLon, min_lat: box.minLat, max_lon: box.maxLon, max_lat: box.maxLat, area_km2: ringAreaKm2(ring), commune_codes: JSON.stringify(communesTouched(ctx, merged.geometry)), starts_on: merged.startsOn, ends_on: merged.endsOn ?? null, note: merged.note ?? null, updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .execute();
  await recordAudit(ctx, actor, { action: 'zone.update', subjectType: 'zone', subjectId: id });
  return toZone((await findZone(ctx, id)) as NonNullable<ZoneRow>);
}

/** Ends a zone today (it stays in the history). */
export async function endZone(ctx: Context, actor: Actor, id: string): Promise<void> {
  const current = await findZone(ctx, id);
  if (!current) throw new AppError('not_found');
  assertZoneInScope(ctx, actor, JSON.parse(current.geometry) as ZoneInput['geometry']);
  const today = localDateOf(ctx.clock.now());
  await ctx.db.updateTable('zones').set({ ends_on: current.starts_on > today ? current.starts_on : today, updated_at: ctx.clock.now() }).where('id', '=', id).execute();
  await recordAudit(ctx, actor, { action: 'zone.end', subjectType: 'zone', subjectId: id });
}

/** Zones in force today (or, for officials, also those still to come). */
export async function activeZones(ctx: Context, includeFuture = false): Promise<Zone[]> {
  const today = localDateOf(ctx.clock.now());
  let query = ctx.db.selectFrom('zones').selectAll().where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]));
  if (!includeFuture) query = query.where('starts_on', '<=', today);
  return (await query.orderBy('starts_on', 'desc').execute()).map(toZone);
}
