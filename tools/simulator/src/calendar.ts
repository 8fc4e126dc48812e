/** Milliseconds in a day and a minute. */
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

// Vietnam keeps UTC+7 all year (no daylight saving), so local days are fixed 24-hour spans.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Start of the Vietnamese calendar day containing the instant (epoch ms). */
export function vietnamMidnight(epochMs: number): number {
  return Math.floor((epochMs + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS;
}

/** Day of the week in Vietnam (0 Sunday … 6 Saturday) of the local day starting at `midnight`. */
export function vietnamWeekday(midnight: number): number {
  return new Date(midnight + VIETNAM_OFFSET_MS).getUTCDay();
}

/** Minutes since Vietnamese midnight of an instant. */
export function vietnamMinuteOfDay(epochMs: number): number {
  return (epochMs - vietnamMidnight(epochMs)) / MINUTE_MS;
}
