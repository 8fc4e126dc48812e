import { describe, expect, it } from 'vitest';
import { PLACE_TYPES, VISIT_METHODS } from '@phongdich/core';
import { DAY_MS, MINUTE_MS, vietnamMinuteOfDay } from './calendar.js';
import { MONDAY, thaiNguyen } from './fixtures.js';
import { simulateProvince, type Simulation, type SimulationOptions } from './model.js';
import { MAX_VISITS_PER_DAY, PLACE_PROFILES } from './profiles.js';
import { leftAt } from './visits.js';

const province = thaiNguyen();
const base: SimulationOptions = { seed: 7, ...province, people: 4000, places: 250, startAt: MONDAY, days: 14, outbreak: { seedDay: 1, seedCases: 5 } };
const sim = simulateProvince(base);

function columns(s: Simulation): Record<string, ArrayBufferView> {
  const { people, households, places, visits, infections, course } = s;
  return {
    age: people.age, household: people.household, commune: people.commune, smartphone: people.smartphone, anchor: people.anchor,
    hhFirst: households.firstPerson, hhSize: households.size, hhCommune: households.commune,
    type: places.type, placeCommune: places.commune, lat: places.lat, lon: places.lon, capacity: places.capacity, owner: places.owner,
    person: visits.personIndex, place: visits.placeIndex, in: visits.checkedInAt, out: visits.checkedOutAt, stay: visits.stayMinutes, method: visits.method,
    infected: infections.infected, source: infections.source, at: infections.at, infectedAt: course.infectedAt, detectedAt: course.detectedAt,
  };
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Each person's visits in time order. */
function byPerson(s: Simulation): number[][] {
  const lists: number[][] = Array.from({ length: s.people.count }, () => []);
  for (let v = 0; v < s.visits.count; v++) lists[s.visits.personIndex[v] ?? 0]?.push(v);
  return lists;
}

describe('simulateProvince determinism', () => {
  it('gives identical output for the same seed', () => {
    const again = simulateProvince(base);
    const a = columns(sim);
    const b = columns(again);
    for (const key of Object.keys(a)) expect(bytes(b[key] as ArrayBufferView).equals(bytes(a[key] as ArrayBufferView)), key).toBe(true);
  });

  it('gives different output for another seed', () => {
    const other = simulateProvince({ ...base, seed: 8 });
    expect(bytes(other.visits.checkedInAt).equals(bytes(sim.visits.checkedInAt))).toBe(false);
    expect(bytes(other.people.age).equals(bytes(sim.people.age))).toBe(false);
  });
});

describe('simulateProvince shape', () => {
  it('builds households of 2–6 people sharing a commune', () => {
    const { households, people } = sim;
    let total = 0;
    for (let h = 0; h < households.count; h++) {
      const size = households.size[h] ?? 0;
      total += size;
      expect(size).toBeGreaterThanOrEqual(2);
      expect(size).toBeLessThanOrEqual(6);
      for (let p = households.firstPerson[h] ?? 0; p < (households.firstPerson[h] ?? 0) + size; p++) {
        expect(people.household[p]).toBe(h);
        expect(people.commune[p]).toBe(households.commune[h]);
      }
    }
    expect(total).toBe(people.count);
  });

  it('has places of every kind in plausible proportions, a few km from their commune centre', () => {
    const { places } = sim;
    const perType = new Map<string, number>();
    for (let i = 0; i < places.count; i++) {
      const type = PLACE_TYPES[places.type[i] ?? 0] ?? 'other';
      perType.set(type, (perType.get(type) ?? 0) + 1);
      const [low, high] = PLACE_PROFILES[type].capacity;
      expect(places.capacity[i]).toBeGreaterThanOrEqual(low);
      expect(places.capacity[i]).toBeLessThanOrEqual(high);
      const centre = sim.centres[places.commune[i] ?? 0];
      expect(Math.abs((places.lat[i] ?? 0) - (centre?.lat ?? 0))).toBeLessThan(3.01 / 111);
      expect(places.owner[i]).toBeGreaterThanOrEqual(0);
    }
    expect(perType.size).toBe(PLACE_TYPES.length);
    expect(perType.get('restaurant_cafe')).toBeGreaterThan(perType.get('station_port') ?? 0);
    expect(perType.get('school')).toBe(Math.round(0.12 * places.count));
  });

  it('keeps every visit inside the simulated days', () => {
    const { visits } = sim;
    expect(visits.count).toBeGreaterThan(sim.people.count * sim.days * 0.3);
    for (let v = 0; v < visits.count; v++) {
      const checkedInAt = visits.checkedInAt[v] ?? 0;
      const out = visits.checkedOutAt[v] ?? 0;
      expect(checkedInAt).toBeGreaterThanOrEqual(sim.startAt);
      expect(checkedInAt).toBeLessThan(sim.endAt);
      if (!Number.isNaN(out)) expect(out).toBeLessThanOrEqual(sim.endAt);
      if (!Number.isNaN(out)) expect(out).toBe(leftAt(visits, v));
      if (v > 0) expect(checkedInAt).toBeGreaterThanOrEqual(visits.checkedInAt[v - 1] ?? 0);
    }
  });

  it('makes 0–4 visits a person a day, never two at once', () => {
    for (const list of byPerson(sim)) {
      const perDay = new Map<number, number>();
      list.forEach((v, k) => {
        const day = Math.floor(((sim.visits.checkedInAt[v] ?? 0) - sim.startAt) / DAY_MS);
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
        const previous = list[k - 1];
        if (previous !== undefined) expect(sim.visits.checkedInAt[v]).toBeGreaterThanOrEqual(leftAt(sim.visits, previous));
      });
      for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(MAX_VISITS_PER_DAY);
    }
  });

  it('checks people in at the hours each kind of place is busy', () => {
    const { visits, places } = sim;
    const allowed = (type: (typeof PLACE_TYPES)[number], minute: number) => {
      const p = PLACE_PROFILES[type];
      const spans = [...p.windows.map((w) => [w[0], w[1]]), [p.shift.start[0], p.shift.start[1]], ...(type === 'school' ? [[400, 465]] : [])];
      return spans.some(([from = 0, to = 0]) => minute >= from && minute < to + 1);
    };
    const markets: number[] = [];
    for (let v = 0; v < visits.count; v++) {
      const type = PLACE_TYPES[places.type[visits.placeIndex[v] ?? 0] ?? 0] ?? 'other';
      const minute = vietnamMinuteOfDay(visits.checkedInAt[v] ?? 0);
      expect(allowed(type, minute), `${type} at ${minute}`).toBe(true);
      if (type === 'market') markets.push(minute);
    }
    expect(markets.filter((m) => m < 9 * 60).length / markets.length).toBeGreaterThan(0.6);
  });

  it('sends pupils to school on weekdays only', () => {
    const { visits, places, people } = sim;
    let weekday = 0;
    for (let v = 0; v < visits.count; v++) {
      if (PLACE_TYPES[places.type[visits.placeIndex[v] ?? 0] ?? 0] !== 'school' || (people.age[visits.personIndex[v] ?? 0] ?? 0) >= 18) continue;
      const day = new Date((visits.checkedInAt[v] ?? 0) + 7 * 3_600_000).getUTCDay();
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(5);
      weekday++;
    }
    expect(weekday).toBeGreaterThan(0);
  });

  it.each([0, 0.15, 0.4])('leaves about %s of visits without a check-out', (share) => {
    const s = share === 0.15 ? sim : simulateProvince({ ...base, missedCheckoutShare: share });
    let open = 0;
    for (let v = 0; v < s.visits.count; v++) if (Number.isNaN(s.visits.checkedOutAt[v])) open++;
    expect(Math.abs(open / s.visits.count - share)).toBeLessThan(0.02);
  });

  it('has staff record the visits of people without a smartphone', () => {
    const { visits, people } = sim;
    let without = 0;
    for (let p = 0; p < people.count; p++) without += people.smartphone[p] ? 0 : 1;
    expect(Math.abs(without / people.count - 0.2)).toBeLessThan(0.03);
    for (let v = 0; v < visits.count; v++) {
      const method = VISIT_METHODS[visits.method[v] ?? 0] ?? '';
      expect(method.startsWith('staff_')).toBe(people.smartphone[visits.personIndex[v] ?? 0] === 0);
    }
  });

  it('never leaves a visit open where the person scans again before the server would close it', () => {
    const { visits, places } = sim;
    for (const list of byPerson(sim)) {
      const openUntil = new Map<number, number>();
      for (const v of list) {
        const place = visits.placeIndex[v] ?? 0;
        expect((openUntil.get(place) ?? -Infinity) <= (visits.checkedInAt[v] ?? 0)).toBe(true);
        const dwell = sim.dwellMinutes[PLACE_TYPES[places.type[place] ?? 0] ?? 'other'] * MINUTE_MS;
        if (Number.isNaN(visits.checkedOutAt[v])) openUntil.set(place, (visits.checkedInAt[v] ?? 0) + dwell);
        else openUntil.delete(place);
      }
    }
  });
});
