/// <reference types="node" />
// Node is used for fixtures and test randomness only; portability.test.ts keeps node: out of package code.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bluezoneDailyKey, bluezoneIdentifiers } from './bluezone.js';
import { fromHex, toHex } from './bytes.js';
import { checkExposure } from './check-exposure.js';
import { decodeExportBin, type ExposureKeyExport } from './export-file.js';
import { generateSigningKey } from './export-signature.js';
import { createExportZip } from './export-zip.js';
import { deriveAemk, deriveRpi, deriveRpik, encodeMetadata, encryptMetadata } from './gaen.js';
import { DAY_MS } from './intervals.js';
import { matchBluezoneKeys, matchKeys } from './matching.js';
import { heardBetween, indexSightings } from './sighting-index.js';
import type { Sighting, TemporaryExposureKey } from './types.js';

const random = (n: number) => new Uint8Array(randomBytes(n));
const TEK = fromHex('75c734c6dd1a782de7a965da5eb93125');
const FIRST = 2642976;
const VECTOR_KEY: TemporaryExposureKey = { keyData: TEK, transmissionRiskLevel: 5, rollingStartIntervalNumber: FIRST, rollingPeriod: 144 };
const at = (interval: number, plusMs = 60_000) => interval * 600_000 + plusMs;
const rpiAt = (interval: number) => deriveRpi(deriveRpik(TEK), interval);
const heardRpi = (interval: number, seenAt: number, extra: Partial<Sighting> = {}): Sighting => ({ id: rpiAt(interval), seenAt, rssi: -65, attenuation: 65, ...extra });
const randomKeys = (n: number) =>
  Array.from({ length: n }, (_, i): TemporaryExposureKey => ({ keyData: random(16), transmissionRiskLevel: 5, rollingStartIntervalNumber: FIRST - 144 * (i % 3), rollingPeriod: 144 }));

describe('matching against the reference implementation’s export', () => {
  it('finds exactly the one key whose RPI at interval 2646801 was heard', () => {
    const keys = decodeExportBin(new Uint8Array(readFileSync(new URL('./fixtures/gaen-internals-export.bin', import.meta.url)))).keys;
    const key = fromHex('2b714d3ec93c14e5d345003e59027aea');
    const heard = [{ id: deriveRpi(deriveRpik(key), 2646801), seenAt: at(2646801), rssi: -70 }];
    const matches = matchKeys(indexSightings(heard), keys);
    expect(matches).toHaveLength(1);
    expect(toHex(matches[0]?.key.keyData ?? new Uint8Array())).toBe('2b714d3ec93c14e5d345003e59027aea');
    expect(matches[0]?.sightings.map((s) => s.interval)).toEqual([2646801]);
  });
});

describe('matchKeys', () => {
  it.each([
    ['heard in its own interval', 50, 50, true],
    ['heard 12 intervals (2 h) later', 50, 62, true],
    ['heard 12 intervals earlier', 50, 38, true],
    ['heard 13 intervals later', 50, 63, false],
    ['heard 13 intervals earlier', 50, 37, false],
    ['first interval heard 2 h before the key starts', 0, -12, true],
    ['last interval heard 2 h after the key ends', 143, 155, true],
  ])('%s', (_name, rpiOffset, heardOffset, expected) => {
    const index = indexSightings([heardRpi(FIRST + rpiOffset, at(FIRST + heardOffset))]);
    const matches = matchKeys(index, [...randomKeys(20), VECTOR_KEY]);
    expect(matches.length).toBe(expected ? 1 : 0);
    if (expected) expect(matches[0]?.sightings[0]?.interval).toBe(FIRST + rpiOffset);
  });

  it('collects every sighting of a key, sorted by time, and ignores random ids', () => {
    const heard = [heardRpi(FIRST + 3, at(FIRST + 3)), ...randomKeys(50).map((k) => ({ id: k.keyData, seenAt: at(FIRST + 1), rssi: -50 })), heardRpi(FIRST + 1, at(FIRST + 1))];
    const [match, ...rest] = matchKeys(indexSightings(heard), [VECTOR_KEY, ...randomKeys(100)]);
    expect(rest).toEqual([]);
    expect(match?.sightings.map((s) => s.interval)).toEqual([FIRST + 1, FIRST + 3]);
  });

  it('needs all 16 bytes to match, not just the indexed prefix', () => {
    const id = rpiAt(FIRST + 7).slice();
    id[15] = (id[15] ?? 0) ^ 1;
    expect(matchKeys(indexSightings([{ id, seenAt: at(FIRST + 7), rssi: -60 }]), [VECTOR_KEY])).toEqual([]);
  });

  it('derives attenuation from the decrypted TX power, else the given attenuation, else the assumed TX power', () => {
    const rpi = rpiAt(FIRST);
    const aem = encryptMetadata(deriveAemk(TEK), rpi, encodeMetadata(8));
    const heard: Sighting[] = [
      { id: rpi, seenAt: at(FIRST, 0), rssi: -60, metadata: aem },
      { id: rpi, seenAt: at(FIRST, 10_000), rssi: -60, attenuation: 71 },
      { id: rpi, seenAt: at(FIRST, 20_000), rssi: -60 },
    ];
    const [match] = matchKeys(indexSightings(heard), [VECTOR_KEY], { assumedTxPowerDbm: -10 });
    expect(match?.sightings.map((s) => s.attenuation)).toEqual([68, 71, 50]);
  });

  it('skips nothing it should not: a key from a day nothing was heard gives no match', () => {
    const index = indexSightings([heardRpi(FIRST, at(FIRST + 144 * 3))]);
    expect(heardBetween(index, FIRST - 12, FIRST + 155)).toBe(false);
    expect(heardBetween(index, FIRST, FIRST + 144 * 3)).toBe(true);
    expect(matchKeys(index, [VECTOR_KEY])).toEqual([]);
  });
});

