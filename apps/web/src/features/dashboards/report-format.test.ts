import { describe, expect, it } from 'vitest';
import { formatCount, formatDayMonth, formatDecimal, formatInstant, formatLocalDate, formatPeriod, formatShare, shareOf } from './report-format.js';

describe('numbers', () => {
  it('groups digits the way each language does', () => {
    expect(formatCount(1234567, 'vi')).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatDecimal(1234.56, 'vi')).toBe('1.234,6');
    expect(formatDecimal(12.04, 'en')).toBe('12');
  });
  it('writes shares as percentages and nothing as a dash', () => {
    expect(formatShare(0.8534, 'en')).toBe('85.3%');
    expect(formatShare(0.8534, 'vi')).toMatch(/^85,3\s?%$/);
    expect(formatShare(1, 'en')).toBe('100%');
    expect(formatShare(null, 'vi')).toBe('—');
    expect(formatCount(null, 'vi')).toBe('—');
    expect(formatDecimal(Number.NaN, 'vi')).toBe('—');
  });
  it('does not divide by zero', () => {
    expect(shareOf(3, 4)).toBe(0.75);
    expect(shareOf(0, 0)).toBeNull();
  });
});

describe('dates', () => {
  it('writes dd/mm/yyyy', () => {
    expect(formatLocalDate('2025-10-05')).toBe('05/10/2025');
    expect(formatLocalDate(null)).toBe('—');
    expect(formatDayMonth('2025-10-05')).toBe('05/10');
    expect(formatPeriod('2025-10-01', '2025-10-07')).toBe('01/10/2025 – 07/10/2025');
    expect(formatPeriod('2025-10-01', '2025-10-01')).toBe('01/10/2025');
  });
  it('writes instants in Vietnam time', () => {
    expect(formatInstant(Date.UTC(2025, 9, 15, 17, 30))).toBe('16/10/2025 00:30');
  });
});
