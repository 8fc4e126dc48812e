import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { assertUnitInScope, scopeOf } from '../../http/scope.js';
import { labelsOf } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import { deploymentReport, type DeploymentReport } from './deployment.js';
import { addDays, periodOf } from './period.js';

type SubmissionRow = NonNullable<Awaited<ReturnType<typeof latestOf>>>;
type ChildStatus = 'submitted' | 'late' | 'missing';

function latestOf(ctx: Context, unitCode: string, from: string, to: string) {
  return ctx.db.selectFrom('report_submissions').selectAll().where('unit_code', '=', unitCode).where('period_from', '=', from).where('period_to', '=', to).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Reports of a period are due this many days after it ends (the last day included). */
export const DUE_AFTER_DAYS = 2;

function dueDate(to: string): string {
  return addDays(to, DUE_AFTER_DAYS);
}

function isLate(row: Pick<SubmissionRow, 'submitted_at' | 'period_to'>): boolean {
  return new Date(Number(row.submitted_at) + 7 * 3_600_000).toISOString().slice(0, 10) > dueDate(row.period_to);
}

async function view(ctx: Context, row: SubmissionRow, withSnapshot: boolean) {
  const by = (await labelsOf(ctx, [row.submitted_by])).get(row.submitted_by);
  return {
    id: row.id,
    unitCode: row.unit_code,
    unitName: unitTree(ctx).get(row.unit_code)?.name ?? row.unit_code,
    from: row.period_from,
    to: row.period_to,
    version: row.version,
    submittedAt: Number(row.submitted_at),
    submittedByName: by?.displayName ?? '',
    reason: row.reason,
    late: isLate(row),
    ...(withSnapshot ? { snapshot: JSON.parse(row.snapshot) as DeploymentReport & { children?: unknown } } : {}),
  };
}

async function childrenStatus(ctx: Context, unitCode: string, from: string, to: string) {
  const unit = requireUnit(ctx, unitCode);
  const children = unit.tier === 'commune' ? [] : unitTree(ctx).children(unit.code);
  const submitted = await ctx.db.selectFrom('report_submissions').selectAll().where('period_from', '=', from).where('period_to', '=', to).where('unit_code', 'in', children.length ? children.map((c) => c.code) : ['-']).orderBy('version').execute();
  const latest = new Map<string, SubmissionRow>();
  for (const row of submitted) latest.set(row.unit_code, row);
  return Promise.all(
    children.map(async (child) => {
      const row = latest.get(child.code);
      const status: ChildStatus = !row ? 'missing' : isLate(row) ? 'late' : 'submitted';
      return { code: child.code, name: child.name, status, submission: row ? await view(ctx, row, false) : null };
    }),
  );
}

/**
 * A unit's deployment report frozen as submitted by one of its own officials. A district or the
 * province adds where each of its units stands (submitted, late, missing) — its consolidation. A
 * second submission of the same period needs a reason and becomes the next version.
 */
export async function submitReport(ctx: Context, actor: Actor, input: { unit: string; from: string; to: string; reason?: string | undefined }) {
  periodOf(input.from, input.to);
  const unit = requireUnit(ctx, input.unit, 'unit');
  if (actor.role !== 'admin' && actor.unitCode !== unit.code) throw new AppError('not_your_unit', { field: 'unit' });
  const previous = await latestOf(ctx, unit.code, input.from, input.to);
  if (previous && !input.reason) throw new AppError('submission_exists', { field: 'reason' });
  const report = await deploymentReport(ctx, actor, unit.code, input.from, input.to);
  const children = unit.tier === 'commune' ? undefined : (await childrenStatus(ctx, unit.code, input.from, input.to)).map((c) => ({ code: c.code, name: c.name, status: c.status, submissionId: c.submission?.id ?? null }));
  const row: SubmissionRow = {
    id: newId(ctx),
    unit_code: unit.code,
    period_from: input.from,
    period_to: input.to,
    version: (previous?.version ?? 0) + 1,
    snapshot: JSON.stringify({ ...report, ...(children ? { children } : {}) }),
    reason: input.reason ?? null,
    submitted_by: actor.userId,
    submitted_at: ctx.clock.now(),
  };
  await ctx.db.insertInto('report_submissions').values(row).execute();
  await recordAudit(ctx, actor, { action: 'report.submit', subjectType: 'report', subjectId: row.id, unitCode: unit.code, detail: { from: input.from, to: input.to, version: row.version } });
  return view(ctx, row, true);
}

/** Where a unit stands for a period: its own submission and each of its units'. */
export async function submissionStatus(ctx: Context, actor: Actor, unitCode: string, from: string, to: string) {
  periodOf(from, to);
  const unit = requireUnit(ctx, unitCode, 'unit');
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), unit.code, unitTree(ctx));
  const own = await latestOf(ctx, unit.code, from, to);
  const children = await childrenStatus(ctx, unit.code, from, to);
  return {
    own: own ? await view(ctx, own, false) : null,
    children,
    completeness: { submitted: children.filter((c) => c.status !== 'missing').length, total: children.length },
    due: dueDate(to),
  };
}

export async function readSubmission(ctx: Context, actor: Actor, id: string) {
  const row = await ctx.db.selectFrom('report_submissions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), row.unit_code, unitTree(ctx));
  return view(ctx, row, true);
}
