import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createExportZip, deriveRpi, deriveRpik, generateSigningKey, publicKeyToPem, type TemporaryExposureKey } from '@phongdich/exposure';
import { matchFiles } from './match-core.js';
import { mergeMatches, shareOf, summarize } from './risk-view.js';

const random = (n: number) => new Uint8Array(crypto.randomBytes(n));
const DAY = 2_650_032;
const signer = generateSigningKey(random);
const other = generateSigningKey(random);
const signingKeys = [{ verificationKeyId: 'VN', verificationKeyVersion: 'v1', publicKey: publicKeyToPem(signer.publicKey) }];
const keyOf = (start: number): TemporaryExposureKey => ({ keyData: random(16), rollingStartIntervalNumber: start, rollingPeriod: 144, transmissionRiskLevel: 5 });
const zip = (keys: TemporaryExposureKey[], secretKey = signer.secretKey) =>
  createExportZip({ startTimestamp: 1, endTimestamp: 2, region: 'VN', batchNum: 1, batchSize: 1, signatureInfos: [], keys, revisedKeys: [] }, { secretKey, info: { verificationKeyId: 'VN', verificationKeyVersion: 'v1' } });

/** Twenty minutes near the owner of `key`, one sighting a minute, 55 dB apart. */
function meeting(key: TemporaryExposureKey, startInterval: number) {
  return Array.from({ length: 20 }, (_, m) => {
    const interval = startInterval + Math.floor(m / 10);
    return { id: deriveRpi(deriveRpik(key.keyData), interval), seenAt: startInterval * 600_000 + m * 60_000, rssi: -59, attenuation: 55 };
  });
}

describe('matchFiles (the exposure check in the worker)', () => {
  const met = keyOf(DAY - 144);
  const sightings = [...meeting(met, DAY - 144 + 60), { id: random(16), seenAt: (DAY - 100) * 600_000, rssi: -70, attenuation: 70 }];
  const now = (DAY + 10) * 600_000;

  it('finds the met key in a signed file and scores a high-risk day', () => {
    const result = matchFiles({ sightings, files: [{ name: 'VN/1-2-00001.zip', bytes: zip([keyOf(DAY - 288), met, keyOf(DAY - 144)]) }], signingKeys });
    expect(result.files).toEqual([{ name: 'VN/1-2-00001.zip', ok: true, keys: 3 }]);
    expect(result.keysChecked).toBe(3);
    expect(result.matches).toHaveLength(1);
    const summary = summarize(result.matches, now);
    expect(summary.worst).toMatchObject({ level: 'high', date: new Date((DAY - 144) * 600_000).toISOString().slice(0, 10) });
    expect(summary.worst?.weightedMinutes).toBeCloseTo(16, 5);
    const share = shareOf(summary.worst as NonNullable<typeof summary.worst>, result.matches);
    expect(share).toMatchObject({ level: 'high', keys: [{ key: Buffer.from(met.keyData).toString('base64'), rollingStartNumber: DAY - 144 }], windowStart: (DAY - 84) * 600_000, windowEnd: (DAY - 84) * 600_000 + 19 * 60_000 });
  });

  it('sets aside a file signed by another key, or not a zip, and matches nothing from it', () => {
    const result = matchFiles({ sightings, files: [{ name: 'a.zip', bytes: zip([met], other.secretKey) }, { name: 'b.zip', bytes: new Uint8Array([1, 2, 3]) }], signingKeys });
    expect(result.files).toEqual([
      { name: 'a.zip', ok: false, keys: 0, problem: 'signature' },
      { name: 'b.zip', ok: false, keys: 0, problem: 'unreadable' },
    ]);
    expect(result.matches).toEqual([]);
  });

  it('keeps matches across checks without counting a sighting twice', () => {
    const first = matchFiles({ sightings, files: [{ name: '1', bytes: zip([met]) }], signingKeys }).matches;
    const again = matchFiles({ sightings, files: [{ name: '2', bytes: zip([met]) }], signingKeys }).matches;
    const merged = mergeMatches(first, again);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.sightings).toHaveLength(20);
    expect(summarize(merged, now).worst?.weightedMinutes).toBeCloseTo(16, 5);
    expect(summarize(merged, now + 12 * 86_400_000).worst).toBeNull();
  });
});
