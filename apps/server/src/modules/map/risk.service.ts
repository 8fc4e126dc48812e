import { localDateOf, localMidnight, type UnitRisk } from '@phongdich/core';
import type { z } from 'zod';
import type { riskOverrideSchema, unitStatisticsSchema } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { perContext, TtlCache } from '../../cache.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { assertUnitInScope, scopeOf } from '../../http/scope.js';
import { labelsOf } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { newCommunityCases } from '../cases/index.js';
import { emitIntegrationEvents, type NewEvent } from '../integration/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import { levelFromFigures, rollUp } from './risk.rules.js';

const DAY_MS = 86_400_000;

type LevelRow = {
  unit_code: string;
  date: string;
  level: number;
  computed_level: number;
  new_cases_7d: number;
  cases_per_100k: number;
  population: number | null;
  vaccination_coverage: number | null;
};

// Public map requests read levels often; they change once a day or on an override.
const levelsCache = perContext((ctx: Context) => new TtlCache<string, Map<string, LevelRow>>(60_000, 4, () => ctx.clock.now()));

function today(ctx: Context): string {
  return localDateOf(ctx.clock.now());
}

async function statistics(ctx: Context): Promise<Map<string, { population: number; vaccination_coverage: number | null; treatment_capacity_ok: number | null }>> {
  const rows = await ctx.db.selectFrom('unit_statistics').selectAll().execute();
  return new Map(rows.map((r) => [r.commune_code, r]));
}

/** The override in force for each unit today: the latest active one, unless withdrawn or expired. */
async function activeOverrides(ctx: Context): Promise<Map<string, { level: number; reason: string }>> {
  const rows = await ctx.db.selectFrom('risk_overrides').selectAll().where('active', '=', 1).orderBy('at').execute();
  const now = today(ctx);
  const active = new Map<string, { level: number; reason: string }>();
  for (const row of rows) {
    if (row.level === null || (row.until !== null && row.until < now)) active.delete(row.unit_code);
    else active.set(row.unit_code, { level: row.level, reason: row.reason });
  }
  return active;
}

/**
 * The daily computation: every commune of the installation from its new community cases of the last
 * seven days, population and coverage; then districts and the province rolled up. One row per unit
 * and day, so the history is kept; running it again the same day replaces that day's rows.
 */
export async function computeRiskLevels(ctx: Context): Promise<{ date: string; communes: number; changed: number }> {
  const date = today(ctx);
  const until = localMidnight(date) + DAY_MS;
  const cases = await newCommunityCases(ctx, until - 7 * DAY_MS, until);
  const stats = await statistics(ctx);
  const overrides = await activeOverrides(ctx);
  const previous = await levelsOn(ctx, await latestDateBefore(ctx, date));
  const sameDay = await levelsOn(ctx, date);
  const tree = unitTree(ctx);
  const criteria = { caseThresholds: ctx.config.riskCaseThresholds, minVaccinationCoverage: ctx.config.riskMinVaccinationCoverage };
  const rows: LevelRow[] = [];
  const communes = tree.communesWithin(ctx.config.homeUnit);
  for (const commune of communes) {
    const stat = stats.get(commune.code);
    const population = stat?.population ?? ctx.config.riskDefaultCommunePopulation;
    const figures = { newCases7d: cases.get(commune.code) ?? 0, population, vaccinationCoverage: stat?.vaccination_coverage ?? null, treatmentCapacityOk: stat?.treatment_capacity_ok === null || stat === undefined ? null : stat.treatment_capacity_ok === 1 };
    const computed = levelFromFigures(figures, criteria);
    rows.push({ unit_code: commune.code, date, level: overrides.get(commune.code)?.level ?? computed, computed_level: computed, new_cases_7d: figures.newCases7d, cases_per_100k: (figures.newCases7d / population) * 100_000, population: stat?.population ?? null, vaccination_coverage: stat?.vaccination_coverage ?? null });
  }
  rows.push(...rolledUp(ctx, rows, overrides, date));
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('unit_risk_levels').where('date', '=', date).execute();
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('unit_risk_levels').values(rows.slice(i, i + 200).map((r) => ({ ...r, computed_at: at }))).execute();
    // Against today's earlier run when there was one, so running again the same day reports nothing twice.
    const before = sameDay.size ? sameDay : previous;
    await emitIntegrationEvents(ctx, trx, rows.filter((r) => (before.get(r.unit_code)?.level ?? 1) !== r.level).map((r) => riskEvent(ctx, r.unit_code, r.level, before.get(r.unit_code)?.level ?? 1, date, r.level !== r.computed_level)));
  });
  levelsCache(ctx).clear();
  const changed = rows.filter((r) => previous.get(r.unit_code)?.level !== r.level).length;
  return { date, communes: communes.length, changed };
}

