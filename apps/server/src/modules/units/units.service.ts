import { UnitTree, inVietnamBounds, pointNearArea, type Unit, type UnitWithAncestors } from '@phongdich/core';
import type { Context } from '../../context.js';
import { getMeta, setMeta } from '../../db/meta.js';
import { AppError } from '../../http/errors.js';
import { boundariesFor, provinceGeometry, type FeatureCollection } from './units.geo.js';
import { readBundledUnits } from './units.loader.js';
import { allUnits, countUnits, insertUnits } from './units.repository.js';

const trees = new WeakMap<Context, UnitTree>();

/**
 * Loads the configured dataset into an empty database, refuses a database that holds another one
 * (codes mean different units in 2021 and 2025), and keeps the tree in memory for the process.
 */
export async function initUnits(ctx: Context): Promise<UnitTree> {
  const stored = await getMeta(ctx.db, 'units_dataset');
  if (stored && stored !== ctx.config.unitsDataset) {
    throw new Error(
      `This database holds the ${stored} administrative units but UNITS_DATASET is ${ctx.config.unitsDataset}. ` +
        `Set UNITS_DATASET=${stored}, or start with an empty database.`,
    );
  }
  if (!stored || (await countUnits(ctx.db)) === 0) {
    const units = readBundledUnits(ctx.config.unitsDataset);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('units').execute();
      await insertUnits(trx, units, ctx.clock.now());
      await setMeta(trx, 'units_dataset', ctx.config.unitsDataset);
    });
    ctx.logger.info({ dataset: ctx.config.unitsDataset, units: units.length }, 'administrative units loaded');
  }
  const tree = await reloadUnitTree(ctx);
  const home = tree.get(ctx.config.homeUnit);
  if (!home || home.tier !== 'province') {
    throw new Error(`HOME_UNIT ${ctx.config.homeUnit} is not a province of the ${ctx.config.unitsDataset} dataset`);
  }
  return tree;
}

export async function reloadUnitTree(ctx: Context): Promise<UnitTree> {
  const tree = new UnitTree(await allUnits(ctx.db));
  trees.set(ctx, tree);
  return tree;
}

/** The in-memory tree; initUnits must have run (it does at start-up and in test setup). */
export function unitTree(ctx: Context): UnitTree {
  const tree = trees.get(ctx);
  if (!tree) throw new Error('units not initialised');
  return tree;
}

export function requireUnit(ctx: Context, code: string, field?: string): Unit {
  const unit = unitTree(ctx).get(code);
  if (!unit) throw new AppError('unit_not_found', field ? { field } : {});
  return unit;
}

export function getUnitWithAncestors(ctx: Context, code: string): UnitWithAncestors {
  const tree = unitTree(ctx);
  const unit = requireUnit(ctx, code);
  return { ...unit, ancestors: tree.ancestors(code), childCount: tree.children(code).length };
}

export interface UnitListQuery {
  parent?: string | undefined;
  q?: string | undefined;
  within?: string | undefined;
  limit?: number | undefined;
}

/** Children of a unit (provinces without a parent), or a name search when q is given. */
export function listUnits(ctx: Context, query: UnitListQuery): Unit[] {
  const tree = unitTree(ctx);
  if (query.within) requireUnit(ctx, query.within, 'within');
  if (query.q) return tree.search(query.q, { within: query.within ?? query.parent, limit: query.limit ?? 20 });
  if (query.parent) requireUnit(ctx, query.parent, 'parent');
  const children = tree.children(query.parent ?? null);
  return query.limit ? children.slice(0, query.limit) : [...children];
}

/** True when the unit lies in the province this installation serves. */
export function isInHomeProvince(ctx: Context, code: string): boolean {
  return unitTree(ctx).contains(ctx.config.homeUnit, code);
}

export function getUnitBoundaries(ctx: Context, code: string): FeatureCollection {
  const unit = requireUnit(ctx, code);
  const children = unitTree(ctx).children(code).map((c) => c.code);
  return boundariesFor(ctx.config.unitsDataset, unit, children);
}

// Bundled province outlines are simplified to ≈200 m; a place on the border must still pass.
const BORDER_TOLERANCE_M = 1500;

/** Where a point lies relative to a unit's province: inside, outside, or not checkable (no geometry). */
export function checkLocation(ctx: Context, unitCode: string, lat: number, lon: number): 'ok' | 'outside_vietnam' | 'outside_province' {
  if (!inVietnamBounds(lat, lon)) return 'outside_vietnam';
  const unit = requireUnit(ctx, unitCode);
  const outline = provinceGeometry(ctx.config.unitsDataset, unit.provinceCode);
  if (outline && !pointNearArea(outline, lat, lon, BORDER_TOLERANCE_M)) return 'outside_province';
  return 'ok';
}
