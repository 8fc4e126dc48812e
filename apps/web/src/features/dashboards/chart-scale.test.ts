import { describe, expect, it } from 'vitest';
import { labelEvery, linePath, niceCeiling, ticks, xAt, yAt } from './chart-scale.js';

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2.3, 5],
    [3, 5],
    [7, 10],
    [11, 20],
    [21, 25],
    [240, 250],
    [251, 500],
    [1001, 2000],
  ])('%d → %d', (max, top) => {
    expect(niceCeiling(max)).toBe(top);
  });
});

describe('ticks', () => {
  it('spreads whole-number ticks from 0 to the top', () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(ticks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticks(2)).toEqual([0, 1, 2]);
    expect(ticks(1)).toEqual([0, 1]);
  });
  it('gives whole-number ticks for every ceiling of a count', () => {
    for (let max = 0; max <= 5000; max += 7) {
      for (const tick of ticks(niceCeiling(max))) expect(Number.isInteger(tick)).toBe(true);
    }
  });
});

describe('geometry', () => {
  const box = { width: 100, height: 50 };
  it('places points across the width and values from the bottom', () => {
    expect(xAt(0, 4, box)).toBe(12.5);
    expect(xAt(3, 4, box)).toBe(87.5);
    expect(xAt(0, 1, box)).toBe(50);
    expect(yAt(0, 10, box)).toBe(50);
    expect(yAt(10, 10, box)).toBe(0);
    expect(yAt(-3, 10, box)).toBe(50);
  });
  it('draws a path', () => {
    expect(linePath([0, 5, 10, 10], 10, box)).toBe('M12.5,50 L37.5,25 L62.5,0 L87.5,0');
    expect(linePath([], 10, box)).toBe('');
  });
  it('labels every few days so labels fit', () => {
    expect(labelEvery(30, 6)).toBe(5);
    expect(labelEvery(5, 6)).toBe(1);
    expect(labelEvery(366, 0)).toBe(366);
  });
});
