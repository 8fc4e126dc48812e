import { sql } from 'kysely';
import type { Context } from '../../context.js';
import { unitTree } from '../units/index.js';
import { localToday } from './declarations.service.js';
import { subjectsWithUpdateSince } from './declarations.repository.js';

/**
 * People whose latest current declaration gives an address in the unit (or below it): the citizens a
 * commune's campaign reaches. Family members are included as subjects; only those with a phone can be messaged.
 */
export async function citizensDeclaredIn(ctx: Context, unitCode: string): Promise<string[]> {
  const unit = unitTree(ctx).get(unitCode);
  if (!unit) return [];
  const column = unit.tier === 'province' ? 'd.province_code' : unit.tier === 'district' ? 'd.district_code' : 'd.commune_code';
  const rows = await ctx.db
    .selectFrom('declarations as d')
    .select('d.subject_id')
    .distinct()
    .where('d.status', '=', 'current')
    .where(sql.ref(column), '=', unit.code)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('declarations as later')
            .select('later.id')
            .whereRef('later.subject_id', '=', 'd.subject_id')
            .where('later.status', '=', 'current')
            .whereRef('later.submitted_at', '>', 'd.submitted_at'),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.subject_id);
}

/** People under monitoring today who have not sent today's daily health update, with the end of their monitoring. */
export async function monitoredWithoutUpdateToday(ctx: Context): Promise<Array<{ subjectId: string; endDate: string }>> {
  const today = localToday(ctx);
  const rows = await ctx.db
    .selectFrom('monitoring')
    .select(['subject_id', 'end_date'])
    .where('ended_at', 'is', null)
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .execute();
  const until = new Map<string, string>();
  for (const row of rows) if ((until.get(row.subject_id) ?? '') < row.end_date) until.set(row.subject_id, row.end_date);
  const dayStart = Date.parse(`${today}T00:00:00Z`) - 7 * 3_600_000;
  const subjects = [...until.keys()];
  const updated = new Set<string>();
  for (let i = 0; i < subjects.length; i += 500) for (const s of await subjectsWithUpdateSince(ctx.db, subjects.slice(i, i + 500), dayStart)) updated.add(s);
  return subjects.filter((s) => !updated.has(s)).map((subjectId) => ({ subjectId, endDate: until.get(subjectId) as string }));
}
