import { newId, type Context } from '../context.js';
import { deliverDueMessages, purgeOldMessages, remindMonitoredPeople, runDueCampaigns } from '../modules/messaging/index.js';
import { purgeExpiredSessions } from '../modules/accounts/index.js';
import { tryLease } from './lease.js';
import { optimizeDatabase } from '../db/database.js';
import { closeOverdueVisits, purgeOldVisits } from '../modules/presence/index.js';
import { repeatWarnings, retraceActiveCases } from '../modules/cases/index.js';
import { computeRiskLevelsIfDue } from '../modules/map/index.js';
import { rollUpVisits } from '../modules/reports/index.js';
import { exportIfDue, purgeExposure } from '../modules/exposure/index.js';
import { runWebhooks } from '../modules/integration/index.js';
import { purgeOldDeclarations } from '../modules/declarations/index.js';
import { purgeClosedCases } from '../modules/cases/index.js';
import { purgeOldReads } from '../modules/audit/index.js';

export interface Job {
  name: string;
  everyMs: number;
  /** Also run once right after start-up, when waiting a whole interval would leave users without data. */
  atStart?: boolean;
  run(ctx: Context): Promise<unknown>;
}

export const JOBS: Job[] = [
  { name: 'outbox.deliver', everyMs: 2_000, run: (ctx) => deliverDueMessages(ctx) },
  { name: 'campaigns.run', everyMs: 30_000, run: (ctx) => runDueCampaigns(ctx) },
  { name: 'monitoring.daily_reminder', everyMs: 15 * 60_000, run: (ctx) => remindMonitoredPeople(ctx) },
  { name: 'outbox.retention', everyMs: 3_600_000, run: (ctx) => purgeOldMessages(ctx) },
  { name: 'sessions.purge', everyMs: 3_600_000, run: (ctx) => purgeExpiredSessions(ctx) },
  { name: 'visits.auto_checkout', everyMs: 5 * 60_000, run: (ctx) => closeOverdueVisits(ctx) },
  { name: 'visits.retention', everyMs: 3_600_000, run: (ctx) => purgeOldVisits(ctx) },
  { name: 'cases.retrace', everyMs: 10 * 60_000, run: (ctx) => retraceActiveCases(ctx) },
  { name: 'contacts.rewarn', everyMs: 15 * 60_000, run: (ctx) => repeatWarnings(ctx) },
  { name: 'reports.rollup', everyMs: 60_000, run: (ctx) => rollUpVisits(ctx) },
  // A new installation's public map has communes coloured from the first minute, not after half an hour.
  { name: 'map.risk_levels', everyMs: 30 * 60_000, atStart: true, run: (ctx) => computeRiskLevelsIfDue(ctx) },
  { name: 'exposure.export', everyMs: 5 * 60_000, run: (ctx) => exportIfDue(ctx) },
  { name: 'exposure.retention', everyMs: 3_600_000, run: (ctx) => purgeExposure(ctx) },
  { name: 'integration.webhooks', everyMs: 5_000, run: (ctx) => runWebhooks(ctx) },
  // Retention (PRODUCT.md §11): what the data inventory promises is deleted, hourly.
  { name: 'declarations.retention', everyMs: 3_600_000, run: (ctx) => purgeOldDeclarations(ctx) },
  { name: 'cases.retention', everyMs: 3_600_000, run: (ctx) => purgeClosedCases(ctx) },
  { name: 'audit.retention', everyMs: 6 * 3_600_000, run: (ctx) => purgeOldReads(ctx) },
  { name: 'database.optimize', everyMs: 6 * 3_600_000, run: (ctx) => optimizeDatabase(ctx.db, ctx.dialect) },
];

export interface JobRunner {
  stop(): Promise<void>;
}

/** Runs every job on its interval, each under a lease so one process in a cluster runs it. */
export function startJobs(ctx: Context, jobs: Job[] = JOBS): JobRunner {
  const holder = newId(ctx);
  const running = new Set<Promise<unknown>>();
  const tick = (job: Job) => {
    const run = (async () => {
      if (!(await tryLease(ctx, job.name, holder, job.everyMs * 3))) return;
      await job.run(ctx);
    })().catch((error: unknown) => ctx.logger.error({ err: error, job: job.name }, 'job failed'));
    running.add(run);
    void run.finally(() => running.delete(run));
  };
  const timers = jobs.map((job) => setInterval(() => tick(job), job.everyMs));
  // Off the start-up path, so the server answers at once.
  const first = setTimeout(() => jobs.filter((job) => job.atStart).forEach(tick), 1_000);
  return {
    async stop() {
      clearTimeout(first);
      timers.forEach(clearInterval);
      await Promise.allSettled([...running]);
    },
  };
}
