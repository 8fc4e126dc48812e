import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { buildExposureWindows } from './exposure-windows.js';
import { gaenAdvertisement } from './gaen.js';
import { intervalNumberFromMs } from './intervals.js';
import { matchKeys } from './matching.js';
import { SimulatedAir } from './radio.js';
import { scoreDays } from './risk.js';
import { indexSightings } from './sighting-index.js';
import type { Sighting } from './types.js';

const START = Date.UTC(2021, 6, 15, 9);
const ROLLING_START = intervalNumberFromMs(Date.UTC(2021, 6, 15));
const tekOf = (n: number) => Uint8Array.from({ length: 16 }, (_, i) => n * 16 + i);

function phone(air: SimulatedAir, name: string, room: string | null, n: number) {
  const radio = air.join(name, room);
  const heard: Sighting[] = [];
  radio.onSighting((s) => heard.push(s));
  radio.advertiseWith((now) => ({ scheme: 'gaen', ...gaenAdvertisement(tekOf(n), ROLLING_START, now, 0) }));
  return { radio, heard, tek: tekOf(n) };
}

describe('SimulatedAir', () => {
  it('phones in the same room hear each other at every scan; other rooms hear nothing', () => {
    const air = new SimulatedAir({ scanIntervalMs: 60_000, attenuation: 62 });
    const a = phone(air, 'a', 'class-1', 1);
    const b = phone(air, 'b', 'class-1', 2);
    const c = phone(air, 'c', 'class-2', 3);
    expect(air.advanceTo(START)).toBe(1);
    expect(air.advanceTo(START + 20 * 60_000)).toBe(20);
    expect(air.advanceTo(START + 20 * 60_000)).toBe(0);
    expect(a.heard).toHaveLength(21);
    expect(b.heard).toHaveLength(21);
    expect(c.heard).toHaveLength(0);
    expect(a.heard[0]).toMatchObject({ seenAt: START, rssi: -62, attenuation: 62 });
    expect(new Set(a.heard.map((s) => toHex(s.id))).size).toBe(3);
  });

  it('is deterministic: the same run gives the same sightings', () => {
    const run = () => {
      const air = new SimulatedAir();
      const a = phone(air, 'a', 'r', 1);
      phone(air, 'b', 'r', 2);
      air.advanceTo(START);
      air.advanceTo(START + 600_000);
      return a.heard.map((s) => `${toHex(s.id)}@${s.seenAt}`);
    };
    expect(run()).toEqual(run());
  });

  it('uses per-room attenuation, moves phones, and stops silent phones', () => {
    const air = new SimulatedAir({ scanIntervalMs: 60_000 });
    air.setRoomAttenuation('hall', 80);
    const a = phone(air, 'a', 'hall', 1);
    const b = phone(air, 'b', 'hall', 2);
    air.scan(START);
    expect(a.heard.at(-1)?.attenuation).toBe(80);
    air.move(b.radio, 'office');
    air.scan(START + 60_000);
    expect(a.heard).toHaveLength(1);
    air.move(b.radio, 'hall');
    b.radio.stopAdvertising();
    air.scan(START + 120_000);
    expect(a.heard).toHaveLength(1);
    expect(b.heard).toHaveLength(2);
  });

  it('deduplicates the same identifier within 5 seconds', () => {
    const air = new SimulatedAir({ scanIntervalMs: 2_000 });
    const a = phone(air, 'a', 'r', 1);
    phone(air, 'b', 'r', 2);
    air.advanceTo(START);
    air.advanceTo(START + 10_000);
    expect(a.heard.map((s) => s.seenAt - START)).toEqual([0, 6_000]);
  });

  it('feeds matching: what a phone heard matches the other phone’s published key', () => {
    const air = new SimulatedAir({ scanIntervalMs: 60_000, attenuation: 65 });
    const a = phone(air, 'a', 'r', 1);
    const b = phone(air, 'b', 'r', 2);
    air.advanceTo(START);
    air.advanceTo(START + 14 * 60_000);
    const published = [{ keyData: b.tek, transmissionRiskLevel: 5, rollingStartIntervalNumber: ROLLING_START, rollingPeriod: 144 }];
    const [match] = matchKeys(indexSightings(a.heard), published);
    expect(match?.sightings).toHaveLength(15);
    const [day] = scoreDays(buildExposureWindows(match?.sightings ?? [], 5), START + 3_600_000);
    expect(day).toMatchObject({ level: 'high', weightedMinutes: 15 });
  });
});
