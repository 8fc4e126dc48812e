import type { Context } from '../../context.js';

/** Check-ins per commune and local date from the roll-ups (no personal data), for aggregate exports. */
export async function dailyScanCounts(ctx: Context, fromDate: string, toDate: string): Promise<Array<{ date: string; communeCode: string; scans: number }>> {
  const rows = await ctx.db
    .selectFrom('place_daily_scans')
    .select(['date', 'commune_code', (eb) => eb.fn.sum<number>('scans').as('n')])
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .groupBy(['date', 'commune_code'])
    .execute();
  return rows.map((r) => ({ date: r.date, communeCode: r.commune_code, scans: Number(r.n) }));
}
