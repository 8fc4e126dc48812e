/** Seconds per Exposure Notification interval (EN crypto spec §"ENIntervalNumber": 10 minutes). */
export const INTERVAL_SECONDS = 600;
/** Intervals per temporary exposure key: one day (EN crypto spec: TEKRollingPeriod = 144). */
export const ROLLING_PERIOD = 144;
/** Milliseconds per UTC day. */
export const DAY_MS = 86_400_000;
/** Milliseconds per interval. */
export const INTERVAL_MS = INTERVAL_SECONDS * 1000;

/** ENIN of a Unix time in seconds: floor(seconds / 600). */
export function intervalNumberFromSeconds(unixSeconds: number): number {
  return Math.floor(unixSeconds / INTERVAL_SECONDS);
}

/** ENIN of a Unix time in milliseconds. */
export function intervalNumberFromMs(unixMs: number): number {
  return Math.floor(unixMs / INTERVAL_MS);
}

/** First interval of the UTC day containing an interval; keys start there (EN spec: rolling start is day-aligned). */
export function dayStartInterval(intervalNumber: number): number {
  return Math.floor(intervalNumber / ROLLING_PERIOD) * ROLLING_PERIOD;
}

/** Unix milliseconds at which an interval starts. */
export function intervalStartMs(intervalNumber: number): number {
  return intervalNumber * INTERVAL_MS;
}

/** The half-open time range [startAt, endAt) covered by an interval. */
export function intervalRange(intervalNumber: number): { startAt: Date; endAt: Date } {
  const start = intervalStartMs(intervalNumber);
  return { startAt: new Date(start), endAt: new Date(start + INTERVAL_MS) };
}

/** Days since 1970-01-01 UTC of a Unix time in milliseconds. */
export function utcDayNumber(unixMs: number): number {
  return Math.floor(unixMs / DAY_MS);
}

/** Unix milliseconds of the UTC midnight that starts the day containing `unixMs`. */
export function utcDayStartMs(unixMs: number): number {
  return utcDayNumber(unixMs) * DAY_MS;
}

/** UTC day number of an interval. */
export function dayNumberOfInterval(intervalNumber: number): number {
  return Math.floor(intervalNumber / ROLLING_PERIOD);
}

/** ISO calendar date (YYYY-MM-DD) of a UTC day number, used to key per-day results. */
export function utcDateOfDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
