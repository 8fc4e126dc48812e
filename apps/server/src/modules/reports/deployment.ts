import type { Unit } from '@phongdich/core';
import { sql } from 'kysely';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { assertUnitInScope, scopeOf } from '../../http/scope.js';
import { requireUnit, unitTree } from '../units/index.js';
import { addDays, periodOf, type Period } from './period.js';

// Reports are a read model: they read the tables of places, targets and the scan roll-ups, never write them.

export interface DeploymentRow {
  code: string;
  name: string;
  tier: string;
  required: number;
  registered: number;
  registeredOfRequired: number;
  shareRegistered: number | null;
  active7d: number;
  scansPerDay: number;
  neverScanned: number;
}

export interface Breakdown {
  key: string;
  registered: number;
  active7d: number;
  scansPerDay: number;
  neverScanned: number;
}

export interface PlaceLine {
  id: string;
  name: string;
  type: string;
  sector: string;
  status: string;
  required: boolean;
  scans: number;
  lastScanDate: string | null;
  active7d: boolean;
}

export interface DeploymentReport {
  unit: { code: string; name: string; tier: string };
  from: string;
  to: string;
  days: number;
  asOf: number;
  rows: DeploymentRow[];
  total: DeploymentRow;
  bySector: Breakdown[];
  byType: Breakdown[];
  places: PlaceLine[] | null;
}

interface Cell {
  commune: string;
  sector: string;
  type: string;
  registered: number;
  scanned: number;
  scans: number;
  active: number;
}

