import { describe, expect, it } from 'vitest';
import { ChaffTimer } from './chaff.js';

describe('ChaffTimer (decoys take about as long as real requests)', () => {
  it('waits nothing before any real request has been seen', () => {
    expect(new ChaffTimer().delayMs('publish', 0.5)).toBe(0);
  });

  it.each([
    ['middle of the spread', 0.5, 40],
    ['lowest', 0, 32],
    ['highest', 0.999, 47.98],
  ])('the mean of real durations, spread ±20 %%: %s', (_name, jitter, expected) => {
    const timer = new ChaffTimer();
    for (const ms of [20, 40, 60]) timer.record('publish', ms);
    expect(timer.delayMs('publish', jitter)).toBeCloseTo(expected, 1);
    expect(timer.delayMs('verify', jitter)).toBe(0);
  });

  it('follows the last 32 real requests, and never waits more than 3 s', () => {
    const timer = new ChaffTimer();
    for (let i = 0; i < 32; i++) timer.record('verify', 10_000);
    expect(timer.delayMs('verify', 0.5)).toBe(3_000);
    for (let i = 0; i < 32; i++) timer.record('verify', 10);
    expect(timer.delayMs('verify', 0.5)).toBe(10);
  });
});
