import type { Context } from '../../context.js';
import { unitTree } from '../units/index.js';

/** Active officials and health officials bound to the unit or a unit inside it. */
export async function officialsWithin(ctx: Context, unitCode: string): Promise<string[]> {
  const tree = unitTree(ctx);
  const rows = await ctx.db.selectFrom('users').select(['id', 'unit_code']).where('role', 'in', ['official', 'health_official']).where('status', '=', 'active').execute();
  return rows.filter((r) => r.unit_code && tree.contains(unitCode, r.unit_code)).map((r) => r.id);
}
