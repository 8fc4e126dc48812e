import { describe, expect, it } from 'vitest';
import {
  dayNumberOfInterval,
  dayStartInterval,
  intervalNumberFromMs,
  intervalNumberFromSeconds,
  intervalRange,
  utcDateOfDay,
  utcDayNumber,
  utcDayStartMs,
} from './intervals.js';

describe('ENIN arithmetic', () => {
  it('numbers 10-minute intervals since the epoch (the vector key starts 2020-04-02T00:00Z at 2642976)', () => {
    const start = Date.UTC(2020, 3, 2);
    expect(intervalNumberFromMs(start)).toBe(2642976);
    expect(intervalNumberFromSeconds(start / 1000 + 599)).toBe(2642976);
    expect(intervalNumberFromSeconds(start / 1000 + 600)).toBe(2642977);
    expect(intervalNumberFromMs(start - 1)).toBe(2642975);
  });

  it('aligns intervals to the UTC day start', () => {
    expect(dayStartInterval(2642976 + 143)).toBe(2642976);
    expect(dayStartInterval(2642976 + 144)).toBe(2642976 + 144);
    expect(dayNumberOfInterval(2642976)).toBe(utcDayNumber(Date.UTC(2020, 3, 2)));
  });

  it('gives the half-open time range of an interval', () => {
    const { startAt, endAt } = intervalRange(2642977);
    expect(startAt.toISOString()).toBe('2020-04-02T00:10:00.000Z');
    expect(endAt.toISOString()).toBe('2020-04-02T00:20:00.000Z');
  });

  it('finds UTC day starts and dates', () => {
    const t = Date.UTC(2021, 6, 15, 23, 59, 59);
    expect(utcDayStartMs(t)).toBe(Date.UTC(2021, 6, 15));
    expect(utcDateOfDay(utcDayNumber(t))).toBe('2021-07-15');
  });
});
