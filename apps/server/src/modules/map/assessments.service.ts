import { criteriaSetFor, riskPercentOf, safetyLevelOf, type assessmentInputSchema, type assessmentOverrideSchema, type assessmentSchema, type PlaceType, type SafetyLevel } from '@phongdich/core';
import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import { perContext, TtlCache } from '../../cache.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';
import { placeBasics, relationToPlace } from '../places/index.js';

type Assessment = z.infer<typeof assessmentSchema>;
type AssessmentRow = NonNullable<Awaited<ReturnType<typeof latestRow>>>;

function latestRow(ctx: Context, placeId: string) {
  return ctx.db.selectFrom('place_assessments').selectAll().where('place_id', '=', placeId).orderBy('assessed_at', 'desc').limit(1).executeTakeFirst();
}

function toAssessment(row: AssessmentRow): Assessment {
  return {
    id: row.id,
    placeId: row.place_id,
    criteriaSet: row.criteria_set,
    riskPercent: row.risk_percent,
    level: row.level as SafetyLevel,
    overriddenLevel: row.overridden_level as SafetyLevel | null,
    overrideReason: row.override_reason,
    answers: JSON.parse(row.answers) as Record<string, boolean>,
    assessedAt: row.assessed_at,
  };
}

/** The place and what the actor is to it; anyone unrelated is told the place does not exist. */
async function placeFor(ctx: Context, actor: Actor, placeId: string) {
  const place = (await placeBasics(ctx, [placeId])).get(placeId);
  const relation = place ? await relationToPlace(ctx, actor, placeId) : null;
  if (!place || relation === null) throw new AppError('place_not_found');
  return { place, relation };
}

export async function assessmentOf(ctx: Context, actor: Actor, placeId: string) {
  const { place } = await placeFor(ctx, actor, placeId);
  const rows = await ctx.db.selectFrom('place_assessments').selectAll().where('place_id', '=', placeId).orderBy('assessed_at', 'desc').limit(50).execute();
  const history = rows.map(toAssessment);
  return { criteriaSet: criteriaSetFor(place.type), latest: history[0] ?? null, history };
}

/** The owner (or staff) answers the checklist of the place's type; each answer set is kept. */
export async function submitAssessment(ctx: Context, actor: Actor, placeId: string, input: z.infer<typeof assessmentInputSchema>): Promise<Assessment> {
  const { place, relation } = await placeFor(ctx, actor, placeId);
  if (relation !== 'owner' && relation !== 'staff' && relation !== 'admin') throw new AppError('forbidden');
  const set = criteriaSetFor(place.type as PlaceType);
  const expected = set.criteria.map((c) => c.id).sort();
  const given = Object.keys(input.answers).sort();
  if (input.criteriaSet !== set.id || expected.length !== given.length || expected.some((id, i) => id !== given[i])) throw new AppError('criteria_mismatch', { field: 'answers' });
  const riskPercent = riskPercentOf(set, input.answers);
  const row: AssessmentRow = {
    id: newId(ctx),
    place_id: placeId,
    criteria_set: set.id,
    answers: JSON.stringify(input.answers),
    risk_percent: riskPercent,
    level: safetyLevelOf(riskPercent),
    overridden_level: null,
    override_reason: null,
    overridden_by: null,
    assessed_by: actor.userId,
    assessed_at: ctx.clock.now(),
  };
  await ctx.db.insertInto('place_assessments').values(row).execute();
  safetyCache(ctx).clear();
  await recordAudit(ctx, actor, { action: 'assessment.submit', subjectType: 'place', subjectId: placeId, unitCode: place.communeCode, detail: { riskPercent } });
  return toAssessment(row);
}

/** An official who inspected the place sets its level, with the reason; the owner's answers stay. */
export async function overrideAssessment(ctx: Context, actor: Actor, placeId: string, input: z.infer<typeof assessmentOverrideSchema>): Promise<Assessment> {
  const { place, relation } = await placeFor(ctx, actor, placeId);
  if (relation !== 'official' && relation !== 'admin') throw new AppError('forbidden');
  const latest = await latestRow(ctx, placeId);
  if (!latest) throw new AppError('not_found');
  await ctx.db.updateTable('place_assessments').set({ overridden_level: input.level, override_reason: input.reason, overridden_by: actor.userId }).where('id', '=', latest.id).execute();
  safetyCache(ctx).clear();
  await recordAudit(ctx, actor, { action: 'assessment.override', subjectType: 'place', subjectId: placeId, unitCode: place.communeCode, detail: input });
  return toAssessment((await latestRow(ctx, placeId)) as AssessmentRow);
}

const safetyCache = perContext((ctx: Context) => new TtlCache<'all', Map<string, SafetyLevel>>(60_000, 1, () => ctx.clock.now()));

/** The level each assessed place shows on the map: its latest assessment, as overridden by an official. */
export async function safetyLevels(ctx: Context): Promise<Map<string, SafetyLevel>> {
  const cached = safetyCache(ctx).get('all');
  if (cached) return cached;
  const rows = await ctx.db.selectFrom('place_assessments').select(['place_id', 'level', 'overridden_level', 'assessed_at']).orderBy('assessed_at').execute();
  const levels = new Map<string, SafetyLevel>();
  for (const row of rows) levels.set(row.place_id, (row.overridden_level ?? row.level) as SafetyLevel);
  safetyCache(ctx).set('all', levels);
  return levels;
}
