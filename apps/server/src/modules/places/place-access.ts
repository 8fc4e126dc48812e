import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeOf, unitInScope, type Scope } from '../../http/scope.js';
import { unitTree } from '../units/index.js';
import { findMember, findPlace, type PlaceRow } from './places.repository.js';
import { allows, type PlacePermission, type Relation } from './places.rules.js';

/** The scope-filter columns of the places tables. */
export const PLACE_SCOPE_COLUMNS = { province: 'province_code', district: 'district_code', commune: 'commune_code', sector: 'sector' } as const;

export function actorScope(ctx: Context, actor: Actor): Scope {
  return scopeOf(actor, unitTree(ctx));
}

/** True when the place lies in an official's unit (and sector, for sector officials). */
export function placeInScope(ctx: Context, scope: Scope, place: Pick<PlaceRow, 'commune_code' | 'sector'>): boolean {
  if (!unitInScope(scope, place.commune_code, unitTree(ctx))) return false;
  return scope.kind !== 'unit' || !scope.sector || scope.sector === place.sector;
}

/** How the actor relates to a place: administrator, official in scope, owner, staff, or nothing. */
export async function relationTo(ctx: Context, actor: Actor, place: PlaceRow): Promise<Relation> {
  if (actor.role === 'admin') return 'admin';
  const scope = actorScope(ctx, actor);
  if (scope.kind === 'unit' && placeInScope(ctx, scope, place)) return 'official';
  const member = await findMember(ctx.db, place.id, actor.userId);
  return member ? (member.role as Relation) : null;
}

/**
 * Loads a place the actor may act on. Officials outside the place's unit get "out of scope";
 * anyone else without a relation gets "not found", so a place's existence is not revealed.
 */
export async function loadPlaceFor(ctx: Context, actor: Actor, placeId: string, permission: PlacePermission): Promise<{ place: PlaceRow; relation: Relation }> {
  const place = await findPlace(ctx.db, placeId);
  if (!place) throw new AppError('place_not_found');
  const relation = await relationTo(ctx, actor, place);
  if (relation === null) {
    throw new AppError(actor.role === 'official' || actor.role === 'health_official' ? 'out_of_scope' : 'place_not_found');
  }
  if (!allows(relation, permission)) throw new AppError('forbidden');
  return { place, relation };
}
