import { describe, expect, it } from 'vitest';
import { buildExposureWindows, indexSightings, matchKeys, scoreDays } from '@phongdich/exposure';
import { simulateBluetooth } from './bluetooth.js';
import { MONDAY, thaiNguyen } from './fixtures.js';
import { simulateProvince } from './model.js';
import { leftAt } from './visits.js';

const SCAN_MS = 5 * 60_000;
const sim = simulateProvince({ seed: 7, ...thaiNguyen(), communes: thaiNguyen().communes.slice(0, 3), people: 400, places: 20, startAt: MONDAY, days: 4 });
const { visits } = sim;

// Phones of the first 150 people; the rest carry none.
const withPhone = Array.from({ length: 150 }, (_, i) => i);
const phones = simulateBluetooth(sim, { people: withPhone, seed: 1, scanIntervalMs: SCAN_MS });

/** Scans at which both were in the same place, worked out from the visits alone (a scan at s hears who arrived before s and left at s or later). */
function sharedScans(a: number, b: number): number {
  let scans = 0;
  for (let x = 0; x < visits.count; x++) {
    if (visits.personIndex[x] !== a) continue;
    for (let y = 0; y < visits.count; y++) {
      if (visits.personIndex[y] !== b || visits.placeIndex[y] !== visits.placeIndex[x]) continue;
      const from = Math.max(visits.checkedInAt[x] as number, visits.checkedInAt[y] as number);
      const to = Math.min(leftAt(visits, x), leftAt(visits, y));
      if (to > from) scans += Math.floor(to / SCAN_MS) - Math.floor(from / SCAN_MS);
    }
  }
  return scans;
}

describe('the simulated radio over a simulated province', () => {
  it('gives every phone a key per day it was among others, and no phone to people without one', () => {
    expect(phones.size).toBe(150);
    const onAir = [...phones.values()].filter((p) => p.keys.length > 0);
    expect(onAir.length).toBeGreaterThan(100);
    for (const phone of onAir) {
      const starts = phone.keys.map((k) => k.rollingStartIntervalNumber);
      expect(starts.every((start, i) => start % 144 === 0 && (i === 0 || start > (starts[i - 1] ?? 0)))).toBe(true);
      expect(phone.keys.every((k) => k.keyData.length === 16 && k.rollingPeriod === 144)).toBe(true);
    }
    expect(phones.has(200)).toBe(false);
  });

  it('lets each phone find exactly the phones it shared a place with, as often as the visits say', () => {
    const sample = withPhone.filter((p) => (phones.get(p)?.keys.length ?? 0) > 0).slice(0, 12);
    expect(sample.length).toBeGreaterThan(5);
    let pairsMet = 0;
    for (const a of sample) {
      const index = indexSightings(phones.get(a)?.heard ?? []);
      for (const b of sample) {
        if (a === b) continue;
        const heard = matchKeys(index, phones.get(b)?.keys ?? []).reduce((n, m) => n + m.sightings.length, 0);
        expect({ a, b, heard }).toEqual({ a, b, heard: sharedScans(a, b) });
        if (heard > 0) pairsMet++;
      }
    }
    expect(pairsMet).toBeGreaterThan(0);
  });

  it('scores a long shared stay as an exposure', () => {
    let best = 0;
    for (const phone of phones.values()) {
      for (const other of phones.values()) {
        if (phone === other) continue;
        const windows = matchKeys(indexSightings(phone.heard), other.keys).flatMap((m) => buildExposureWindows(m.sightings, m.key.transmissionRiskLevel));
        for (const day of scoreDays(windows, sim.endAt)) best = Math.max(best, day.weightedMinutes);
      }
      if (best >= 15) break;
    }
    expect(best).toBeGreaterThanOrEqual(15);
  });
});