describe('matchBluezoneKeys', () => {
  const base = Uint8Array.from({ length: 32 }, (_, i) => i);
  const day = 18_600;
  const dailyKey = bluezoneDailyKey(base, day, day + 1);
  const ids = bluezoneIdentifiers(dailyKey);
  const slotAt = (slot: number, plusMs = 60_000) => (day + 1) * DAY_MS + slot * 900_000 + plusMs;
  const sighting = (slot: number, seenAt: number): Sighting => ({ id: ids[slot] ?? new Uint8Array(), seenAt, rssi: -70, attenuation: 60 });

  it.each([
    ['in its slot', 5, slotAt(5), true],
    ['1 h 59 min late', 5, slotAt(5, 900_000 + 7_140_000 - 1), true],
    ['2 h 1 min late', 5, slotAt(5, 900_000 + 7_260_000), false],
    ['2 h early, at midnight of the day before', 0, slotAt(0, -7_200_000), true],
  ])('%s', (_name, slot, seenAt, expected) => {
    const other = { dailyKey: bluezoneDailyKey(base, day, day + 2), day: day + 2 };
    const matches = matchBluezoneKeys(indexSightings([sighting(slot, seenAt)]), [other, { dailyKey, day: day + 1 }]);
    expect(matches.length).toBe(expected ? 1 : 0);
    if (expected) expect(matches[0]?.key.day).toBe(day + 1);
    if (expected) expect(matches[0]?.sightings[0]).toMatchObject({ interval: slot, attenuation: 60 });
  });

  it('a published key of another day does not match', () => {
    const matches = matchBluezoneKeys(indexSightings([sighting(5, slotAt(5))]), [{ dailyKey: bluezoneDailyKey(base, day, day), day }]);
    expect(matches).toEqual([]);
  });
});

describe('checkExposure', () => {
  const signer = generateSigningKey(random);
  const info = { verificationKeyId: '452', verificationKeyVersion: 'v1' };
  const batch = (keys: TemporaryExposureKey[]): ExposureKeyExport => ({
    startTimestamp: FIRST * 600,
    endTimestamp: FIRST * 600 + 86_400,
    region: 'VN',
    batchNum: 1,
    batchSize: 1,
    signatureInfos: [],
    keys,
    revisedKeys: [],
  });
  // 12 minutes together at 65 dB, one sighting a minute, the RPI rotating every 10 minutes.
  const heard = Array.from({ length: 12 }, (_, m) => {
    const seenAt = at(FIRST + 60, m * 60_000);
    return heardRpi(Math.floor(seenAt / 600_000), seenAt);
  });
  const nowMs = Date.UTC(2020, 3, 3, 8);

  it('scores a verified archive: 12 minutes at 65 dB with level 5 is a high-risk day', () => {
    const zip = createExportZip(batch([...randomKeys(30), VECTOR_KEY]), { secretKey: signer.secretKey, info });
    const result = checkExposure(heard, [zip], { nowMs, publicKey: signer.publicKey });
    expect(result.keysChecked).toBe(31);
    expect(result.matches).toHaveLength(1);
    expect(result.days).toHaveLength(1);
    expect(result.days[0]).toMatchObject({ date: '2020-04-02', level: 'high', weightedMinutes: 12 });
  });

  it('refuses an archive signed by another key', () => {
    const zip = createExportZip(batch([VECTOR_KEY]), { secretKey: generateSigningKey(random).secretKey, info });
    expect(() => checkExposure(heard, [zip], { nowMs, publicKey: signer.publicKey })).toThrow(expect.objectContaining({ code: 'bad_signature' }));
  });

  it('leaves out revoked keys and days past the risk horizon', () => {
    const revoked = createExportZip(batch([{ ...VECTOR_KEY, reportType: 5 }]), { secretKey: signer.secretKey, info });
    expect(checkExposure(heard, [revoked], { nowMs }).matches).toEqual([]);
    const zip = createExportZip(batch([VECTOR_KEY]), { secretKey: signer.secretKey, info });
    const late = checkExposure(heard, [zip], { nowMs: nowMs + 11 * DAY_MS });
    expect(late.matches).toHaveLength(1);
    expect(late.days).toEqual([]);
  });
});
