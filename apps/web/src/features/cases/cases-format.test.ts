import { describe, expect, it } from 'vitest';
import {
  changedFields,
  displayPhone,
  formatDecimal,
  formatGenerations,
  formatLocalDate,
  formatShare,
  formatWindow,
  vietnamDate,
  vietnamDateTimeToEpoch,
} from './cases-format.js';

describe('formatLocalDate', () => {
  it.each([
    ['2025-08-15', '15/08/2025'],
    [null, '—'],
    ['', '—'],
    ['soon', 'soon'],
  ])('writes %j as %s', (input, expected) => {
    expect(formatLocalDate(input)).toBe(expected);
  });
});

describe('formatWindow', () => {
  it('gives one date for a window within a day in Vietnam', () => {
    expect(formatWindow(Date.UTC(2025, 7, 1, 1, 0), Date.UTC(2025, 7, 1, 2, 30))).toBe('01/08/2025 08:00–09:30');
  });
  it('gives both dates across midnight in Vietnam', () => {
    expect(formatWindow(Date.UTC(2025, 7, 1, 16, 0), Date.UTC(2025, 7, 1, 18, 0))).toBe('01/08/2025 23:00 – 02/08/2025 01:00');
  });
});

describe('vietnam time', () => {
  it('reads a datetime-local value as Vietnam time', () => {
    expect(vietnamDateTimeToEpoch('2025-08-01T08:30')).toBe(Date.UTC(2025, 7, 1, 1, 30));
    expect(vietnamDateTimeToEpoch('')).toBeNaN();
    expect(vietnamDateTimeToEpoch('01/08/2025')).toBeNaN();
  });
  it('gives the calendar date in Vietnam', () => {
    expect(vietnamDate(Date.UTC(2025, 7, 1, 17, 0))).toBe('2025-08-02');
  });
});

describe('numbers', () => {
  it('groups and rounds as each language does', () => {
    expect(formatDecimal(1234.56, 'vi')).toBe('1.234,6');
    expect(formatDecimal(1234.56, 'en')).toBe('1,234.6');
    expect(formatShare(0.426, 'en')).toBe('43%');
    expect(formatShare(0.426, 'vi')).toMatch(/^43\s?%$/);
  });
  it('lists traced generations in order', () => {
    expect(formatGenerations({ '2': 1200, '1': 30 }, (n) => String(n))).toBe('F1: 30, F2: 1200');
  });
});

describe('displayPhone', () => {
  it('writes +84 numbers with a leading 0', () => {
    expect(displayPhone('+84912345678')).toBe('0912345678');
    expect(displayPhone(null)).toBe('—');
  });
});

describe('changedFields', () => {
  it('keeps only changed, non-empty values', () => {
    expect(changedFields({ classification: 'suspected', onsetDate: '2025-08-01', testDate: null }, { classification: 'confirmed', onsetDate: '2025-08-01', testDate: '' })).toEqual({
      classification: 'confirmed',
    });
  });
});
