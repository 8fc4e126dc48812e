import { sql } from 'kysely';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { assertUnitInScope, scopeOf, unitInScope } from '../../http/scope.js';
import { phonesOf } from '../accounts/index.js';
import { enqueueMessage } from '../messaging/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import { addDays } from './period.js';

export interface LaggingPlace {
  id: string;
  name: string;
  communeName: string;
  type: string;
  ownerCount: number;
  lastScanDate: string | null;
  scansPrev7d: number;
  scansLast7d: number;
  reason: 'never' | 'none_recently' | 'falling';
}

/** Places to remind: never scanned, none in the last 7 days, or scans fallen by half or more. */
export async function laggingPlaces(ctx: Context, actor: Actor, unitCode: string, to: string) {
  const tree = unitTree(ctx);
  const unit = requireUnit(ctx, unitCode, 'unit');
  assertUnitInScope(scopeOf(actor, tree), unit.code, tree);
  const communes = new Set(tree.communesWithin(unit.code).map((c) => c.code));
  const lastWeek = addDays(to, -6);
  const weekBefore = addDays(to, -13);
  // Only the unit's communes are read: a commune official's request must not scan the whole province.
  const within = [...communes];
  if (within.length === 0) return { places: [], units: [] };
  const places = await ctx.db.selectFrom('places').select(['id', 'name', 'type', 'commune_code']).where('status', '=', 'active').where('commune_code', 'in', within).execute();
  const scans = await ctx.db
    .selectFrom('place_daily_scans')
    .select(['place_id', sql<number>`sum(case when date >= ${lastWeek} then scans else 0 end)`.as('last'), sql<number>`sum(case when date < ${lastWeek} then scans else 0 end)`.as('prev')])
    .where('commune_code', 'in', within)
    .where('date', '>=', weekBefore)
    .where('date', '<=', to)
    .groupBy('place_id')
    .execute();
  const weeks = new Map(scans.map((s) => [s.place_id, { last: Number(s.last), prev: Number(s.prev) }]));
  const totals = new Map((await ctx.db.selectFrom('place_scan_totals').select(['place_id', 'last_date']).where('commune_code', 'in', within).execute()).map((t) => [t.place_id, t.last_date]));
  const owners = await ctx.db.selectFrom('place_members').select(['place_id', (eb) => eb.fn.countAll<number>().as('n')]).where('role', '=', 'owner').groupBy('place_id').execute();
  const ownerCount = new Map(owners.map((o) => [o.place_id, Number(o.n)]));
  const childOf = new Map<string, string>();
  for (const child of unit.tier === 'commune' ? [unit] : tree.children(unit.code)) for (const commune of tree.communesWithin(child.code)) childOf.set(commune.code, child.code);
  const lagging: LaggingPlace[] = [];
  const byUnit = new Map<string, { registered: number; active: number }>();
  for (const place of places) {
    const w = weeks.get(place.id) ?? { last: 0, prev: 0 };
    const lastScan = totals.get(place.id) ?? null;
    const child = childOf.get(place.commune_code) ?? unit.code;
    const u = byUnit.get(child) ?? { registered: 0, active: 0 };
    u.registered++;
    if (w.last > 0) u.active++;
    byUnit.set(child, u);
    const reason = lastScan === null ? 'never' : w.last === 0 ? 'none_recently' : w.prev >= 10 && w.last * 2 <= w.prev ? 'falling' : null;
    if (!reason) continue;
    lagging.push({ id: place.id, name: place.name, communeName: tree.get(place.commune_code)?.name ?? place.commune_code, type: place.type, ownerCount: ownerCount.get(place.id) ?? 0, lastScanDate: lastScan, scansPrev7d: w.prev, scansLast7d: w.last, reason });
  }
  const units = [...byUnit.entries()].map(([code, u]) => ({ code, name: tree.get(code)?.name ?? code, registered: u.registered, active7d: u.active, activeShare: u.registered ? Math.round((u.active / u.registered) * 1000) / 1000 : 0 })).sort((a, b) => a.activeShare - b.activeShare);
  const order = { never: 0, none_recently: 1, falling: 2 };
  return { places: lagging.sort((a, b) => order[a.reason] - order[b.reason] || a.name.localeCompare(b.name, 'vi')).slice(0, 2000), units };
}

/** One click: an SMS to the owners of each chosen place in the official's area, at most one per place a day. */
export async function sendReminders(ctx: Context, actor: Actor, placeIds: readonly string[]): Promise<{ queued: number }> {
  const scope = scopeOf(actor, unitTree(ctx));
  const places = await ctx.db.selectFrom('places').select(['id', 'name', 'commune_code']).where('id', 'in', [...new Set(placeIds)]).execute();
  if (places.length === 0) throw new AppError('place_not_found', { field: 'placeIds' });
  for (const place of places) if (!unitInScope(scope, place.commune_code, unitTree(ctx))) throw new AppError('out_of_scope', { field: 'placeIds' });
  const owners = await ctx.db.selectFrom('place_members').select(['place_id', 'user_id']).where('place_id', 'in', places.map((p) => p.id)).where('role', '=', 'owner').execute();
  const phones = await phonesOf(ctx, [...new Set(owners.map((o) => o.user_id))]);
  const today = new Date(ctx.clock.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  let queued = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const owner of owners) {
      const phone = phones.get(owner.user_id);
      const place = places.find((p) => p.id === owner.place_id);
      if (!phone || !place) continue;
      // Counts only messages really queued: a place reminded earlier today, or an owner who opted out, gets none.
      if (await enqueueMessage(ctx, { channel: 'sms', recipient: phone, template: 'place_reminder', language: 'vi', vars: { place: place.name, url: ctx.config.baseUrl }, dedupeKey: `reminder:${place.id}:${owner.user_id}:${today}` }, trx)) queued++;
    }
  });
  return { queued };
}
