import { describe, expect, it } from 'vitest';
import { keyCovering, keptKeys, keysForUpload, newKeyAt, stopKeysAt, transmissionRisk, type DeviceKey } from './keys.js';

const DAY = 2_650_032; // a UTC day's first interval (multiple of 144)
let counter = 0;
const random = (n: number) => new Uint8Array(n).fill(++counter);

describe('device keys', () => {
  it('makes one key per UTC day, from its start', () => {
    const key = newKeyAt([], DAY + 60, random);
    expect(key).toMatchObject({ rollingStart: DAY, rollingPeriod: 144 });
    expect(keyCovering([key], DAY + 143)).toBe(key);
    expect(keyCovering([key], DAY + 144)).toBeUndefined();
  });

  it('stops the current key at an upload and starts the next one there', () => {
    const first = newKeyAt([], DAY + 10, random);
    const stopped = stopKeysAt([first], DAY + 70);
    expect(stopped).toEqual([{ ...first, rollingPeriod: 70 }]);
    const next = newKeyAt(stopped, DAY + 70, random);
    expect(next).toMatchObject({ rollingStart: DAY + 70, rollingPeriod: 74 });
    expect(next.keyData).not.toEqual(first.keyData);
    expect(stopKeysAt([first], DAY)).toEqual([]);
  });

  it('forgets keys whose day ended more than 14 days ago', () => {
    const keys: DeviceKey[] = [0, 13, 14, 15].map((d) => ({ rollingStart: DAY - d * 144, rollingPeriod: 144, keyData: random(16) }));
    expect(keptKeys(keys, DAY + 1).map((k) => (DAY - k.rollingStart) / 144)).toEqual([0, 13, 14]);
  });

  it('uploads only the keys of the infectious period, oldest first, with a risk by day from onset', () => {
    const keys: DeviceKey[] = [0, 1, 2, 3, 4, 5].map((d) => ({ rollingStart: DAY - d * 144, rollingPeriod: 144, keyData: random(16) }));
    const upload = keysForUpload(keys, DAY - 3 * 144, DAY + 5, DAY - 1 * 144);
    expect(upload.map((k) => (DAY - k.rollingStartIntervalNumber) / 144)).toEqual([3, 2, 1, 0]);
    expect(upload.map((k) => k.transmissionRiskLevel)).toEqual([5, 6, 8, 8]);
  });

  it.each([
    [-5, 3],
    [-2, 5],
    [-1, 6],
    [0, 8],
    [2, 8],
    [4, 6],
    [9, 4],
  ])('day %i from onset → transmission risk %i', (offset, level) => {
    expect(transmissionRisk(100 + offset, 100)).toBe(level);
  });
});
