import type { Context } from '../../../apps/server/src/context.js';
import { checkLocation, unitTree } from '../../../apps/server/src/modules/units/index.js';
import { communeCentres, communeWeights } from './geo-reference.js';
import type { SimulationOptions } from './model.js';

/** The province-specific part of the simulation options, for a context's home province. */
export type ProvinceSetup = Required<Pick<SimulationOptions, 'communes' | 'centres' | 'communeWeights' | 'acceptLocation' | 'dwellMinutes'>>;

/**
 * The installation's home province as the simulation needs it: its communes, their centres and
 * weights, the check the server makes on a place's location, and the configured dwell times.
 */
export function provinceSetup(ctx: Context): ProvinceSetup {
  const communes = unitTree(ctx).communesWithin(ctx.config.homeUnit);
  return {
    communes: communes.map((u) => u.code),
    centres: communeCentres(ctx.config.unitsDataset, communes),
    communeWeights: communeWeights(communes),
    acceptLocation: (code, point) => checkLocation(ctx, code, point.lat, point.lon) === 'ok',
    dwellMinutes: ctx.config.dwellMinutes,
  };
}
