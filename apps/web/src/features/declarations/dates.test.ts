import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, parseDayMonthYear, todayInVietnam } from './dates.js';

describe('parseDayMonthYear', () => {
  it.each([
    ['15/08/2025', '2025-08-15'],
    ['15/8/2025', '2025-08-15'],
    ['1/8/2025', '2025-08-01'],
    [' 01-08-2025 ', '2025-08-01'],
    ['01.08.2025', '2025-08-01'],
    ['01 08 2025', '2025-08-01'],
    ['15 / 8 / 2025', '2025-08-15'],
    ['15082025', '2025-08-15'],
    ['2025-08-15', '2025-08-15'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseDayMonthYear(input)).toBe(expected);
  });

  it.each(['', '15/08', '15/08/25', '32/01/2025', '29/02/2025', '00/01/2025', '15/13/2025', '2025-02-30', 'hôm nay', '2025/08/15', '1582025'])(
    'refuses %j',
    (input) => {
      expect(parseDayMonthYear(input)).toBeNull();
    },
  );
});

describe('formatDayMonthYear', () => {
  it('writes a stored date as dd/mm/yyyy', () => {
    expect(formatDayMonthYear('2025-08-01')).toBe('01/08/2025');
  });

  it('leaves text that is not a stored date as typed', () => {
    expect(formatDayMonthYear('15/8')).toBe('15/8');
  });

  it('round-trips with the parser', () => {
    expect(parseDayMonthYear(formatDayMonthYear('1999-12-31'))).toBe('1999-12-31');
  });
});

describe('todayInVietnam', () => {
  it('is already tomorrow in Vietnam at 17:00 UTC', () => {
    expect(todayInVietnam(Date.UTC(2025, 7, 14, 17, 0))).toBe('2025-08-15');
  });

  it('is still today in Vietnam at 16:59 UTC', () => {
    expect(todayInVietnam(Date.UTC(2025, 7, 14, 16, 59))).toBe('2025-08-14');
  });
});
