import { currentLanguage } from './i18n/index.js';

/** Numbers with Vietnamese grouping (1.234.567) in Vietnamese, English grouping in English. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

/** dd/mm/yyyy hh:mm in the installation's time zone (Vietnam). */
export function formatDateTime(epochMs: number): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(epochMs);
}
