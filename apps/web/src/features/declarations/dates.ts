import { isCalendarDate } from '@phongdich/core';

// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset gives the local date.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date 'YYYY-MM-DD' in Vietnam at an instant (the `today` of the declaration rules). */
export function todayInVietnam(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

const DAY_MONTH_YEAR = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/;
const COMPACT = /^(\d{2})(\d{2})(\d{4})$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a date as people type it on the forms — 15/8/2025, 15-08-2025, 15.08.2025, 15082025 — or as
 * a date picker gives it (2025-08-15). Returns 'YYYY-MM-DD', or null when it is not a real date.
 */
export function parseDayMonthYear(input: string): string | null {
  const text = input.trim();
  if (ISO.test(text)) return isCalendarDate(text) ? text : null;
  const match = DAY_MONTH_YEAR.exec(text) ?? COMPACT.exec(text);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/** 'YYYY-MM-DD' as dd/mm/yyyy, the way Vietnamese forms write dates; anything else is returned unchanged. */
export function formatDayMonthYear(value: string): string {
  if (!ISO.test(value)) return value;
  return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
}
