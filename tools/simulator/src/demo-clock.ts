import { manualClock } from '../../../apps/server/src/clock.js';
import type { Context } from '../../../apps/server/src/context.js';
import { DAY_MS, vietnamMidnight } from './calendar.js';

const HOUR_MS = 3_600_000;

/** `hour`:00 in Vietnam on the local day `days` days after the day of `now` (negative: before). */
export function localHour(now: number, days: number, hour: number): number {
  return vietnamMidnight(now) + days * DAY_MS + hour * HOUR_MS;
}

/**
 * Runs `work` with the context's clock at `at`, so what the demo's people did in the simulated weeks
 * happens at its own time (ids, audit, outbox rows and traced windows carry that time). Same object,
 * not a copy: the context's caches (the unit tree, the senders) are keyed by identity.
 */
export async function asOf<T>(ctx: Context, at: number, work: () => Promise<T>): Promise<T> {
  const real = ctx.clock;
  // Whole milliseconds: the simulator's times are fractional, and PostgreSQL stores times as bigint.
  ctx.clock = manualClock(Math.round(at));
  try {
    return await work();
  } finally {
    ctx.clock = real;
  }
}
