import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toBase64 } from './bytes.js';
import { INTERVAL_MS, ROLLING_PERIOD, intervalNumberFromMs } from './intervals.js';
import type { TemporaryExposureKey } from './types.js';

/** The key fields the verification certificate binds. */
export type CertifiedKey = Pick<TemporaryExposureKey, 'keyData' | 'rollingStartIntervalNumber' | 'rollingPeriod' | 'transmissionRiskLevel'>;

/**
 * Verification protocol cleartext: per key `base64(key).rollingStartNumber.rollingPeriod.transmissionRisk`,
 * sorted as strings and joined with "," so the MAC does not depend on upload order.
 */
export function verificationCleartext(keys: readonly CertifiedKey[]): string {
  return keys
    .map((k) => `${toBase64(k.keyData)}.${k.rollingStartIntervalNumber}.${k.rollingPeriod}.${k.transmissionRiskLevel}`)
    .sort()
    .join(',');
}

/** base64(HMAC-SHA256(secret, cleartext)): the only thing about the keys the verification server sees. */
export function verificationHmac(secret: Uint8Array, keys: readonly CertifiedKey[]): string {
  return toBase64(hmac(sha256, secret, utf8ToBytes(verificationCleartext(keys))));
}

/** Limits applied to an upload (EN key server defaults). */
export interface UploadLimits {
  maxKeys: number;
  maxAgeDays: number;
}

/** Key server defaults: 30 keys, 14 days. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = Object.freeze({ maxKeys: 30, maxAgeDays: 14 });

/** Stable codes of upload problems. */
export type UploadProblemCode =
  | 'too_many_keys'
  | 'bad_key_length'
  | 'bad_rolling_period'
  | 'key_in_future'
  | 'key_too_old'
  | 'duplicate_key'
  | 'overlapping_periods';

/** One reason an upload is refused; `index` is the offending key's position in the upload. */
export interface UploadProblem {
  code: UploadProblemCode;
  index: number;
}

/** Every problem of an upload at `nowMs` (empty when acceptable), ordered by key index then code. */
export function validateUploadKeys(keys: readonly TemporaryExposureKey[], nowMs: number, limits = DEFAULT_UPLOAD_LIMITS): UploadProblem[] {
  const problems: UploadProblem[] = [];
  const now = intervalNumberFromMs(nowMs);
  const oldest = now - limits.maxAgeDays * ROLLING_PERIOD;
  // The first key past the limit is the offending one; the rest are still checked so all problems show.
  if (keys.length > limits.maxKeys) problems.push({ code: 'too_many_keys', index: limits.maxKeys });
  const seen = new Map<string, number>();
  keys.forEach((k, index) => {
    if (k.keyData.length !== 16) problems.push({ code: 'bad_key_length', index });
    const periodOk = Number.isInteger(k.rollingPeriod) && k.rollingPeriod >= 1 && k.rollingPeriod <= ROLLING_PERIOD;
    if (!periodOk) problems.push({ code: 'bad_rolling_period', index });
    if (k.rollingStartIntervalNumber > now) problems.push({ code: 'key_in_future', index });
    else if (k.rollingStartIntervalNumber + k.rollingPeriod <= oldest) problems.push({ code: 'key_too_old', index });
    const id = toBase64(k.keyData);
    if (seen.has(id)) problems.push({ code: 'duplicate_key', index });
    else seen.set(id, index);
  });
  // A phone has one key per period, so two keys covering the same interval cannot both be genuine.
  const byStart = keys.map((k, index) => ({ k, index })).sort((a, b) => a.k.rollingStartIntervalNumber - b.k.rollingStartIntervalNumber || a.index - b.index);
  let coveredUntil = -Infinity;
  for (const { k, index } of byStart) {
    if (k.rollingStartIntervalNumber < coveredUntil) problems.push({ code: 'overlapping_periods', index });
    coveredUntil = Math.max(coveredUntil, k.rollingStartIntervalNumber + k.rollingPeriod);
  }
  return problems.sort((a, b) => a.index - b.index || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** How long after expiry a still-valid key is held back, so it cannot be replayed while phones still broadcast it. */
export const EMBARGO_MS = 2 * 60 * 60 * 1000;

/**
 * When a key uploaded at `uploadedAtMs` may be published: null (at once) if it had already expired,
 * otherwise its expiry plus two hours (EN key server: embargo of still-valid keys).
 */
export function embargoedUntil(key: Pick<TemporaryExposureKey, 'rollingStartIntervalNumber' | 'rollingPeriod'>, uploadedAtMs: number): number | null {
  const expiresAt = (key.rollingStartIntervalNumber + key.rollingPeriod) * INTERVAL_MS;
  return expiresAt > uploadedAtMs ? expiresAt + EMBARGO_MS : null;
}

/** True when a key uploaded at `uploadedAtMs` may be published at `nowMs`. */
export function isPublishable(key: Pick<TemporaryExposureKey, 'rollingStartIntervalNumber' | 'rollingPeriod'>, uploadedAtMs: number, nowMs: number): boolean {
  const until = embargoedUntil(key, uploadedAtMs);
  return until === null || nowMs >= until;
}
