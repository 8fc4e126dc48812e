import { describe, expect, it } from 'vitest';
import { DAY_MS, vietnamMidnight } from './calendar.js';
import { MONDAY, thaiNguyen } from './fixtures.js';
import { simulateProvince } from './model.js';
import { HOUSEHOLD, infectionAt, SEED } from './outbreak.js';
import { leftAt } from './visits.js';

// A small, crowded province with a contagious disease, so there are many infections to check.
const sim = simulateProvince({
  seed: 3,
  ...thaiNguyen(),
  communes: thaiNguyen().communes.slice(0, 8),
  people: 3000,
  places: 120,
  startAt: MONDAY,
  days: 21,
  outbreak: { seedDay: 2, seedCases: 10, transmissibility: 3, householdDailyRisk: 0.1 },
});
const { infections, course, visits, people } = sim;

/** The visits of a person at a place, by real presence (check-out recorded or not). */
function presence(person: number, place: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let v = 0; v < visits.count; v++) {
    if (visits.personIndex[v] === person && visits.placeIndex[v] === place) spans.push([visits.checkedInAt[v] ?? 0, leftAt(visits, v)]);
  }
  return spans;
}

describe('the outbreak', () => {
  it('spreads beyond the seed cases, at places and at home', () => {
    const kinds = new Set(Array.from(infections.placeIndex, (p) => (p >= 0 ? 'place' : p)));
    expect(infections.count).toBeGreaterThan(40);
    expect(kinds).toEqual(new Set(['place', HOUSEHOLD, SEED]));
  });

  it('describes an infection as who, by whom, where and when', () => {
    const first = infectionAt(infections, 0);
    expect(first).toEqual({ infected: infections.infected[0], source: -1, place: 'seed', at: infections.at[0] });
    const home = Array.from(infections.placeIndex).indexOf(HOUSEHOLD);
    expect(infectionAt(infections, home).place).toBe('household');
  });

  it('records each infected person once, in time order, within the simulated days', () => {
    const seen = new Set<number>();
    for (let i = 0; i < infections.count; i++) {
      const p = infections.infected[i] ?? 0;
      expect(seen.has(p)).toBe(false);
      seen.add(p);
      expect(course.infectedAt[p]).toBe(infections.at[i]);
      expect(infections.at[i]).toBeGreaterThanOrEqual(i > 0 ? (infections.at[i - 1] ?? 0) : sim.startAt);
      expect(infections.at[i]).toBeLessThan(sim.endAt);
      const onset = (course.onsetAt[p] ?? 0) - (infections.at[i] ?? 0);
      expect(onset).toBeGreaterThanOrEqual(2 * DAY_MS);
      expect(onset).toBeLessThanOrEqual(7 * DAY_MS);
    }
  });

  it('infects only through overlapping visits at the same place, or within a household', () => {
    for (let i = 0; i < infections.count; i++) {
      const at = infections.at[i] ?? 0;
      const infected = infections.infected[i] ?? 0;
      const source = infections.source[i] ?? 0;
      const place = infections.placeIndex[i] ?? 0;
      if (place === SEED) {
        expect(source).toBe(-1);
        expect(at - sim.startAt).toBeGreaterThanOrEqual(2 * DAY_MS);
        expect(at - sim.startAt).toBeLessThan(3 * DAY_MS);
        continue;
      }
      // The source was infected on an earlier day: nobody is infectious on the day of infection.
      expect(vietnamMidnight(course.infectedAt[source] ?? Number.NaN) + DAY_MS).toBeLessThanOrEqual(at);
      expect(course.detectedAt[source] ?? Number.NaN).not.toBeLessThanOrEqual(at);
      if (place === HOUSEHOLD) {
        expect(people.household[infected]).toBe(people.household[source]);
        continue;
      }
      const theirs = presence(infected, place).filter(([from, to]) => from <= at && at <= to);
      const sources = presence(source, place).filter(([from, to]) => from <= at && at <= to);
      expect(theirs.length, `infection ${i}: infected at the place`).toBeGreaterThan(0);
      expect(sources.length, `infection ${i}: source at the place at the same time`).toBeGreaterThan(0);
    }
  });

  it('keeps detected people out of every place once isolated', () => {
    for (let v = 0; v < visits.count; v++) {
      const detectedAt = course.detectedAt[visits.personIndex[v] ?? 0] ?? Number.NaN;
      if (!Number.isNaN(detectedAt)) expect(visits.checkedInAt[v]).toBeLessThan(detectedAt);
    }
  });

  it('does nothing without seed cases', () => {
    const calm = simulateProvince({ seed: 3, ...thaiNguyen(), people: 500, places: 40, startAt: MONDAY, days: 7 });
    expect(calm.infections.count).toBe(0);
    expect(calm.course.infectedAt.every(Number.isNaN)).toBe(true);
  });
});
