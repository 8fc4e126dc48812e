// Report periods as local calendar dates ('YYYY-MM-DD', Vietnam), from..to inclusive. Pure: the
// caller passes today's date, so presets are testable and the server's date rules are mirrored.

export const MAX_PERIOD_DAYS = 366;

export const PERIOD_PRESETS = ['last7', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

export type PeriodProblem = 'invalid' | 'reversed' | 'too_long';

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date, or NaN when it is not a real date. */
function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return Number.NaN;
  return ms / DAY_MS;
}

function fromDayNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function isCalendarDate(date: string): boolean {
  return Number.isFinite(dayNumber(date));
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Number of days from..to, both included. */
export function periodDays({ from, to }: Period): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** Today's date in Vietnam (UTC+7, no daylight saving) at an instant. */
export function vietnamToday(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Monday of the week holding `date` (Vietnamese weeks start on Monday). */
function mondayOf(date: string): string {
  const days = dayNumber(date);
  // 1970-01-01 was a Thursday: day 0 → weekday index 3 when Monday is 0.
  const weekday = (((days + 3) % 7) + 7) % 7;
  return fromDayNumber(days - weekday);
}

function firstOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** The dates a preset covers, ending at the latest today. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisWeek':
      return { from: mondayOf(today), to: today };
    case 'lastWeek': {
      const monday = addDays(mondayOf(today), -7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'thisMonth':
      return { from: firstOfMonth(today), to: today };
    case 'lastMonth': {
      const end = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(end), to: end };
    }
  }
}

/** The first preset that gives exactly this period today, or 'custom'. */
export function detectPreset(period: Period, today: string): PeriodPreset | 'custom' {
  for (const preset of PERIOD_PRESETS) {
    const candidate = presetPeriod(preset, today);
    if (candidate.from === period.from && candidate.to === period.to) return preset;
  }
  return 'custom';
}

/** What is wrong with a period, the same rules as the server's (reversed, longer than 366 days). */
export function checkPeriod(period: Period): PeriodProblem | null {
  if (!isCalendarDate(period.from) || !isCalendarDate(period.to)) return 'invalid';
  const days = periodDays(period);
  if (days < 1) return 'reversed';
  if (days > MAX_PERIOD_DAYS) return 'too_long';
  return null;
}

/** The period in the address, or the default preset (last 7 days unless told) when none is given. */
export function periodFromSearch(from: string | null, to: string | null, today: string, preset: PeriodPreset = 'last7'): Period {
  if (!from && !to) return presetPeriod(preset, today);
  return { from: from ?? to ?? today, to: to ?? from ?? today };
}

/** Every date from..to, for charts that must show days without data. */
export function datesOf(period: Period): string[] {
  const start = dayNumber(period.from);
  const days = periodDays(period);
  if (!Number.isFinite(days) || days < 1 || days > MAX_PERIOD_DAYS) return [];
  return Array.from({ length: days }, (_, i) => fromDayNumber(start + i));
}
