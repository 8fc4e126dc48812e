import type { Language } from '@phongdich/core';

// Formatting for the map screens, free of i18next and the DOM so it can be tested.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** 'YYYY-MM-DD' as dd/mm/yyyy; empty input gives '—'. */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (!ISO_DATE.test(value)) return value;
  return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
}

/** The calendar date in Vietnam (UTC+7 all year) at an instant, 'YYYY-MM-DD'. */
export function vietnamDate(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function locale(lang: Language): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

/** Grouped the way each language does, with at most `digits` decimals. */
export function formatDecimal(value: number, lang: Language, digits = 1): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(value);
}

/** A percentage given as 0–100. */
export function formatPercent(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** Reads a number typed with either decimal mark ("12,5" or "12.5"); null when empty, NaN when not a number. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed.replace(',', '.'));
}

/** Reads a whole number typed with or without grouping ("12.345", "12 345", "12345"). */
export function parseWhole(text: string): number | null {
  const compact = text.trim().replace(/[\s.,]/g, '');
  if (compact === '') return null;
  return /^\d+$/.test(compact) ? Number(compact) : Number.NaN;
}

/** A zone is in force until the end of its last day (or for good when it has none); dates are 'YYYY-MM-DD'. */
export function zoneActive(zone: { endsOn: string | null }, today: string): boolean {
  return zone.endsOn === null || zone.endsOn >= today;
}
