/// <reference types="node" />
// node:crypto gives an independent HMAC and base64 to check ours against.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './bytes.js';
import { ROLLING_PERIOD, intervalNumberFromMs } from './intervals.js';
import type { TemporaryExposureKey } from './types.js';
import {
  EMBARGO_MS,
  embargoedUntil,
  isPublishable,
  validateUploadKeys,
  verificationCleartext,
  verificationHmac,
  type UploadProblem,
} from './verification.js';

const NOW = Date.UTC(2021, 6, 15, 12, 0);
const TODAY = intervalNumberFromMs(Date.UTC(2021, 6, 15));

function key(seed: number, rollingStartIntervalNumber: number, rollingPeriod = ROLLING_PERIOD, length = 16): TemporaryExposureKey {
  return { keyData: Uint8Array.from({ length }, (_, i) => (seed * 31 + i) & 0xff), transmissionRiskLevel: 3, rollingStartIntervalNumber, rollingPeriod };
}

const daily = (days: number) => Array.from({ length: days }, (_, d) => key(d, TODAY - d * ROLLING_PERIOD));

describe('verification HMAC', () => {
  const keys = [
    { keyData: Uint8Array.from({ length: 16 }, (_, i) => i), rollingStartIntervalNumber: 2709360, rollingPeriod: 144, transmissionRiskLevel: 4 },
    { keyData: Uint8Array.from({ length: 16 }, () => 0xff), rollingStartIntervalNumber: 2709216, rollingPeriod: 144, transmissionRiskLevel: 2 },
    { keyData: Uint8Array.from({ length: 16 }, () => 0), rollingStartIntervalNumber: 2709504, rollingPeriod: 72, transmissionRiskLevel: 0 },
  ];

  it('builds the cleartext sorted as strings ("/" sorts before "A")', () => {
    expect(verificationCleartext(keys)).toBe(
      '/////////////////////w==.2709216.144.2,AAAAAAAAAAAAAAAAAAAAAA==.2709504.72.0,AAECAwQFBgcICQoLDA0ODw==.2709360.144.4',
    );
    expect(verificationCleartext([...keys].reverse())).toBe(verificationCleartext(keys));
  });

  it('equals an independent HMAC-SHA256 in base64', () => {
    const secret = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    const expected = createHmac('sha256', secret).update(verificationCleartext(keys)).digest('base64');
    expect(verificationHmac(secret, keys)).toBe(expected);
    expect(verificationHmac(secret, keys.slice(1))).not.toBe(expected);
  });

  it.each([0, 1, 2, 3, 4, 31, 32, 33])('base64 of %i bytes matches Node and decodes back', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 0xff);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(Array.from(fromBase64(toBase64(bytes)))).toEqual(Array.from(bytes));
  });
});

describe('validateUploadKeys', () => {
  const cases: [string, TemporaryExposureKey[], UploadProblem[]][] = [
    ['14 daily keys including today', daily(14), []],
    ['an empty upload', [], []],
    ['a 15-byte key', [key(1, TODAY, 144, 15)], [{ code: 'bad_key_length', index: 0 }]],
    ['a 32-byte key', [key(1, TODAY - 144), key(2, TODAY, 144, 32)], [{ code: 'bad_key_length', index: 1 }]],
    ['rolling period 0', [key(1, TODAY - 144, 0)], [{ code: 'bad_rolling_period', index: 0 }]],
    ['rolling period 145', [key(1, TODAY - 144, 145)], [{ code: 'bad_rolling_period', index: 0 }]],
    ['a key starting tomorrow', [key(1, TODAY + 144)], [{ code: 'key_in_future', index: 0 }]],
    ['a key starting in the next interval', [key(1, intervalNumberFromMs(NOW) + 1, 1)], [{ code: 'key_in_future', index: 0 }]],
    ['a key that ended 14 days and 12 h ago', [key(1, TODAY - 15 * 144)], [{ code: 'key_too_old', index: 0 }]],
    ['a key that ended 13 days and 12 h ago', [key(1, TODAY - 14 * 144)], []],
    ['a key that ended exactly 14 days ago', [key(1, TODAY - 14 * 144, 72)], [{ code: 'key_too_old', index: 0 }]],
    ['a key that ended 14 days minus 10 minutes ago', [key(1, TODAY - 14 * 144, 73)], []],
    ['a key starting in the current interval', [key(1, intervalNumberFromMs(NOW), 1)], []],
    ['the same key bytes twice', [key(1, TODAY - 144), key(1, TODAY - 288)], [{ code: 'duplicate_key', index: 1 }]],
    ['overlapping periods', [key(1, TODAY - 144), key(2, TODAY - 100, 10)], [{ code: 'overlapping_periods', index: 1 }]],
    ['overlap reported on the later key', [key(1, TODAY - 100, 10), key(2, TODAY - 144)], [{ code: 'overlapping_periods', index: 0 }]],
    ['adjacent periods', [key(1, TODAY - 144, 100), key(2, TODAY - 44, 44)], []],
    [
      '31 keys',
      Array.from({ length: 31 }, (_, i) => key(i, TODAY - 31 + i, 1)),
      [{ code: 'too_many_keys', index: 30 }],
    ],
  ];

  it.each(cases)('%s', (_name, keys, problems) => {
    expect(validateUploadKeys(keys, NOW)).toEqual(problems);
  });

  it('lists every problem of a bad upload, by key index', () => {
    const keys = [key(1, TODAY + 144), key(2, TODAY, 0, 8), key(1, TODAY - 20 * 144)];
    expect(validateUploadKeys(keys, NOW)).toEqual([
      { code: 'key_in_future', index: 0 },
      { code: 'bad_key_length', index: 1 },
      { code: 'bad_rolling_period', index: 1 },
      { code: 'duplicate_key', index: 2 },
      { code: 'key_too_old', index: 2 },
    ]);
  });

  it('honours configured limits', () => {
    expect(validateUploadKeys(daily(3), NOW, { maxKeys: 2, maxAgeDays: 14 })).toEqual([{ code: 'too_many_keys', index: 2 }]);
  });
});

describe('embargo', () => {
  const todayKey = { rollingStartIntervalNumber: TODAY, rollingPeriod: ROLLING_PERIOD };
  const expiry = (TODAY + ROLLING_PERIOD) * 600_000;

  it('holds a still-valid key until its expiry plus two hours', () => {
    expect(EMBARGO_MS).toBe(7_200_000);
    expect(embargoedUntil(todayKey, NOW)).toBe(expiry + EMBARGO_MS);
    expect(isPublishable(todayKey, NOW, expiry + EMBARGO_MS - 1)).toBe(false);
    expect(isPublishable(todayKey, NOW, expiry + EMBARGO_MS)).toBe(true);
  });

  it('publishes an already expired key at once', () => {
    const yesterday = { rollingStartIntervalNumber: TODAY - ROLLING_PERIOD, rollingPeriod: ROLLING_PERIOD };
    expect(embargoedUntil(yesterday, NOW)).toBeNull();
    expect(isPublishable(yesterday, NOW, NOW)).toBe(true);
  });
});
