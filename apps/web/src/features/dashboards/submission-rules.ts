import type { Language, UnitTier } from '@phongdich/core';
import type { ChildStatus, Submission, SubmissionChild } from './reports-api.js';
import { sortRows } from './table-sort.js';

// How submission statuses are shown: missing first and red, late amber, submitted green — always with
// a word, never colour alone. The rules of lateness are the server's; this only presents them.

export type Tone = 'success' | 'warning' | 'danger' | 'neutral';

export const CHILD_STATUS_TONE: Record<ChildStatus, Tone> = { submitted: 'success', late: 'warning', missing: 'danger' };

const STATUS_RANK: Record<ChildStatus, number> = { missing: 0, late: 1, submitted: 2 };

/** Children in the order a district official works through them: missing, late, submitted; then by name. */
export function childrenByUrgency(children: readonly SubmissionChild[], lang: Language): SubmissionChild[] {
  return sortRows(sortRows(children, (c) => c.name, 'asc', lang), (c) => STATUS_RANK[c.status], 'asc', lang);
}

export type OwnState =
  | { kind: 'missing'; overdue: boolean }
  | { kind: 'submitted'; late: boolean; version: number };

/** The unit's own report for the period: not sent (and whether it is already overdue), or sent. */
export function ownState(own: Submission | null, due: string, today: string): OwnState {
  if (!own) return { kind: 'missing', overdue: today > due };
  return { kind: 'submitted', late: own.late, version: own.version };
}

export function ownTone(state: OwnState): Tone {
  if (state.kind === 'missing') return state.overdue ? 'danger' : 'neutral';
  return state.late ? 'warning' : 'success';
}

export type SubmitKind = 'submit' | 'resubmit' | 'consolidate' | 'reconsolidate';

/**
 * The action a unit takes: a commune sends its own report; a district or province consolidates its
 * children's. A second submission of the same period is a new version and needs a reason.
 */
export function submitKind(tier: UnitTier, alreadySubmitted: boolean): SubmitKind {
  if (tier === 'commune') return alreadySubmitted ? 'resubmit' : 'submit';
  return alreadySubmitted ? 'reconsolidate' : 'consolidate';
}

export function needsReason(kind: SubmitKind): boolean {
  return kind === 'resubmit' || kind === 'reconsolidate';
}

/** Share of children submitted (late counts as submitted), or null when the unit has none. */
export function completenessShare({ submitted, total }: { submitted: number; total: number }): number | null {
  return total > 0 ? submitted / total : null;
}

export function completenessTone({ submitted, total }: { submitted: number; total: number }): Tone {
  if (total === 0) return 'neutral';
  if (submitted >= total) return 'success';
  return submitted === 0 ? 'danger' : 'warning';
}
