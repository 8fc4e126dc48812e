import { describe, expect, it } from 'vitest';
import { batchWindow, daysSinceOnset, exportDue, keysFrom, longCodeOf, normalizeCode, shortCodeOf, splitIntoFiles, uploadError } from './exposure.rules.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 10, 9, 0);

describe('verification codes', () => {
  it.each([
    ['12345678', { kind: 'short', code: '12345678' }],
    ['1234 5678', { kind: 'short', code: '12345678' }],
    ['1234-5678', { kind: 'short', code: '12345678' }],
    ['ABCDEFGHJKMNPQRS', { kind: 'long', code: 'abcdefghjkmnpqrs' }],
    ['abcd efgh jkmn pqrs', { kind: 'long', code: 'abcdefghjkmnpqrs' }],
    ['1234567', null],
    ['123456789', null],
    ['abcdefghijklmnop', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCode(input)).toEqual(expected);
  });

  it('pads short codes and spells long codes without look-alike characters', () => {
    expect(shortCodeOf(42)).toBe('00000042');
    expect(longCodeOf(Array.from({ length: 16 }, (_, i) => i))).toMatch(/^[a-hj-km-np-z2-9]{16}$/);
  });
});

describe('keysFrom (the infectious period’s first day of keys)', () => {
  it.each([
    ['onset 3 days ago, 2 days before', { symptomDate: '2026-11-07', testDate: '2026-11-09' }, 2, '2026-11-05'],
    ['no onset: from the test', { symptomDate: null, testDate: '2026-11-09' }, 2, '2026-11-07'],
    ['neither: from today', { symptomDate: null, testDate: null }, 2, '2026-11-08'],
    ['never more than 14 days of keys', { symptomDate: '2026-10-01', testDate: null }, 2, '2026-10-28'],
  ])('%s', (_name, dates, before, expected) => {
    expect(keysFrom(dates, before, NOW)).toBe(expected);
  });
});

describe('daysSinceOnset', () => {
  it.each([
    [2649600, 2649600, 0],
    [2649600 + 144 * 3, 2649600, 3],
    [2649600 - 144, 2649600, -1],
    [2649600 + 10, 2649600 + 100, 0],
  ])('key %i, onset %i → %i', (start, onset, days) => {
    expect(daysSinceOnset(start, onset)).toBe(days);
  });

  it('is unknown without an onset', () => {
    expect(daysSinceOnset(2649600, undefined)).toBeUndefined();
  });
});

describe('uploadError', () => {
  it.each([
    ['too_many_keys', 30, 'exposure_too_many_keys', 'temporaryExposureKeys'],
    ['bad_key_length', 2, 'exposure_key_invalid', 'temporaryExposureKeys.2.key'],
    ['bad_rolling_period', 0, 'exposure_key_invalid', 'temporaryExposureKeys.0.rollingPeriod'],
    ['key_in_future', 1, 'exposure_key_invalid', 'temporaryExposureKeys.1.rollingStartNumber'],
    ['key_too_old', 1, 'exposure_key_invalid', 'temporaryExposureKeys.1.rollingStartNumber'],
    ['duplicate_key', 3, 'exposure_key_duplicate', 'temporaryExposureKeys.3.key'],
    ['overlapping_periods', 4, 'exposure_key_duplicate', 'temporaryExposureKeys.4.rollingStartNumber'],
  ] as const)('%s at %i → %s on %s', (problem, index, code, field) => {
    expect(uploadError({ code: problem, index })).toEqual({ code, field });
  });
});

describe('batches', () => {
  it('splits keys evenly into files of at most the maximum', () => {
    expect(splitIntoFiles([], 3)).toEqual([]);
    expect(splitIntoFiles([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
    expect(splitIntoFiles([1, 2, 3, 4, 5, 6, 7], 3).map((f) => f.length)).toEqual([3, 3, 1]);
    expect(splitIntoFiles(Array.from({ length: 34_001 }, (_, i) => i), 17_000).map((f) => f.length)).toEqual([11_334, 11_334, 11_333]);
  });

  it('covers from the previous batch (or the first upload) to now, in seconds', () => {
    expect(batchWindow(null, NOW - 3_600_000, NOW)).toEqual({ start: (NOW - 3_600_000) / 1000, end: NOW / 1000 });
    expect(batchWindow(NOW / 1000 - 60, NOW - DAY, NOW)).toEqual({ start: NOW / 1000 - 60, end: NOW / 1000 });
    expect(batchWindow(NOW / 1000, NOW, NOW)).toEqual({ start: NOW / 1000 - 1, end: NOW / 1000 });
  });

  it('is due when never made or when the last one is old enough', () => {
    expect(exportDue(null, 3_600_000, NOW)).toBe(true);
    expect(exportDue(NOW - 3_599_999, 3_600_000, NOW)).toBe(false);
    expect(exportDue(NOW - 3_600_000, 3_600_000, NOW)).toBe(true);
  });
});
