import { SYSTEM_ACTOR } from '../../actor.js';
import type { Context } from '../../context.js';
import { activeCasesTracedBefore } from './cases.repository.js';
import { traceCase } from './tracing.service.js';

const DAY_MS = 86_400_000;
const RETRACE_AFTER_MS = 10 * 60_000;

/**
 * Keeps chains up to date: scans sent late from offline phones, new declarations and new cases' visits
 * arrive after a case was traced, so active recent cases are traced again, oldest trace first.
 */
export async function retraceActiveCases(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const due = await activeCasesTracedBefore(ctx.db, now - 28 * DAY_MS, now - RETRACE_AFTER_MS, 20);
  for (const row of due) await traceCase(ctx, SYSTEM_ACTOR, row);
  return due.length;
}
