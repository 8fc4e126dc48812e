import type { Language } from '@phongdich/core';

// Numbers and dates of the report screens, free of i18next so they can be tested. Vietnamese groups
// digits with dots (1.234.567) and writes decimals with a comma; dates are dd/mm/yyyy in both languages.

const ZONE = 'Asia/Ho_Chi_Minh';
const locale = (lang: Language) => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const EMPTY = '—';

const counts = new Map<Language, Intl.NumberFormat>();
const decimals = new Map<Language, Intl.NumberFormat>();
const percents = new Map<Language, Intl.NumberFormat>();

function cached(map: Map<Language, Intl.NumberFormat>, lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = map.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(locale(lang), options);
    map.set(lang, format);
  }
  return format;
}

export function formatCount(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return cached(counts, lang, { maximumFractionDigits: 0 }).format(value);
}

/** One decimal at most: scans per day, contacts per case, figures per 1,000 inhabitants. */
export function formatDecimal(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return cached(decimals, lang, { maximumFractionDigits: 1 }).format(value);
}

/** A share 0–1 as a percentage with at most one decimal; '—' when there is nothing to divide by. */
export function formatShare(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return cached(percents, lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** part / whole, or null when the whole is zero (a share of nothing is not 0 %). */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** 'YYYY-MM-DD' as dd/mm/yyyy. */
export function formatLocalDate(date: string | null | undefined): string {
  if (!date) return EMPTY;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}

/** A short day label for chart axes: dd/mm. */
export function formatDayMonth(date: string): string {
  return formatLocalDate(date).slice(0, 5);
}

export function formatPeriod(from: string, to: string): string {
  return from === to ? formatLocalDate(from) : `${formatLocalDate(from)} – ${formatLocalDate(to)}`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** dd/mm/yyyy hh:mm of an instant, in Vietnam. */
export function formatInstant(epochMs: number): string {
  return dateTime.format(epochMs).replace(',', '');
}
