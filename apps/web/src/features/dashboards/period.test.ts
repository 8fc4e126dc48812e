import { describe, expect, it } from 'vitest';
import { addDays, checkPeriod, datesOf, detectPreset, isCalendarDate, periodDays, periodFromSearch, presetPeriod, vietnamToday, type PeriodPreset } from './period.js';

describe('presetPeriod', () => {
  // Wednesday 15 October 2025.
  const today = '2025-10-15';
  it.each<[PeriodPreset, string, string]>([
    ['last7', '2025-10-09', '2025-10-15'],
    ['thisWeek', '2025-10-13', '2025-10-15'],
    ['lastWeek', '2025-10-06', '2025-10-12'],
    ['thisMonth', '2025-10-01', '2025-10-15'],
    ['lastMonth', '2025-09-01', '2025-09-30'],
  ])('%s is %s..%s', (preset, from, to) => {
    expect(presetPeriod(preset, today)).toEqual({ from, to });
  });

  it('starts weeks on Monday, also on a Monday and a Sunday', () => {
    expect(presetPeriod('thisWeek', '2025-10-13')).toEqual({ from: '2025-10-13', to: '2025-10-13' });
    expect(presetPeriod('thisWeek', '2025-10-19')).toEqual({ from: '2025-10-13', to: '2025-10-19' });
    expect(presetPeriod('lastWeek', '2025-10-19')).toEqual({ from: '2025-10-06', to: '2025-10-12' });
  });

  it('crosses years and leap days', () => {
    expect(presetPeriod('lastMonth', '2025-01-10')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(presetPeriod('lastMonth', '2024-03-05')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('last7', '2025-01-03')).toEqual({ from: '2024-12-28', to: '2025-01-03' });
    expect(presetPeriod('lastWeek', '2025-01-01')).toEqual({ from: '2024-12-23', to: '2024-12-29' });
  });
});

describe('detectPreset', () => {
  it('recognises a preset and falls back to custom', () => {
    expect(detectPreset({ from: '2025-10-01', to: '2025-10-15' }, '2025-10-15')).toBe('thisMonth');
    expect(detectPreset({ from: '2025-10-02', to: '2025-10-15' }, '2025-10-15')).toBe('custom');
  });
  it('prefers the first preset when two give the same dates (a Sunday: last 7 days = this week)', () => {
    expect(detectPreset({ from: '2025-10-13', to: '2025-10-19' }, '2025-10-19')).toBe('last7');
  });
});

describe('checkPeriod', () => {
  it.each([
    [{ from: '2025-10-01', to: '2025-10-01' }, null],
    [{ from: '2025-01-01', to: '2025-12-31' }, null],
    [{ from: '2024-01-01', to: '2024-12-31' }, null],
    [{ from: '2024-01-01', to: '2025-01-01' }, 'too_long'],
    [{ from: '2025-10-02', to: '2025-10-01' }, 'reversed'],
    [{ from: '2025-02-30', to: '2025-03-01' }, 'invalid'],
    [{ from: '', to: '2025-03-01' }, 'invalid'],
    [{ from: '01/10/2025', to: '2025-10-02' }, 'invalid'],
  ])('%j → %s', (period, problem) => {
    expect(checkPeriod(period)).toBe(problem);
  });
});

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
  });
  it('counts days inclusively and lists them', () => {
    expect(periodDays({ from: '2025-10-01', to: '2025-10-07' })).toBe(7);
    expect(datesOf({ from: '2025-12-30', to: '2026-01-02' })).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(datesOf({ from: '2025-10-02', to: '2025-10-01' })).toEqual([]);
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });
  it("takes today's date in Vietnam", () => {
    expect(vietnamToday(Date.UTC(2025, 9, 15, 16, 59))).toBe('2025-10-15');
    expect(vietnamToday(Date.UTC(2025, 9, 15, 17, 0))).toBe('2025-10-16');
  });
  it('reads the address, defaulting to the last 7 days and filling a missing end', () => {
    expect(periodFromSearch(null, null, '2025-10-15')).toEqual({ from: '2025-10-09', to: '2025-10-15' });
    expect(periodFromSearch(null, null, '2025-10-15', 'lastWeek')).toEqual({ from: '2025-10-06', to: '2025-10-12' });
    expect(periodFromSearch('2025-10-01', null, '2025-10-15')).toEqual({ from: '2025-10-01', to: '2025-10-01' });
    expect(periodFromSearch(null, '2025-10-03', '2025-10-15')).toEqual({ from: '2025-10-03', to: '2025-10-03' });
  });
});