/** Registered (active) places and places ever scanned up to the period's end, by commune, sector and type. */
async function placeCells(ctx: Context, period: Period): Promise<Map<string, Cell>> {
  const cells = new Map<string, Cell>();
  const cell = (commune: string, sector: string, type: string): Cell => {
    const key = `${commune}|${sector}|${type}`;
    let found = cells.get(key);
    if (!found) {
      found = { commune, sector, type, registered: 0, scanned: 0, scans: 0, active: 0 };
      cells.set(key, found);
    }
    return found;
  };
  const registered = await ctx.db
    .selectFrom('places')
    .select(['commune_code', 'sector', 'type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .where('created_at', '<', period.untilMs)
    .groupBy(['commune_code', 'sector', 'type'])
    .execute();
  for (const r of registered) cell(r.commune_code, r.sector, r.type).registered += Number(r.n);
  const scannedEver = await ctx.db
    .selectFrom('place_scan_totals')
    .select(['commune_code', 'sector', 'type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('first_date', '<=', period.to)
    .groupBy(['commune_code', 'sector', 'type'])
    .execute();
  for (const r of scannedEver) cell(r.commune_code, r.sector, r.type).scanned += Number(r.n);
  // One pass over the daily roll-up covers both the period's scans and the last seven days' activity.
  const weekStart = addDays(period.to, -6);
  const perPlace = await ctx.db
    .selectFrom('place_daily_scans')
    .select([
      'commune_code',
      'sector',
      'type',
      sql<number>`sum(case when date >= ${period.from} then scans else 0 end)`.as('scans'),
      sql<number>`count(distinct case when date >= ${weekStart} then place_id end)`.as('active'),
    ])
    .where('date', '>=', weekStart < period.from ? weekStart : period.from)
    .where('date', '<=', period.to)
    .groupBy(['commune_code', 'sector', 'type'])
    .execute();
  for (const r of perPlace) {
    const c = cell(r.commune_code, r.sector, r.type);
    c.scans += Number(r.scans);
    c.active += Number(r.active);
  }
  return cells;
}

async function targetCounts(ctx: Context): Promise<Map<string, { required: number; matched: number }>> {
  const rows = await ctx.db
    .selectFrom('place_targets')
    .select(['commune_code', (eb) => eb.fn.countAll<number>().as('required'), (eb) => eb.fn.count<number>('place_id').as('matched')])
    .groupBy('commune_code')
    .execute();
  return new Map(rows.map((r) => [r.commune_code, { required: Number(r.required), matched: Number(r.matched) }]));
}

function emptyRow(unit: Pick<Unit, 'code' | 'name' | 'tier'>): DeploymentRow {
  return { code: unit.code, name: unit.name, tier: unit.tier, required: 0, registered: 0, registeredOfRequired: 0, shareRegistered: null, active7d: 0, scansPerDay: 0, neverScanned: 0 };
}

function addCell(row: DeploymentRow, c: Cell, days: number): void {
  row.registered += c.registered;
  row.active7d += c.active;
  row.scansPerDay += c.scans / days;
  row.neverScanned += Math.max(0, c.registered - c.scanned);
}

function finish(row: DeploymentRow): DeploymentRow {
  return { ...row, scansPerDay: Math.round(row.scansPerDay * 10) / 10, shareRegistered: row.required > 0 ? Math.round((row.registeredOfRequired / row.required) * 1000) / 1000 : null };
}

function breakdown(cells: Cell[], key: (c: Cell) => string, days: number): Breakdown[] {
  const groups = new Map<string, Breakdown>();
  for (const c of cells) {
    const k = key(c);
    const g = groups.get(k) ?? { key: k, registered: 0, active7d: 0, scansPerDay: 0, neverScanned: 0 };
    g.registered += c.registered;
    g.active7d += c.active;
    g.scansPerDay += c.scans / days;
    g.neverScanned += Math.max(0, c.registered - c.scanned);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => ({ ...g, scansPerDay: Math.round(g.scansPerDay * 10) / 10 })).sort((a, b) => b.registered - a.registered);
}

/** The places of one commune with their scans in the period and their last day with scans. */
async function placeLines(ctx: Context, communeCode: string, period: Period): Promise<PlaceLine[]> {
  const places = await ctx.db.selectFrom('places').select(['id', 'name', 'type', 'sector', 'status']).where('commune_code', '=', communeCode).where('created_at', '<', period.untilMs).orderBy('name').execute();
  const required = new Set((await ctx.db.selectFrom('place_targets').select('place_id').where('commune_code', '=', communeCode).where('place_id', 'is not', null).execute()).map((t) => t.place_id));
  const scans = await ctx.db
    .selectFrom('place_daily_scans')
    .select(['place_id', sql<number>`sum(case when date >= ${period.from} then scans else 0 end)`.as('scans'), sql<string>`max(date)`.as('last')])
    .where('commune_code', '=', communeCode)
    .where('date', '<=', period.to)
    .groupBy('place_id')
    .execute();
  const byPlace = new Map(scans.map((s) => [s.place_id, s]));
  const weekStart = addDays(period.to, -6);
  return places.map((p) => {
    const s = byPlace.get(p.id);
    return { id: p.id, name: p.name, type: p.type, sector: p.sector, status: p.status, required: required.has(p.id), scans: Number(s?.scans ?? 0), lastScanDate: s?.last ?? null, active7d: (s?.last ?? '') >= weekStart };
  });
}

/**
 * The deployment report of a unit: one row per child unit and a total — places required, registered,
 * share of the required registered, places scanned in the last 7 days, scans per day, places never
 * scanned — with breakdowns by sector and by type, and for a commune the list of its places.
 */
export async function deploymentReport(ctx: Context, actor: Actor, unitCode: string, from: string, to: string): Promise<DeploymentReport> {
  const period = periodOf(from, to);
  const tree = unitTree(ctx);
  const unit = requireUnit(ctx, unitCode, 'unit');
  assertUnitInScope(scopeOf(actor, tree), unit.code, tree);
  const children = unit.tier === 'commune' ? [unit] : tree.children(unit.code);
  const childOf = new Map<string, Unit>();
  for (const child of children) for (const commune of tree.communesWithin(child.code)) childOf.set(commune.code, child);
  const rows = new Map(children.map((c) => [c.code, emptyRow(c)]));
  const total = emptyRow(unit);
  const cells = [...(await placeCells(ctx, period)).values()].filter((c) => childOf.has(c.commune));
  for (const c of cells) {
    addCell(rows.get((childOf.get(c.commune) as Unit).code) as DeploymentRow, c, period.days);
    addCell(total, c, period.days);
  }
  for (const [commune, t] of await targetCounts(ctx)) {
    const child = childOf.get(commune);
    if (!child) continue;
    const row = rows.get(child.code) as DeploymentRow;
    row.required += t.required;
    row.registeredOfRequired += t.matched;
    total.required += t.required;
    total.registeredOfRequired += t.matched;
  }
  return {
    unit: { code: unit.code, name: unit.name, tier: unit.tier },
    from: period.from,
    to: period.to,
    days: period.days,
    asOf: ctx.clock.now(),
    rows: [...rows.values()].map(finish),
    total: finish(total),
    bySector: breakdown(cells, (c) => c.sector, period.days),
    byType: breakdown(cells, (c) => c.type, period.days),
    places: unit.tier === 'commune' ? await placeLines(ctx, unit.code, period) : null,
  };
}
