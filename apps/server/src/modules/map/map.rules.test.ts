import { describe, expect, it } from 'vitest';
import { casesPer100k, levelFromFigures, rollUp } from './risk.rules.js';
import { ringAreaKm2, selfIntersects, zoneProblem } from './zone-geometry.js';

const criteria = { caseThresholds: [20, 50, 150] as const, minVaccinationCoverage: 70 };
const figures = (newCases7d: number, population = 100_000, vaccinationCoverage: number | null = null, treatmentCapacityOk: boolean | null = null) => ({ newCases7d, population, vaccinationCoverage, treatmentCapacityOk });

describe('risk levels (Resolution 128)', () => {
  it.each([
    [0, 1],
    [19, 1],
    [20, 2],
    [49, 2],
    [50, 3],
    [149, 3],
    [150, 4],
  ])('%i new cases per 100,000 a week is level %i', (cases, level) => {
    expect(levelFromFigures(figures(cases), criteria)).toBe(level);
  });

  it('scales by population', () => {
    expect(casesPer100k({ newCases7d: 3, population: 2000 })).toBe(150);
    expect(levelFromFigures(figures(3, 2000), criteria)).toBe(4);
  });

  it('goes one step up with low coverage when there are cases, and to 4 when treatment is overwhelmed', () => {
    expect(levelFromFigures(figures(25, 100_000, 50), criteria)).toBe(3);
    expect(levelFromFigures(figures(25, 100_000, 80), criteria)).toBe(2);
    expect(levelFromFigures(figures(0, 100_000, 10), criteria)).toBe(1);
    expect(levelFromFigures(figures(200, 100_000, 10), criteria)).toBe(4);
    expect(levelFromFigures(figures(0, 100_000, 90, false), criteria)).toBe(4);
  });

  it('rolls up by population or by the worst commune', () => {
    const communes = [
      { level: 4, population: 1000 },
      { level: 1, population: 99_000 },
    ];
    expect(rollUp(communes, 'weighted')).toBe(1);
    expect(rollUp(communes, 'max')).toBe(4);
    expect(rollUp([{ level: 3, population: 1 }, { level: 2, population: 1 }], 'weighted')).toBe(3);
    expect(rollUp([], 'max')).toBe(1);
  });
});

describe('zone geometry', () => {
  const square: Array<[number, number]> = [
    [105.8, 22.1],
    [105.81, 22.1],
    [105.81, 22.11],
    [105.8, 22.11],
    [105.8, 22.1],
  ];
  it('measures a 1 km square at this latitude to within 2%', () => {
    expect(ringAreaKm2(square)).toBeGreaterThan(1.14 * 0.98);
    expect(ringAreaKm2(square)).toBeLessThan(1.14 * 1.02);
  });
  it('finds a bow tie and a folded ring, and accepts a square', () => {
    expect(selfIntersects(square)).toBe(false);
    expect(selfIntersects([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toBe(true);
    expect(selfIntersects([[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]])).toBe(true);
  });
  it('names the problem of an open, crossing, enormous or empty zone', () => {
    expect(zoneProblem([square], 500)).toBeNull();
    expect(zoneProblem([square.slice(0, 4)], 500)).toBe('ring_not_closed');
    expect(zoneProblem([[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]], 500)).toBe('self_intersecting');
    expect(zoneProblem([[[105, 21], [106, 21], [106, 22], [105, 22], [105, 21]]], 500)).toBe('too_large');
    expect(zoneProblem([[[105, 21], [105, 21], [105, 21], [105, 21]]], 500)).toBe('too_small');
  });
});