function riskEvent(ctx: Context, code: string, level: number, previousLevel: number, date: string, overridden: boolean): NewEvent {
  const units = unitTree(ctx).locate(code) ?? { provinceCode: ctx.config.homeUnit, districtCode: null, communeCode: null };
  return { type: 'risk_level.changed', units, data: { unitCode: code, level, previousLevel, date, overridden } };
}

/** District (2021 units) and province rows from their communes. */
function rolledUp(ctx: Context, communes: LevelRow[], overrides: Map<string, { level: number }>, date: string): LevelRow[] {
  const tree = unitTree(ctx);
  const parents = [...tree.children(ctx.config.homeUnit).filter((u) => u.tier === 'district'), requireUnit(ctx, ctx.config.homeUnit)];
  return parents.map((unit) => {
    const members = communes.filter((c) => tree.contains(unit.code, c.unit_code));
    const weighted = members.map((c) => ({ level: c.level, population: c.population ?? ctx.config.riskDefaultCommunePopulation }));
    const computed = rollUp(weighted, ctx.config.riskRollup);
    const newCases = members.reduce((sum, c) => sum + c.new_cases_7d, 0);
    const people = weighted.reduce((sum, c) => sum + c.population, 0);
    return { unit_code: unit.code, date, level: overrides.get(unit.code)?.level ?? computed, computed_level: computed, new_cases_7d: newCases, cases_per_100k: people ? (newCases / people) * 100_000 : 0, population: null, vaccination_coverage: null };
  });
}

async function latestDateBefore(ctx: Context, date: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('unit_risk_levels').select('date').where('date', '<', date).orderBy('date', 'desc').limit(1).executeTakeFirst();
  return row?.date ?? null;
}

async function levelsOn(ctx: Context, date: string | null): Promise<Map<string, LevelRow>> {
  if (!date) return new Map();
  const rows = await ctx.db.selectFrom('unit_risk_levels').selectAll().where('date', '=', date).execute();
  return new Map(rows.map((r) => [r.unit_code, r]));
}

/** The levels in force: the latest computed day, with overrides made since applied. */
async function currentLevels(ctx: Context): Promise<Map<string, LevelRow>> {
  const cached = levelsCache(ctx).get('current');
  if (cached) return cached;
  const latest = await ctx.db.selectFrom('unit_risk_levels').select('date').orderBy('date', 'desc').limit(1).executeTakeFirst();
  const levels = await levelsOn(ctx, latest?.date ?? null);
  const overrides = await activeOverrides(ctx);
  for (const [code, row] of levels) levels.set(code, { ...row, level: overrides.get(code)?.level ?? row.computed_level });
  levelsCache(ctx).set('current', levels);
  return levels;
}

function view(ctx: Context, code: string, row: LevelRow | undefined): UnitRisk {
  return {
    code,
    name: unitTree(ctx).get(code)?.name ?? code,
    level: row?.level ?? 1,
    computedLevel: row?.computed_level ?? 1,
    overridden: row ? row.level !== row.computed_level : false,
    date: row?.date ?? '',
    newCases7d: row?.new_cases_7d ?? 0,
    casesPer100k: Math.round((row?.cases_per_100k ?? 0) * 10) / 10,
    population: row?.population ?? null,
    vaccinationCoverage: row?.vaccination_coverage ?? null,
  };
}

/** Levels of the communes within a unit, and the unit's own (rolled up) level: the public map's colours. */
export async function riskWithin(ctx: Context, within: string): Promise<{ date: string | null; items: UnitRisk[]; rollup: UnitRisk }> {
  const unit = requireUnit(ctx, within, 'within');
  const levels = await currentLevels(ctx);
  const communes = unit.tier === 'commune' ? [unit] : unitTree(ctx).communesWithin(unit.code);
  const date = [...levels.values()][0]?.date ?? null;
  return { date, items: communes.map((c) => view(ctx, c.code, levels.get(c.code))), rollup: view(ctx, unit.code, levels.get(unit.code)) };
}

/** An official sets a unit's level by hand, with a reason; it holds until withdrawn or its end date. */
export async function overrideLevel(ctx: Context, actor: Actor, code: string, input: z.infer<typeof riskOverrideSchema>): Promise<UnitRisk> {
  requireUnit(ctx, code);
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), code, unitTree(ctx));
  if (input.until && input.until < today(ctx)) throw new AppError('date_order', { field: 'until' });
  const before = (await currentLevels(ctx)).get(code)?.level ?? 1;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('risk_overrides').values({ id: newId(ctx), unit_code: code, level: input.level, reason: input.reason, until: input.until ?? null, active: 1, by: actor.userId, at: ctx.clock.now() }).execute();
    await trx.updateTable('unit_risk_levels').set({ level: input.level }).where('unit_code', '=', code).where('date', '=', today(ctx)).execute();
    if (before !== input.level) await emitIntegrationEvents(ctx, trx, [riskEvent(ctx, code, input.level, before, today(ctx), true)]);
  });
  levelsCache(ctx).clear();
  await recordAudit(ctx, actor, { action: 'risk.override', subjectType: 'unit', subjectId: code, unitCode: code, detail: { level: input.level, reason: input.reason } });
  return view(ctx, code, (await currentLevels(ctx)).get(code));
}

