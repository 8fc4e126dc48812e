import { localDateOf } from '@phongdich/core';
import { sql } from 'kysely';
import type { Context } from '../../context.js';

const WATERMARK = 'visits';

interface Pending {
  placeId: string;
  date: string;
  scans: number;
}

async function watermark(ctx: Context): Promise<{ receivedAt: number; lastId: string }> {
  const row = await ctx.db.selectFrom('rollup_watermarks').selectAll().where('name', '=', WATERMARK).executeTakeFirst();
  return { receivedAt: Number(row?.received_at ?? -1), lastId: row?.last_id ?? '' };
}

/** Visits that reached the server after the watermark, in arrival order (offline scans arrive late). */
function visitsAfter(ctx: Context, mark: { receivedAt: number; lastId: string }, limit: number) {
  return ctx.db
    .selectFrom('visits')
    .select(['id', 'place_id', 'checked_in_at', 'received_at'])
    .where((eb) => eb.or([eb('received_at', '>', mark.receivedAt), eb.and([eb('received_at', '=', mark.receivedAt), eb('id', '>', mark.lastId)])]))
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

async function placeAttributes(ctx: Context, ids: string[]): Promise<Map<string, { commune_code: string; sector: string; type: string }>> {
  const found = new Map<string, { commune_code: string; sector: string; type: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db.selectFrom('places').select(['id', 'commune_code', 'sector', 'type']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) found.set(r.id, r);
  }
  return found;
}

/**
 * Adds the visits that arrived since the last run to the per-place daily counts and totals, and moves
 * the watermark, in one transaction: a crash repeats a batch whole or not at all. Returns how many
 * visits it counted.
 */
export async function rollUpVisits(ctx: Context, batch = 20_000): Promise<number> {
  let counted = 0;
  for (;;) {
    const mark = await watermark(ctx);
    const visits = await visitsAfter(ctx, mark, batch);
    if (visits.length === 0) return counted;
    const daily = new Map<string, Pending>();
    for (const v of visits) {
      const date = localDateOf(Number(v.checked_in_at));
      const key = `${v.place_id}|${date}`;
      const entry = daily.get(key) ?? { placeId: v.place_id, date, scans: 0 };
      entry.scans++;
      daily.set(key, entry);
    }
    const places = await placeAttributes(ctx, [...new Set(visits.map((v) => v.place_id))]);
    const rows = [...daily.values()].flatMap((d) => {
      const place = places.get(d.placeId);
      return place ? [{ place_id: d.placeId, date: d.date, commune_code: place.commune_code, sector: place.sector, type: place.type, scans: d.scans }] : [];
    });
    // One totals row per place: a statement may not update the same row twice.
    const totals = new Map<string, { place_id: string; commune_code: string; sector: string; type: string; first_date: string; last_date: string; total: number }>();
    for (const r of rows) {
      const t = totals.get(r.place_id);
      if (!t) totals.set(r.place_id, { place_id: r.place_id, commune_code: r.commune_code, sector: r.sector, type: r.type, first_date: r.date, last_date: r.date, total: r.scans });
      else {
        if (r.date < t.first_date) t.first_date = r.date;
        if (r.date > t.last_date) t.last_date = r.date;
        t.total += r.scans;
      }
    }
    const totalRows = [...totals.values()];
    const last = visits[visits.length - 1] as (typeof visits)[number];
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('place_daily_scans')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.columns(['place_id', 'date']).doUpdateSet({ scans: sql`place_daily_scans.scans + excluded.scans` }))
          .execute();
      }
      for (let i = 0; i < totalRows.length; i += 500) {
        await trx
          .insertInto('place_scan_totals')
          .values(totalRows.slice(i, i + 500))
          .onConflict((oc) =>
            oc.column('place_id').doUpdateSet({
              first_date: sql`case when excluded.first_date < place_scan_totals.first_date then excluded.first_date else place_scan_totals.first_date end`,
              last_date: sql`case when excluded.last_date > place_scan_totals.last_date then excluded.last_date else place_scan_totals.last_date end`,
              total: sql`place_scan_totals.total + excluded.total`,
            }),
          )
          .execute();
      }
      await trx
        .insertInto('rollup_watermarks')
        .values({ name: WATERMARK, received_at: Number(last.received_at), last_id: last.id })
        .onConflict((oc) => oc.column('name').doUpdateSet({ received_at: Number(last.received_at), last_id: last.id }))
        .execute();
    });
    counted += visits.length;
    if (visits.length < batch) return counted;
  }
}
