import type { RiskLevel } from '@phongdich/core';

export interface RiskCriteria {
  /** New community cases per 100,000 per week at which levels 2, 3 and 4 begin. */
  caseThresholds: readonly [number, number, number];
  /** Below this coverage (%), one level up. */
  minVaccinationCoverage: number;
}

export interface CommuneFigures {
  newCases7d: number;
  population: number;
  vaccinationCoverage: number | null;
  treatmentCapacityOk: boolean | null;
}

export function casesPer100k(figures: Pick<CommuneFigures, 'newCases7d' | 'population'>): number {
  return figures.population > 0 ? Math.round((figures.newCases7d / figures.population) * 100_000 * 10) / 10 : 0;
}

/**
 * Resolution 128/NQ-CP in three steps: the weekly rate of new community cases sets the level; low
 * vaccination coverage raises it one step; treatment capacity that no longer meets needs makes it 4.
 * Unknown coverage or capacity changes nothing.
 */
export function levelFromFigures(figures: CommuneFigures, criteria: RiskCriteria): RiskLevel {
  const rate = casesPer100k(figures);
  const [two, three, four] = criteria.caseThresholds;
  let level: RiskLevel = rate >= four ? 4 : rate >= three ? 3 : rate >= two ? 2 : 1;
  if (figures.newCases7d > 0 && figures.vaccinationCoverage !== null && figures.vaccinationCoverage < criteria.minVaccinationCoverage) {
    level = Math.min(4, level + 1) as RiskLevel;
  }
  if (figures.treatmentCapacityOk === false) level = 4;
  return level;
}

/**
 * A district's or province's level from its communes': the population-weighted mean rounded to the
 * nearest level ("weighted"), or the worst commune ("max").
 */
export function rollUp(communes: ReadonlyArray<{ level: number; population: number }>, rule: 'weighted' | 'max'): RiskLevel {
  if (communes.length === 0) return 1;
  if (rule === 'max') return Math.max(...communes.map((c) => c.level)) as RiskLevel;
  const people = communes.reduce((sum, c) => sum + c.population, 0);
  const weighted = communes.reduce((sum, c) => sum + c.level * c.population, 0) / Math.max(1, people);
  return Math.min(4, Math.max(1, Math.round(weighted))) as RiskLevel;
}
