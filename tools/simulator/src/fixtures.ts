import { UnitTree } from '@phongdich/core';
import { readBundledUnits } from '../../../apps/server/src/modules/units/units.loader.js';
import { communeCentres, communeWeights } from './geo-reference.js';
import type { SimulationOptions } from './model.js';

/** Thái Nguyên (2025) as the simulation sees it, without a database: for tests of the pure model. */
export function thaiNguyen(): Pick<SimulationOptions, 'communes' | 'centres' | 'communeWeights'> {
  const communes = new UnitTree(readBundledUnits('vn-2025')).communesWithin('19');
  return { communes: communes.map((u) => u.code), centres: communeCentres('vn-2025', communes), communeWeights: communeWeights(communes) };
}

/** A Monday, so weekday rhythms are easy to reason about in tests (2026-11-02, Vietnam time). */
export const MONDAY = Date.parse('2026-11-02T00:00:00+07:00');
