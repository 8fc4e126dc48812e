import { describe, expect, it } from 'vitest';
import { formatLocalDate, formatPercent, parseDecimal, parseWhole, vietnamDate, zoneActive } from './map-format.js';

describe('map formatting', () => {
  it('writes dates as dd/mm/yyyy', () => {
    expect(formatLocalDate('2025-08-15')).toBe('15/08/2025');
    expect(formatLocalDate(null)).toBe('—');
  });
  it('gives the date in Vietnam', () => {
    expect(vietnamDate(Date.UTC(2025, 7, 1, 17, 30))).toBe('2025-08-02');
  });
  it('writes percentages in each language', () => {
    expect(formatPercent(72.5, 'en')).toBe('72.5%');
    expect(formatPercent(72.5, 'vi')).toMatch(/^72,5\s?%$/);
    expect(formatPercent(null, 'vi')).toBe('—');
  });
  it('reads numbers typed either way', () => {
    expect(parseDecimal('72,5')).toBe(72.5);
    expect(parseDecimal('72.5')).toBe(72.5);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('abc')).toBeNaN();
    expect(parseWhole('12.345')).toBe(12345);
    expect(parseWhole('12 345')).toBe(12345);
    expect(parseWhole('-3')).toBeNaN();
  });
});

describe('zoneActive', () => {
  it('holds until the end of the last day, or for good without one', () => {
    expect(zoneActive({ endsOn: null }, '2025-08-15')).toBe(true);
    expect(zoneActive({ endsOn: '2025-08-15' }, '2025-08-15')).toBe(true);
    expect(zoneActive({ endsOn: '2025-08-14' }, '2025-08-15')).toBe(false);
  });
});
