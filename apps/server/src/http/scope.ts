import { sql, type Expression, type SqlBool } from 'kysely';
import type { Sector, UnitTier, UnitTree } from '@phongdich/core';
import type { Actor } from '../actor.js';
import { AppError } from './errors.js';

/**
 * What part of the installation an account sees. Officials see their unit and everything below it
 * (sector officials only their sector's places); administrators everything; others nothing by unit.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'unit'; unitCode: string; tier: UnitTier; sector: Sector | null }
  | { kind: 'none' };

export function scopeOf(actor: Actor, tree: UnitTree): Scope {
  if (actor.role === 'admin') return { kind: 'all' };
  if ((actor.role === 'official' || actor.role === 'health_official') && actor.unitCode) {
    const unit = tree.get(actor.unitCode);
    if (!unit) return { kind: 'none' };
    return { kind: 'unit', unitCode: unit.code, tier: unit.tier, sector: actor.role === 'official' ? actor.sector : null };
  }
  return { kind: 'none' };
}

/** True when a unit lies within the scope. */
export function unitInScope(scope: Scope, unitCode: string, tree: UnitTree): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return tree.contains(scope.unitCode, unitCode);
}

export function assertUnitInScope(scope: Scope, unitCode: string, tree: UnitTree): void {
  if (!unitInScope(scope, unitCode, tree)) throw new AppError('out_of_scope');
}

/** The columns a scoped table locates its rows with (each record stores its province, district, commune). */
export interface ScopeColumns {
  province: string;
  district: string;
  commune: string;
  sector?: string;
}

/**
 * The SQL condition limiting rows to a scope; every listing of scoped data goes through it.
 * One indexed equality per tier, whatever the depth of the tree.
 */
export function scopeCondition(scope: Scope, columns: ScopeColumns): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'none') return sql<SqlBool>`1 = 0`;
  const column = columns[scope.tier];
  const byUnit = sql<SqlBool>`${sql.ref(column)} = ${scope.unitCode}`;
  if (scope.sector && columns.sector) return sql<SqlBool>`(${byUnit} and ${sql.ref(columns.sector)} = ${scope.sector})`;
  return byUnit;
}
