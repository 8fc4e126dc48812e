import { describe, expect, it } from 'vitest';
import { safetyLevelOf } from './map.js';
import { PLACE_TYPES } from './places.js';
import { criteriaSetFor, riskPercentOf, SAFETY_CRITERIA_SETS } from './safety-criteria.js';

describe('safety self-assessment', () => {
  it('has a set of at least ten bilingual criteria with points for every kind of place', () => {
    for (const type of PLACE_TYPES) expect(criteriaSetFor(type).placeTypes).toContain(type);
    for (const set of SAFETY_CRITERIA_SETS) {
      expect(set.criteria.length).toBeGreaterThanOrEqual(10);
      expect(new Set(set.criteria.map((c) => c.id)).size).toBe(set.criteria.length);
      for (const c of set.criteria) {
        expect(c.vi.length).toBeGreaterThan(5);
        expect(c.en.length).toBeGreaterThan(5);
        expect(c.points).toBeGreaterThan(0);
      }
    }
    expect(new Set(SAFETY_CRITERIA_SETS.flatMap((s) => s.placeTypes)).size).toBe(PLACE_TYPES.length);
  });

  it('scores the risk left by missing measures in percent of all points', () => {
    const set = criteriaSetFor('market');
    const all = Object.fromEntries(set.criteria.map((c) => [c.id, true]));
    expect(riskPercentOf(set, all)).toBe(0);
    expect(riskPercentOf(set, {})).toBe(100);
    const total = set.criteria.reduce((s, c) => s + c.points, 0);
    expect(riskPercentOf(set, { ...all, masks: false })).toBeCloseTo((10 / total) * 100, 1);
  });

  it.each([
    [0, 'very_low'],
    [15, 'very_low'],
    [15.1, 'low'],
    [30, 'low'],
    [31, 'medium'],
    [50, 'medium'],
    [51, 'high'],
    [80, 'high'],
    [81, 'very_high'],
    [100, 'very_high'],
  ])('%d%% is %s', (percent, level) => {
    expect(safetyLevelOf(percent)).toBe(level);
  });
});
