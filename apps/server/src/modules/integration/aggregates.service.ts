import { localMidnight, type UnitTier } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { writeSheet } from '../../documents/spreadsheet.js';
import { AppError } from '../../http/errors.js';
import { assertUnitInScope, scopeOf } from '../../http/scope.js';
import { recordAudit } from '../audit/index.js';
import { dailyCaseFigures } from '../cases/index.js';
import { dailyDeclarationCounts } from '../declarations/index.js';
import { dailyScanCounts } from '../reports/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import { addFigures, FIGURES, sortedRows, toDataValueSet, type DailyRow, type Figure } from './aggregates.rules.js';
import { dailyTestCounts } from './lab-results.repository.js';

const DAY_MS = 86_400_000;

export interface AggregateQuery {
  from: string;
  to: string;
  unit?: string | undefined;
  level?: UnitTier | undefined;
}

const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Daily counts of a unit's communes, summed to the level asked (commune by default): new cases, new
 * contacts, lab tests and positive ones (by specimen date), declarations, check-ins (from the roll-ups).
 * Counts only: no personal data, so this is audited as an export, not as a read of people.
 */
export async function dailyAggregates(ctx: Context, actor: Actor, query: AggregateQuery): Promise<DailyRow[]> {
  if (query.to < query.from) throw new AppError('period_reversed', { field: 'querystring.to' });
  if ((localMidnight(query.to) - localMidnight(query.from)) / DAY_MS > 366) throw new AppError('period_too_long', { field: 'querystring.to' });
  const tree = unitTree(ctx);
  const unit = requireUnit(ctx, query.unit ?? actor.unitCode ?? ctx.config.homeUnit, 'querystring.unit');
  assertUnitInScope(scopeOf(actor, tree), unit.code, tree);
  const fromMs = localMidnight(query.from);
  const untilMs = localMidnight(query.to) + DAY_MS;
  const rows = new Map<string, DailyRow>();
  const target = new Map<string, { code: string; name: string } | null>();
  const add = (date: string, commune: string, figures: Partial<Record<Figure, number>>) => {
    if (!target.has(commune)) {
      const located = tree.contains(unit.code, commune) ? tree.locate(commune) : undefined;
      const code = located ? (query.level === 'province' ? located.provinceCode : query.level === 'district' ? (located.districtCode ?? located.provinceCode) : (located.communeCode ?? commune)) : null;
      target.set(commune, code ? { code, name: tree.get(code)?.name ?? code } : null);
    }
    const into = target.get(commune);
    if (into) addFigures(rows, date, into, figures);
  };
  for (const r of await dailyCaseFigures(ctx, fromMs, untilMs)) add(dateOfDay(r.day), r.communeCode, { cases: r.cases, contacts: r.contacts });
  for (const r of await dailyDeclarationCounts(ctx, fromMs, untilMs)) add(dateOfDay(r.day), r.communeCode, { declarations: r.declarations });
  for (const r of await dailyTestCounts(ctx.db, query.from, query.to)) add(r.date, r.communeCode, { tests: r.tests, positive_tests: r.positive });
  for (const r of await dailyScanCounts(ctx, query.from, query.to)) add(r.date, r.communeCode, { scans: r.scans });
  await recordAudit(ctx, actor, { action: 'integration.aggregates.export', subjectType: 'unit', subjectId: unit.code, unitCode: unit.code, detail: { from: query.from, to: query.to, level: query.level ?? 'commune' } });
  return sortedRows(rows);
}

/** The same counts as CSV: date, unit_code, unit_name, then one column per figure (English headings, for programs). */
export async function aggregatesCsv(ctx: Context, actor: Actor, query: AggregateQuery): Promise<Buffer> {
  const rows = await dailyAggregates(ctx, actor, query);
  const columns = [
    { key: 'date', heading: 'date' },
    { key: 'unitCode', heading: 'unit_code' },
    { key: 'unitName', heading: 'unit_name' },
    ...FIGURES.map((f) => ({ key: f, heading: f })),
  ];
  return writeSheet('csv', 'aggregates', columns, rows as unknown as Array<Record<string, string | number | null>>);
}

export async function aggregatesDhis2(ctx: Context, actor: Actor, query: AggregateQuery) {
  const rows = await dailyAggregates(ctx, actor, query);
  return toDataValueSet(rows, { dataElements: ctx.config.dhis2DataElements, orgUnits: ctx.config.dhis2OrgUnits, dataSet: ctx.config.dhis2DataSet });
}
