import type { Unit } from '@phongdich/core';
import { sql } from 'kysely';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { assertUnitInScope, scopeOf } from '../../http/scope.js';
import { contactsNotReachedByCommune, indicators } from '../cases/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import { addDays, periodOf } from './period.js';

// Read model over declarations, personal QR codes, cases, contacts and commune statistics.

/** The unit and its children, each with the communes that roll up into it. */
function unitAndChildren(ctx: Context, actor: Actor, code: string) {
  const tree = unitTree(ctx);
  const unit = requireUnit(ctx, code, 'unit');
  assertUnitInScope(scopeOf(actor, tree), unit.code, tree);
  const children = unit.tier === 'commune' ? [unit] : [...tree.children(unit.code)];
  const childOf = new Map<string, Unit>();
  for (const child of children) for (const commune of tree.communesWithin(child.code)) childOf.set(commune.code, child);
  return { unit, children, childOf };
}

function per1000(n: number, population: number | null): number | null {
  return population ? Math.round((n / population) * 1000 * 10) / 10 : null;
}

/** Citizens who declared, declarations and personal QR codes per unit, and per 1,000 inhabitants where population is known. */
export async function adoptionReport(ctx: Context, actor: Actor, code: string, from: string, to: string) {
  const period = periodOf(from, to);
  const { unit, children, childOf } = unitAndChildren(ctx, actor, code);
  const declarations = await ctx.db
    .selectFrom('declarations')
    .select(['commune_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('submitted_at', '>=', period.fromMs)
    .where('submitted_at', '<', period.untilMs)
    .groupBy('commune_code')
    .execute();
  // A citizen belongs to the commune of the address of their latest declaration.
  const citizens = await sql<{ commune_code: string; citizens: number; qr: number }>`
    select d.commune_code, count(*) as citizens, count(q.user_id) as qr
    from (select subject_id, max(submitted_at) as at from declarations where submitted_at < ${period.untilMs} group by subject_id) latest
    join declarations d on d.subject_id = latest.subject_id and d.submitted_at = latest.at
    left join personal_qr q on q.user_id = d.subject_id
    group by d.commune_code`.execute(ctx.db);
  const population = new Map((await ctx.db.selectFrom('unit_statistics').select(['commune_code', 'population']).execute()).map((p) => [p.commune_code, p.population]));
  type Row = { code: string; name: string; population: number | null; citizens: number; declarations: number; personalQr: number };
  const rows = new Map<string, Row>(children.map((c) => [c.code, { code: c.code, name: c.name, population: null, citizens: 0, declarations: 0, personalQr: 0 }]));
  const total: Row = { code: unit.code, name: unit.name, population: null, citizens: 0, declarations: 0, personalQr: 0 };
  const add = (commune: string | null, change: (row: Row) => void) => {
    const child = commune ? childOf.get(commune) : undefined;
    if (!child) return;
    change(rows.get(child.code) as Row);
    change(total);
  };
  for (const d of declarations) add(d.commune_code, (row) => (row.declarations += Number(d.n)));
  for (const c of citizens.rows) {
    add(c.commune_code, (row) => {
      row.citizens += Number(c.citizens);
      row.personalQr += Number(c.qr);
    });
  }
  for (const [commune, people] of population) add(commune, (row) => (row.population = (row.population ?? 0) + people));
  const view = (row: Row) => ({ ...row, citizensPer1000: per1000(row.citizens, row.population), declarationsPer1000: per1000(row.declarations, row.population), personalQrPer1000: per1000(row.personalQr, row.population) });
  return { rows: [...rows.values()].map(view), total: view(total) };
}

/** The epidemic curve by onset and by report date, cases and contacts per unit, and the tracing indicators. */
export async function epidemicReport(ctx: Context, actor: Actor, code: string, from: string, to: string) {
  const period = periodOf(from, to);
  const { unit, children, childOf } = unitAndChildren(ctx, actor, code);
  const cases = (await ctx.db.selectFrom('cases').select(['commune_code', 'onset_date', 'created_at', 'outcome']).where('created_at', '<', period.untilMs).execute()).filter((c) => childOf.has(c.commune_code));
  const curve = new Map<string, { date: string; byOnset: number; byReport: number }>();
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) curve.set(day, { date: day, byOnset: 0, byReport: 0 });
  const reportDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
  const rows = new Map(children.map((c) => [c.code, { code: c.code, name: c.name, cases: 0, activeCases: 0, contacts: 0, contactsNotReached: 0 }]));
  for (const c of cases) {
    const onset = c.onset_date ? curve.get(c.onset_date) : undefined;
    if (onset) onset.byOnset++;
    const reported = curve.get(reportDate(Number(c.created_at)));
    if (reported) reported.byReport++;
    const row = rows.get((childOf.get(c.commune_code) as Unit).code);
    if (!row) continue;
    if (Number(c.created_at) >= period.fromMs) row.cases++;
    if (c.outcome === 'active') row.activeCases++;
  }
  const contacts = await ctx.db
    .selectFrom('contacts')
    .select(['commune_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', period.fromMs)
    .where('created_at', '<', period.untilMs)
    .groupBy('commune_code')
    .execute();
  for (const c of contacts) {
    const child = c.commune_code ? childOf.get(c.commune_code) : undefined;
    const row = child ? rows.get(child.code) : undefined;
    if (row) row.contacts += Number(c.n);
  }
  for (const [commune, n] of await contactsNotReachedByCommune(ctx)) {
    const child = childOf.get(commune);
    const row = child ? rows.get(child.code) : undefined;
    if (row) row.contactsNotReached += n;
  }
  // The indicators of the unit shown, not of the official's whole area: the unit is within the
  // official's scope (checked above), so narrowing the actor to it only ever shows less.
  const summary = await indicators(ctx, { ...actor, role: actor.role === 'admin' ? 'health_official' : actor.role, unitCode: unit.code });
  return { curve: [...curve.values()], rows: [...rows.values()], indicators: summary };
}

/** Day by day for the dashboard: scans, places with scans, and new cases. */
export async function trend(ctx: Context, actor: Actor, code: string, days: number, today: string) {
  const { childOf } = unitAndChildren(ctx, actor, code);
  const from = addDays(today, -(days - 1));
  const communes = [...childOf.keys()];
  const scans = await ctx.db
    .selectFrom('place_daily_scans')
    .select(['date', 'commune_code', (eb) => eb.fn.sum<number>('scans').as('scans'), (eb) => eb.fn.countAll<number>().as('places')])
    .where('date', '>=', from)
    .where('date', '<=', today)
    .groupBy(['date', 'commune_code'])
    .execute();
  const period = periodOf(from, today);
  const cases = await ctx.db.selectFrom('cases').select(['commune_code', 'created_at']).where('created_at', '>=', period.fromMs).where('created_at', '<', period.untilMs).execute();
  const series = new Map<string, { date: string; scans: number; activePlaces: number; newCases: number }>();
  for (let day = from; day <= today; day = addDays(day, 1)) series.set(day, { date: day, scans: 0, activePlaces: 0, newCases: 0 });
  const inUnit = new Set(communes);
  for (const s of scans) {
    const point = series.get(s.date);
    if (!point || !inUnit.has(s.commune_code)) continue;
    point.scans += Number(s.scans);
    point.activePlaces += Number(s.places);
  }
  for (const c of cases) {
    const point = series.get(new Date(Number(c.created_at) + 7 * 3_600_000).toISOString().slice(0, 10));
    if (point && inUnit.has(c.commune_code)) point.newCases++;
  }
  return { series: [...series.values()] };
}
