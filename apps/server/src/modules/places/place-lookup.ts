import { foldVietnamese, type PlaceType } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { relationTo } from './place-access.js';
import type { Relation } from './places.rules.js';
import { unitTree } from '../units/index.js';
import { anyMembership, findMember, findPlace, placesByIds, pointsOfPlaces, type PlaceRow } from './places.repository.js';

/** What other modules need of a place: names, location, scope columns, and whether it takes visits. */
export interface PlaceBasics {
  id: string;
  name: string;
  type: PlaceType;
  status: string;
  provinceCode: string;
  districtCode: string | null;
  communeCode: string;
  communeName: string;
  lat: number | null;
  lon: number | null;
  requiresDeclaration: boolean;
}

/** The basics of a place row other modules work with. */
export function basics(ctx: Context, row: PlaceRow): PlaceBasics {
  return {
    id: row.id,
    name: row.name,
    type: row.type as PlaceType,
    status: row.status,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    communeCode: row.commune_code,
    communeName: unitTree(ctx).get(row.commune_code)?.name ?? row.commune_code,
    lat: row.lat,
    lon: row.lon,
    requiresDeclaration: row.requires_declaration === 1,
  };
}

export async function hasAnyPlaceMembership(ctx: Context, userId: string): Promise<boolean> {
  return anyMembership(ctx.db, userId);
}

/** Names and locations of places, by id (for diaries, visit lists, tracing). */
export async function placeBasics(ctx: Context, ids: readonly string[]): Promise<Map<string, PlaceBasics>> {
  const rows = await placesByIds(ctx.db, ids);
  return new Map(rows.map((r) => [r.id, basics(ctx, r)]));
}

/** A place as a staff scan needs it: the place, the actor's membership, its points. */
export async function findPlaceForScan(ctx: Context, placeId: string, userId: string) {
  const place = await findPlace(ctx.db, placeId);
  if (!place) return null;
  const [member, points] = await Promise.all([findMember(ctx.db, placeId, userId), pointsOfPlaces(ctx.db, [placeId])]);
  return { place: basics(ctx, place), memberRole: member?.role ?? null, points: points.map((p) => ({ id: p.id, label: p.label, status: p.status })) };
}

/** Labels of the QR points of some places, by point id. */
export async function pointLabels(ctx: Context, placeIds: readonly string[]): Promise<Map<string, string>> {
  const points = await pointsOfPlaces(ctx.db, [...new Set(placeIds)]);
  return new Map(points.map((p) => [p.id, p.label]));
}

/** How the actor relates to a place by id (null when it does not exist or they have none). */
export async function relationToPlace(ctx: Context, actor: Actor, placeId: string): Promise<Relation> {
  const place = await findPlace(ctx.db, placeId);
  return place ? relationTo(ctx, actor, place) : null;
}

/** Every active place with a location, for the public map's checkpoint layer. */
export async function activePlacePins(ctx: Context): Promise<Array<{ id: string; name: string; type: string; lat: number; lon: number }>> {
  const rows = await ctx.db.selectFrom('places').select(['id', 'name', 'type', 'lat', 'lon']).where('status', '=', 'active').where('lat', 'is not', null).where('lon', 'is not', null).execute();
  return rows as Array<{ id: string; name: string; type: string; lat: number; lon: number }>;
}

/** Active places whose name holds the (diacritic-free) words, for the map's search. */
export async function findActivePlacesByName(ctx: Context, q: string, limit: number): Promise<PlaceBasics[]> {
  const rows = await ctx.db.selectFrom('places').selectAll().where('status', '=', 'active').where('name_key', 'like', `%${foldVietnamese(q)}%`).where('lat', 'is not', null).limit(limit).execute();
  return rows.map((r) => basics(ctx, r));
}
