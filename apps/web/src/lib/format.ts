import { currentLanguage } from './i18n/index.js';

/** Numbers with Vietnamese grouping (1.234.567) in Vietnamese, English grouping in English. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

const ZONE = 'Asia/Ho_Chi_Minh';

/** dd/mm/yyyy in Vietnam's time zone (the same in both languages, as Vietnamese forms write it). */
export function formatDate(epochMs: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(epochMs);
}

/** dd/mm/yyyy hh:mm in Vietnam's time zone. */
export function formatDateTime(epochMs: number): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
  return `${formatDate(epochMs)} ${time}`;
}
