import type { Context } from '../../context.js';

/**
 * New community cases per commune registered in [from, until): confirmed or probable cases that were
 * not already known contacts (a contact found before testing positive was in quarantine, not in the
 * community) — the figure Resolution 128 counts.
 */
export async function newCommunityCases(ctx: Context, from: number, until: number): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['commune_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', from)
    .where('created_at', '<', until)
    .where('classification', 'in', ['confirmed', 'probable'])
    .where('from_contact_id', 'is', null)
    .groupBy('commune_code')
    .execute();
  return new Map(rows.map((r) => [r.commune_code, Number(r.n)]));
}