export async function withdrawOverride(ctx: Context, actor: Actor, code: string, reason: string): Promise<UnitRisk> {
  requireUnit(ctx, code);
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), code, unitTree(ctx));
  const before = (await currentLevels(ctx)).get(code)?.level ?? 1;
  await ctx.db.insertInto('risk_overrides').values({ id: newId(ctx), unit_code: code, level: null, reason, until: null, active: 1, by: actor.userId, at: ctx.clock.now() }).execute();
  levelsCache(ctx).clear();
  await recordAudit(ctx, actor, { action: 'risk.override_withdrawn', subjectType: 'unit', subjectId: code, unitCode: code });
  const after = (await currentLevels(ctx)).get(code);
  if ((after?.level ?? 1) !== before) await ctx.db.transaction().execute((trx) => emitIntegrationEvents(ctx, trx, [riskEvent(ctx, code, after?.level ?? 1, before, today(ctx), false)]));
  return view(ctx, code, after);
}

/** A unit's levels day by day and every override, newest first. */
export async function riskHistory(ctx: Context, actor: Actor, code: string) {
  requireUnit(ctx, code);
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), code, unitTree(ctx));
  const days = await ctx.db.selectFrom('unit_risk_levels').selectAll().where('unit_code', '=', code).orderBy('date', 'desc').limit(120).execute();
  const overrides = await ctx.db.selectFrom('risk_overrides').selectAll().where('unit_code', '=', code).orderBy('at', 'desc').limit(120).execute();
  const names = await labelsOf(ctx, [...new Set(overrides.map((o) => o.by))]);
  const items = [
    ...days.map((d) => ({ date: d.date, level: d.level, computedLevel: d.computed_level, source: 'computed' as const, reason: null, byName: null, at: d.computed_at })),
    // An override is read against what the criteria gave that day (the latest computation before it).
    ...overrides.map((o) => ({ date: localDateOf(o.at), level: o.level ?? 0, computedLevel: days.find((d) => d.computed_at <= o.at)?.computed_level ?? 0, source: 'override' as const, reason: o.reason, byName: names.get(o.by)?.displayName ?? null, at: o.at })),
  ].sort((a, b) => b.at - a.at || (a.source === 'override' ? -1 : 1));
  return { items: items.map(({ at: _at, ...item }) => item) };
}

/** Population, vaccination coverage and treatment capacity of the communes within a unit. */
export async function statisticsWithin(ctx: Context, within: string) {
  const unit = requireUnit(ctx, within, 'within');
  const stats = await statistics(ctx);
  return {
    items: unitTree(ctx)
      .communesWithin(unit.code)
      .map((c) => {
        const s = stats.get(c.code);
        return { communeCode: c.code, communeName: c.name, population: s?.population ?? null, vaccinationCoverage: s?.vaccination_coverage ?? null, treatmentCapacityOk: s?.treatment_capacity_ok === undefined || s.treatment_capacity_ok === null ? null : s.treatment_capacity_ok === 1 };
      }),
  };
}

export async function putStatistics(ctx: Context, actor: Actor, input: z.infer<typeof unitStatisticsSchema>) {
  const commune = requireUnit(ctx, input.communeCode, 'communeCode');
  if (commune.tier !== 'commune') throw new AppError('commune_required', { field: 'communeCode' });
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), commune.code, unitTree(ctx));
  const row = { commune_code: commune.code, population: input.population, vaccination_coverage: input.vaccinationCoverage ?? null, treatment_capacity_ok: input.treatmentCapacityOk === undefined ? null : input.treatmentCapacityOk ? 1 : 0, updated_by: actor.userId, updated_at: ctx.clock.now() };
  await ctx.db
    .insertInto('unit_statistics')
    .values(row)
    .onConflict((oc) => oc.column('commune_code').doUpdateSet({ population: row.population, vaccination_coverage: row.vaccination_coverage, treatment_capacity_ok: row.treatment_capacity_ok, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
  await recordAudit(ctx, actor, { action: 'risk.statistics', subjectType: 'unit', subjectId: commune.code, unitCode: commune.code, detail: input });
  return { communeCode: commune.code, communeName: commune.name, population: row.population, vaccinationCoverage: row.vaccination_coverage, treatmentCapacityOk: input.treatmentCapacityOk ?? null };
}

/** For the daily job: computes today's levels once, when they are missing. */
export async function computeRiskLevelsIfDue(ctx: Context): Promise<boolean> {
  const done = await ctx.db.selectFrom('unit_risk_levels').select('date').where('date', '=', today(ctx)).limit(1).executeTakeFirst();
  if (done) return false;
  await computeRiskLevels(ctx);
  return true;
}
