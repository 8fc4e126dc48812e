import { MAX_CAMPAIGN_RUNS, campaignRunTimes, deferPastQuietHours, unknownVariables, type QuietHours, type Recurrence, type RunFigures } from '@phongdich/core';

export type CampaignProblem = { code: 'template_variable_unknown'; field: string } | { code: 'recurrence_end_required' | 'recurrence_too_long' | 'campaign_start_past'; field: string };

/** What is wrong with a campaign's message and schedule, before anyone is messaged (null when nothing). */
export function campaignProblem(input: { template: { vi: string; en: string }; startAt: number | null; recurrence: Recurrence | null }, now: number): CampaignProblem | null {
  for (const lang of ['vi', 'en'] as const) if (unknownVariables(input.template[lang]).length) return { code: 'template_variable_unknown', field: `template.${lang}` };
  if (input.startAt !== null && input.startAt < now - 5 * 60_000) return { code: 'campaign_start_past', field: 'startAt' };
  const r = input.recurrence;
  if (r && (r.count === null || r.count === undefined) && !r.until) return { code: 'recurrence_end_required', field: 'recurrence' };
  if (r && campaignRunTimes(input.startAt ?? now, r).length > MAX_CAMPAIGN_RUNS) return { code: 'recurrence_too_long', field: 'recurrence' };
  return null;
}

/** The run times of a campaign, and whether quiet hours move any of them. */
export function plannedRuns(startAt: number, recurrence: Recurrence | null, quiet: QuietHours | null): { times: number[]; deferred: boolean } {
  const times = campaignRunTimes(startAt, recurrence);
  return { times, deferred: times.some((t) => deferPastQuietHours(t, quiet) !== t) };
}

/** A run's figures from its counts and its messages per status. */
export function runFigures(run: { recipients: number; skipped_opt_out: number; skipped_no_address: number }, statuses: Record<string, number>): RunFigures {
  return {
    recipients: run.recipients,
    skippedOptOut: run.skipped_opt_out,
    skippedNoAddress: run.skipped_no_address,
    queued: statuses.queued ?? 0,
    sent: statuses.sent ?? 0,
    delivered: statuses.delivered ?? 0,
    failed: statuses.failed ?? 0,
  };
}

export function addFigures(a: RunFigures, b: RunFigures): RunFigures {
  return {
    recipients: a.recipients + b.recipients,
    skippedOptOut: a.skippedOptOut + b.skippedOptOut,
    skippedNoAddress: a.skippedNoAddress + b.skippedNoAddress,
    queued: a.queued + b.queued,
    sent: a.sent + b.sent,
    delivered: a.delivered + b.delivered,
    failed: a.failed + b.failed,
  };
}

export const NO_FIGURES: RunFigures = { recipients: 0, skippedOptOut: 0, skippedNoAddress: 0, queued: 0, sent: 0, delivered: 0, failed: 0 };

/** "dd/mm/yyyy" of a time in Vietnam, as messages write dates. */
export function localDateText(at: number): string {
  const [y, m, d] = new Date(at + 7 * 3_600_000).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
