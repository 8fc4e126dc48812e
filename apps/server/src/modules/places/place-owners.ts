import { sql } from 'kysely';
import type { Context } from '../../context.js';
import { unitTree } from '../units/index.js';

/** Accounts owning an active place in the unit (or below it), optionally of one managing sector. */
export async function placeOwnersIn(ctx: Context, unitCode: string, sector: string | null): Promise<string[]> {
  const unit = unitTree(ctx).get(unitCode);
  if (!unit) return [];
  const column = unit.tier === 'province' ? 'p.province_code' : unit.tier === 'district' ? 'p.district_code' : 'p.commune_code';
  let query = ctx.db
    .selectFrom('place_members as m')
    .innerJoin('places as p', 'p.id', 'm.place_id')
    .select('m.user_id')
    .distinct()
    .where('m.role', '=', 'owner')
    .where('p.status', '=', 'active')
    .where(sql.ref(column), '=', unit.code);
  if (sector) query = query.where('p.sector', '=', sector);
  return (await query.execute()).map((r) => r.user_id);
}
