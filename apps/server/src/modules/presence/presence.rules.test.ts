import { describe, expect, it } from 'vitest';
import { checkScanTime, decideScan, impossibleTravel, localDate, localDayStart } from './presence.rules.js';

const NOW = Date.UTC(2026, 10, 25, 3, 0, 0);

describe('scan time', () => {
  it.each([
    [NOW, 'ok'],
    [NOW + 60_000, 'ok'],
    [NOW + 3 * 60_000, 'future'],
    [NOW - 10 * 60_000, 'ok'],
    [NOW - 71 * 3_600_000, 'ok'],
    [NOW - 73 * 3_600_000, 'too_old'],
  ])('%i is %s', (at, verdict) => {
    expect(checkScanTime(at, NOW, 72 * 3_600_000)).toBe(verdict);
  });
});

describe('scan pairing', () => {
  const open = { id: 'v1', checkedInAt: NOW - 3_600_000 };
  it.each([
    ['nobody inside: check in', undefined, NOW, undefined, { action: 'check_in' }],
    ['inside: check out', open, NOW, undefined, { action: 'check_out', visitId: 'v1' }],
    ['staff force a check-in while inside', open, NOW, 'check_in', { action: 'check_in' }],
    ['staff force a check-out of nobody', undefined, NOW, 'check_out', { error: 'no_open_visit' }],
    ['a check-out before the check-in', open, NOW - 2 * 3_600_000, undefined, { error: 'scan_out_of_order' }],
  ] as const)('%s', (_name, visit, at, forced, expected) => {
    expect(decideScan(visit, at, forced)).toEqual(expected);
  });
});

describe('impossible travel', () => {
  const bacKan = { lat: 22.147, lon: 105.834 };
  const hanoi = { lat: 21.028, lon: 105.834 };
  const saigon = { lat: 10.776, lon: 106.7 };
  it.each([
    ['Bắc Kạn → Hà Nội in a minute', bacKan, hanoi, 60_000, true],
    ['Bắc Kạn → Hà Nội in three hours', bacKan, hanoi, 3 * 3_600_000, false],
    ['Hà Nội → Sài Gòn in one hour', hanoi, saigon, 3_600_000, true],
    ['Hà Nội → Sài Gòn in two hours forty (a flight)', hanoi, saigon, 2.7 * 3_600_000, false],
    ['next door in a second', bacKan, { lat: 22.148, lon: 105.835 }, 1000, false],
  ])('%s: %s', (_name, from, to, ms, expected) => {
    expect(impossibleTravel({ ...from, at: NOW }, { ...to, at: NOW + ms })).toBe(expected);
  });
  it('cannot judge places without a location', () => {
    expect(impossibleTravel({ lat: null, lon: null, at: NOW }, { ...hanoi, at: NOW + 1000 })).toBe(false);
  });
});

describe('local days (UTC+7)', () => {
  it('starts the day at 00:00 in Vietnam', () => {
    expect(localDate(Date.UTC(2026, 10, 24, 17, 30))).toBe('2026-11-25');
    expect(localDate(Date.UTC(2026, 10, 24, 16, 30))).toBe('2026-11-24');
    expect(localDayStart(Date.UTC(2026, 10, 25, 3, 0))).toBe(Date.UTC(2026, 10, 24, 17, 0));
  });
});
