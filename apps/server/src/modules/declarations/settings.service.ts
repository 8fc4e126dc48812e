import type { RiskSettings } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { perContext, TtlCache } from '../../cache.js';
import { recordAudit } from '../audit/index.js';
import { getSetting, putSetting } from './declarations.repository.js';

const KEY = 'risk.affected_areas';
const cache = perContext((ctx: Context) => new TtlCache<string, RiskSettings>(10_000, 1, () => ctx.clock.now()));

/** The countries and units health officials have marked as affected (arrivals from them are flagged). */
export async function riskSettings(ctx: Context): Promise<RiskSettings> {
  const cached = cache(ctx).get(KEY);
  if (cached) return cached;
  const stored = await getSetting(ctx.db, KEY);
  const settings: RiskSettings = stored ? (JSON.parse(stored) as RiskSettings) : { affectedCountries: [], affectedUnits: [] };
  cache(ctx).set(KEY, settings);
  return settings;
}

export async function updateRiskSettings(ctx: Context, actor: Actor, settings: RiskSettings): Promise<RiskSettings> {
  await putSetting(ctx.db, KEY, JSON.stringify(settings), actor.userId, ctx.clock.now());
  cache(ctx).clear();
  await recordAudit(ctx, actor, { action: 'settings.affected_areas', detail: { countries: settings.affectedCountries.length, units: settings.affectedUnits.length } });
  return settings;
}
