import type { Language } from '@phongdich/core';

// Formatting for the case screens, free of i18next and the DOM so it can be tested. Times are in
// Vietnam (UTC+7, no daylight saving since 1975) whatever the browser's zone.

const ZONE = 'Asia/Ho_Chi_Minh';
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 'YYYY-MM-DD' as dd/mm/yyyy; empty input gives '—'. */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (!ISO_DATE.test(value)) return value;
  return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
}

/** dd/mm/yyyy of an instant, in Vietnam. */
export function formatDay(epochMs: number): string {
  return dayFormat.format(epochMs);
}

/** hh:mm of an instant, in Vietnam. */
export function formatTime(epochMs: number): string {
  return timeFormat.format(epochMs);
}

/** An exposure window: one date when it starts and ends on the same day in Vietnam. */
export function formatWindow(start: number, end: number): string {
  if (formatDay(start) === formatDay(end)) return `${formatDay(start)} ${formatTime(start)}–${formatTime(end)}`;
  return `${formatDay(start)} ${formatTime(start)} – ${formatDay(end)} ${formatTime(end)}`;
}

/** A stored phone number (+84…) the way people write it (0…). */
export function displayPhone(phone: string | null | undefined): string {
  if (!phone) return '—';
  return phone.replace(/^\+84/, '0');
}

/** The value of a datetime-local input, read as Vietnam time; NaN when empty or malformed. */
export function vietnamDateTimeToEpoch(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return Number.NaN;
  return Date.parse(`${value}:00Z`) - VIETNAM_OFFSET_MS;
}

/** The calendar date in Vietnam at an instant, 'YYYY-MM-DD'. */
export function vietnamDate(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Numbers with one decimal at most, grouped the way each language does. */
export function formatDecimal(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
}

/** A share 0–1 as a whole percentage. */
export function formatShare(share: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** "F1: 10, F2: 5" from a trace result, generations in order. */
export function formatGenerations(byGeneration: Record<string, number>, formatCount: (n: number) => string): string {
  return Object.entries(byGeneration)
    .map(([generation, n]) => [Number(generation), n] as const)
    .filter(([generation]) => Number.isFinite(generation))
    .sort((a, b) => a[0] - b[0])
    .map(([generation, n]) => `F${generation}: ${formatCount(n)}`)
    .join(', ');
}

/** Only the entries that differ from the record, without empty strings: the body of a PATCH. */
export function changedFields<T extends Record<string, unknown>>(original: Partial<Record<keyof T, unknown>>, edited: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(edited) as Array<keyof T>) {
    const value = edited[key];
    if (value === '' || value === undefined) continue;
    if (value !== (original[key] ?? undefined)) changes[key] = value;
  }
  return changes;
}
