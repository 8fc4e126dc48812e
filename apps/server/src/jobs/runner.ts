import { ConfigError } from '../config/config.js';
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

/**
 * The jobs this process runs (JOBS): all, none, or those named, so an operator can keep jobs off the
 * processes that answer users, or split them over several. Leases still let one process at a time run
 * each. A name that is not a job stops the start, as any configuration error does.
 */
export function jobsToRun(chosen: 'all' | readonly string[], jobs: readonly Job[] = JOBS): Job[] {
  if (chosen === 'all') return [...jobs];
  const unknown = chosen.filter((name) => !jobs.some((job) => job.name === name));
  if (unknown.length > 0) {
    throw new ConfigError([`JOBS: ${unknown.map((n) => `"${n}"`).join(', ')} is not a background job; write all, none, or names separated by commas among ${jobs.map((j) => j.name).join(', ')}`]);
  }
  return jobs.filter((job) => chosen.includes(job.name));
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** A job's interval: JOB_INTERVAL_PERCENT shortens every interval alike (tests only). */
export function intervalOf(job: Pick<Job, 'everyMs'>, percent: number): number {
  return Math.max(1, Math.round((job.everyMs * percent) / 100));
}

/**
 * A lease lasts three intervals, and never less than this: a process busy for a moment (a long
 * garbage collection, a queue of database work) must not lose its job to another one while it still
 * runs it. Every default interval is long enough that this changes nothing; it matters with short
 * test intervals.
 */
const MIN_LEASE_MS = 5_000;

export function leaseOf(job: Pick<Job, 'everyMs'>, percent: number): number {
  return Math.max(MIN_LEASE_MS, intervalOf(job, percent) * 3);
}

/**
 * Runs every job on its interval, each under a lease so one process in a cluster runs it. A run that
 * outlasts its interval is not started again beside itself: the ticks meanwhile only renew its lease.
 */
export function startJobs(ctx: Context, jobs: Job[] = JOBS): JobRunner {
  const holder = newId(ctx);
  const running = new Set<Promise<unknown>>();
  const busy = new Set<string>();
  let runs = 0;
  const tick = (job: Job) => {
    const ttlMs = leaseOf(job, ctx.config.jobIntervalPercent);
    const run = (async () => {
      // Read before the lease is taken, so the lease ends no earlier than leaseUntil says.
      const leaseUntil = ctx.clock.now() + ttlMs;
      const leased = await tryLease(ctx, job.name, holder, ttlMs);
      if (busy.has(job.name)) {
        // Only possible if this process could not renew for a whole lease: another may be running it too.
        if (!leased) ctx.logger.warn({ job: job.name, holder }, 'job lease lost while the job was running');
        return;
      }
      if (!leased) return;
      busy.add(job.name);
      const line = { job: job.name, holder, run: ++runs };
      const startedAt = ctx.clock.now();
      // Debug lines (silent at the default level): the scale-out test reads them to check that no two
      // processes ever run a job at the same time.
      ctx.logger.debug({ ...line, leaseUntil }, 'job started');
      try {
        await job.run(ctx);
      } finally {
        busy.delete(job.name);
        ctx.logger.debug({ ...line, startedAt, finishedAt: ctx.clock.now() }, 'job finished');
      }
    })().catch((error: unknown) => ctx.logger.error({ err: error, job: job.name, holder }, 'job failed'));
    running.add(run);
    void run.finally(() => running.delete(run));
  };
  const timers = jobs.map((job) => setInterval(() => tick(job), intervalOf(job, ctx.config.jobIntervalPercent)));
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
