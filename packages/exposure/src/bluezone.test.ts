import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import {
  RADIO,
  bluezoneDailyKey,
  bluezoneIdentifierAt,
  bluezoneIdentifiers,
  bluezoneSlotAt,
  bluezoneSlotMs,
} from './bluezone.js';
import { DAY_MS } from './intervals.js';

// docs/protocols/exposure.md §A test vector: base key 00 01 … 1f.
const BASE_KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const BASE_DAY = 18_600;

describe('Bluezone v2 schedule (published vector)', () => {
  it('day 0 uses the base key itself: id[0] and id[1]', () => {
    const ids = bluezoneIdentifiers(bluezoneDailyKey(BASE_KEY, BASE_DAY, BASE_DAY));
    expect(ids).toHaveLength(96);
    expect(toHex(ids[0] ?? new Uint8Array()).toUpperCase()).toBe('130CEA6472130C185D8643DF');
    expect(toHex(ids[1] ?? new Uint8Array()).toUpperCase()).toBe('893DAE342437130CE5E23837');
  });

  it('day 1: daily key is SHA-256 of the base key, and its id[0]', () => {
    const daily = bluezoneDailyKey(BASE_KEY, BASE_DAY, BASE_DAY + 1);
    expect(toHex(daily)).toBe('630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd');
    expect(toHex(bluezoneIdentifiers(daily, 1)[0] ?? new Uint8Array()).toUpperCase()).toBe('970E23C0E19DE93F8CC4057B');
  });

  it('the chain is cumulative: day 3 from the base equals day 1 from day 2', () => {
    const day2 = bluezoneDailyKey(BASE_KEY, BASE_DAY, BASE_DAY + 2);
    expect(toHex(bluezoneDailyKey(BASE_KEY, BASE_DAY, BASE_DAY + 3))).toBe(toHex(bluezoneDailyKey(day2, 0, 1)));
    expect(() => bluezoneDailyKey(BASE_KEY, BASE_DAY, BASE_DAY - 1)).toThrow(RangeError);
  });

  it('identifiers are distinct within a day', () => {
    const ids = bluezoneIdentifiers(bluezoneDailyKey(BASE_KEY, BASE_DAY, BASE_DAY)).map(toHex);
    expect(new Set(ids).size).toBe(96);
  });

  it('each identifier is valid for 15 minutes from UTC midnight', () => {
    const dayStart = BASE_DAY * DAY_MS;
    expect(bluezoneSlotMs()).toBe(15 * 60 * 1000);
    expect(bluezoneSlotAt(dayStart)).toBe(0);
    expect(bluezoneSlotAt(dayStart + 15 * 60 * 1000 - 1)).toBe(0);
    expect(bluezoneSlotAt(dayStart + 15 * 60 * 1000)).toBe(1);
    expect(bluezoneSlotAt(dayStart + DAY_MS - 1)).toBe(95);
    expect(bluezoneSlotAt(dayStart + 60 * 60 * 1000, 24)).toBe(1);
    expect(toHex(bluezoneIdentifierAt(BASE_KEY, BASE_DAY, dayStart + 16 * 60 * 1000)).toUpperCase()).toBe('893DAE342437130CE5E23837');
  });

  it('publishes the radio constants a native adapter needs', () => {
    expect(RADIO).toMatchObject({ bluezoneServiceUuid: 0x4e56, gaenServiceUuid: 0xfd6f, bluezoneManufacturerId: 8885, dedupeMs: 5000 });
    expect(RADIO).toMatchObject({ advertisingIntervalMs: { min: 200, max: 270 }, addressRotationMs: { min: 600_000, max: 1_200_000 }, scanEveryMs: 300_000 });
    // A scan window must span several advertising intervals, or a scan can miss a phone that is there.
    expect(RADIO.scanWindowMs / RADIO.advertisingIntervalMs.max).toBeGreaterThan(10);
    expect(Object.isFrozen(RADIO)).toBe(true);
  });
});
