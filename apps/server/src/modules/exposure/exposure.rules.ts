import { REPORT_TYPE, ROLLING_PERIOD, type ReportType, type UploadProblem } from '@phongdich/exposure';
import type { ErrorCode, ExposureTestType } from '@phongdich/core';

const DAY_MS = 86_400_000;
const INTERVAL_MS = 600_000;

/** EN verification server: an 8-digit code for typing lives 15 minutes, a 16-character code for links 24 hours. */
export const SHORT_CODE_TTL_MS = 15 * 60_000;
export const LONG_CODE_TTL_MS = 24 * 3_600_000;
/** A token lives as long as the link code: the person may think before choosing to upload. */
export const TOKEN_TTL_MS = 24 * 3_600_000;
/** A certificate is used at once by the app; a short life limits replay. */
export const CERTIFICATE_TTL_MS = 15 * 60_000;
/** Keys per export file (the EN key server's default maximum). */
export const FILE_MAX_KEYS = 17_000;
/** At most 14 days of keys (EN key server): the oldest day whose keys a phone is asked for. */
export const MAX_KEY_DAYS = 14;

// No 0/o, 1/l/i: the long code is read from a screen or an SMS and sometimes typed.
const LONG_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** An 8-digit code from a uniform integer below 10^8. */
export function shortCodeOf(n: number): string {
  return String(n).padStart(8, '0');
}

/** A 16-character code from 16 uniform indexes into the alphabet. */
export function longCodeOf(indexes: readonly number[]): string {
  return indexes.map((i) => LONG_CODE_ALPHABET[i] ?? 'a').join('');
}

export const LONG_CODE_ALPHABET_SIZE = LONG_CODE_ALPHABET.length;

/** What a person typed, as stored: digits only for a short code, lower case without spaces for a long one. */
export function normalizeCode(input: string): { kind: 'short' | 'long'; code: string } | null {
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{8}$/.test(compact)) return { kind: 'short', code: compact };
  if (new RegExp(`^[${LONG_CODE_ALPHABET}]{16}$`).test(compact)) return { kind: 'long', code: compact };
  return null;
}

/** Export proto ReportType of a certified test type. */
export function reportTypeOf(testType: ExposureTestType): ReportType {
  return testType === 'confirmed' ? REPORT_TYPE.confirmedTest : REPORT_TYPE.confirmedClinicalDiagnosis;
}

/** ENIN at UTC midnight of a calendar date: how the EN protocol carries symptom onset. */
export function dayInterval(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / INTERVAL_MS;
}

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The first day whose keys the phone uploads: `daysBefore` days before symptom onset (or the test when there
 * were no symptoms, or today), never more than 14 days of keys — the daily keys of the infectious period only.
 */
export function keysFrom(dates: { symptomDate: string | null; testDate: string | null }, daysBefore: number, nowMs: number): string {
  const anchor = dates.symptomDate ?? dates.testDate ?? utcDate(nowMs);
  const from = Date.parse(`${anchor}T00:00:00Z`) - daysBefore * DAY_MS;
  const oldest = Math.floor(nowMs / DAY_MS) * DAY_MS - (MAX_KEY_DAYS - 1) * DAY_MS;
  return utcDate(Math.min(Math.max(from, oldest), nowMs));
}

/** Days from symptom onset to the key's day (EN export: days_since_onset_of_symptoms), or undefined. */
export function daysSinceOnset(rollingStart: number, onsetInterval: number | undefined): number | undefined {
  if (onsetInterval === undefined) return undefined;
  return Math.floor(rollingStart / ROLLING_PERIOD) - Math.floor(onsetInterval / ROLLING_PERIOD);
}

/** The error an upload problem answers with, and the input to blame. */
export function uploadError(problem: UploadProblem): { code: ErrorCode; field: string } {
  const at = `temporaryExposureKeys.${problem.index}`;
  switch (problem.code) {
    case 'too_many_keys':
      return { code: 'exposure_too_many_keys', field: 'temporaryExposureKeys' };
    case 'bad_key_length':
      return { code: 'exposure_key_invalid', field: `${at}.key` };
    case 'bad_rolling_period':
      return { code: 'exposure_key_invalid', field: `${at}.rollingPeriod` };
    case 'key_in_future':
    case 'key_too_old':
      return { code: 'exposure_key_invalid', field: `${at}.rollingStartNumber` };
    case 'duplicate_key':
      return { code: 'exposure_key_duplicate', field: `${at}.key` };
    case 'overlapping_periods':
      return { code: 'exposure_key_duplicate', field: `${at}.rollingStartNumber` };
  }
}

/** Export file window: from the end of the previous batch (or the first upload) to now, in Unix seconds. */
export function batchWindow(previousEnd: number | null, firstUploadMs: number, nowMs: number): { start: number; end: number } {
  const end = Math.floor(nowMs / 1000);
  const start = Math.min(previousEnd ?? Math.floor(firstUploadMs / 1000), end - 1);
  return { start, end };
}

/** Splits keys (already sorted) into files of at most `max`, spreading them evenly. */
export function splitIntoFiles<T>(keys: readonly T[], max: number): T[][] {
  if (keys.length === 0) return [];
  const files = Math.ceil(keys.length / max);
  const size = Math.ceil(keys.length / files);
  return Array.from({ length: files }, (_, i) => keys.slice(i * size, (i + 1) * size));
}

/** True when an export is due: never exported, or the last batch is at least `everyMs` old. */
export function exportDue(lastCreatedAt: number | null, everyMs: number, nowMs: number): boolean {
  return lastCreatedAt === null || nowMs - lastCreatedAt >= everyMs;
}

/** True when the active signing key should be replaced. */
export function rotationDue(createdAt: number, rotateAfterMs: number, nowMs: number): boolean {
  return nowMs - createdAt >= rotateAfterMs;
}

/** The interval before which keys are deleted: their period ended more than `days` days ago. */
export function keyRetentionInterval(nowMs: number, days: number): number {
  return Math.floor(nowMs / INTERVAL_MS) - days * ROLLING_PERIOD;
}
