/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes.js';
import { deriveRpik, deriveRpis } from '../gaen.js';
import { matchKeys } from '../matching.js';
import { indexSightings } from '../sighting-index.js';
import { nativeRpiDeriverProblem, nodeCryptoRpiDeriver, nodeRpiDeriver } from './index.js';

const DERIVERS = [
  ['native', nodeRpiDeriver],
  ['node:crypto', nodeCryptoRpiDeriver],
] as const;

describe('nodeRpiDeriver', () => {
  // The build needs a C compiler, as better-sqlite3 does; a silent fallback would hide a broken build.
  it('is the native build', () => {
    expect(nativeRpiDeriverProblem()).toBeNull();
    expect(nodeRpiDeriver).not.toBe(nodeCryptoRpiDeriver);
  });

  it.each(DERIVERS)('%s: reproduces the EN vector RPIs for intervals 0, 1 and 143', (_, deriver) => {
    const rpis = deriver.rpis(fromHex('75c734c6dd1a782de7a965da5eb93125'), 2642976, 144, new Uint8Array(144 * 16));
    expect(toHex(rpis.subarray(0, 16))).toBe('8be6cd371c5c891604bfbe49df845096');
    expect(toHex(rpis.subarray(16, 32))).toBe('3c9a1de5dd6b02afa7fded7b570b3e56');
    expect(toHex(rpis.subarray(143 * 16, 144 * 16))).toBe('f431b62ecf443102ce4ed0407de54bd4');
  });

  it.each(DERIVERS)('%s: agrees with the JavaScript derivation for partial periods', (_, deriver) => {
    for (let i = 0; i < 50; i++) {
      const tek = new Uint8Array(randomBytes(16));
      const count = 1 + (i % 144);
      const node = deriver.rpis(tek, 2650000 + i, count, new Uint8Array(144 * 16));
      expect(toHex(node.subarray(0, count * 16))).toBe(toHex(deriveRpis(deriveRpik(tek), 2650000 + i, count)));
    }
  });

  it('refuses a key of the wrong length, a count outside 1–144 and a short output, instead of reading past them', () => {
    const out = new Uint8Array(144 * 16);
    expect(() => nodeRpiDeriver.rpis(new Uint8Array(15), 2650000, 144, out)).toThrow(/16 bytes/);
    expect(() => nodeRpiDeriver.rpis(new Uint8Array(16), 2650000, 145, out)).toThrow(/1 to 144/);
    expect(() => nodeRpiDeriver.rpis(new Uint8Array(16), 2650000, 0, out)).toThrow(/1 to 144/);
    expect(() => nodeRpiDeriver.rpis(new Uint8Array(16), 2650000, 144, new Uint8Array(100))).toThrow(/count \* 16/);
  });

  it('finds the same matches as the default deriver', () => {
    const keys = Array.from({ length: 200 }, (_, i) => ({ keyData: new Uint8Array(randomBytes(16)), transmissionRiskLevel: 5, rollingStartIntervalNumber: 2650032 - 144 * (i % 3), rollingPeriod: 144 }));
    const heard = keys.slice(0, 5).map((k, i) => ({ id: deriveRpis(deriveRpik(k.keyData), k.rollingStartIntervalNumber + i * 7, 1), seenAt: (k.rollingStartIntervalNumber + i * 7) * 600_000 + 5000, rssi: -60, attenuation: 60 }));
    const index = indexSightings(heard);
    const viaNode = matchKeys(index, keys, { deriver: nodeRpiDeriver });
    expect(viaNode.map((m) => toHex(m.key.keyData))).toEqual(matchKeys(index, keys).map((m) => toHex(m.key.keyData)));
    expect(viaNode).toHaveLength(5);
  });
});
