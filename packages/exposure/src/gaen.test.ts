/// <reference types="node" />
// node:crypto is an independent HKDF to cross-check ours; package code never imports Node.
import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import {
  decodeMetadata,
  decryptMetadata,
  deriveAemk,
  deriveRpi,
  deriveRpik,
  deriveRpis,
  encodeMetadata,
  encryptMetadata,
  gaenAdvertisement,
} from './gaen.js';

// docs/protocols/exposure.md §B test vector.
const TEK = fromHex('75c734c6dd1a782de7a965da5eb93125');
const FIRST = 2642976;
const METADATA = fromHex('40080000');

describe('Exposure Notification key schedule (published vector)', () => {
  it('derives RPIK and AEMK', () => {
    expect(toHex(deriveRpik(TEK))).toBe('185ad91db69ec7dd048960f1f3ba6175');
    expect(toHex(deriveAemk(TEK))).toBe('d57c46af7a1d83965b9bed8bd152936a');
  });

  it.each([
    [0, '8be6cd371c5c891604bfbe49df845096', '72033874'],
    [1, '3c9a1de5dd6b02afa7fded7b570b3e56', 'c29211b1'],
    [143, 'f431b62ecf443102ce4ed0407de54bd4', '1215e57e'],
  ])('interval %i: RPI and AEM', (j, rpi, aem) => {
    const got = deriveRpi(deriveRpik(TEK), FIRST + j);
    expect(toHex(got)).toBe(rpi);
    expect(toHex(encryptMetadata(deriveAemk(TEK), got, METADATA))).toBe(aem);
  });

  it('batch derivation equals one-by-one derivation for the whole rolling period', () => {
    const rpik = deriveRpik(TEK);
    const all = deriveRpis(rpik, FIRST);
    expect(all.length).toBe(144 * 16);
    for (const j of [0, 1, 77, 143]) expect(toHex(all.subarray(j * 16, j * 16 + 16))).toBe(toHex(deriveRpi(rpik, FIRST + j)));
    expect(toHex(all.subarray(143 * 16))).toBe('f431b62ecf443102ce4ed0407de54bd4');
  });

  it('agrees with an independent HKDF for many keys in a row (the reused HMAC state never leaks)', () => {
    for (let n = 0; n < 50; n++) {
      const tek = Uint8Array.from({ length: 16 }, (_, i) => (n * 37 + i * 11) & 0xff);
      const expected = (info: string) => toHex(new Uint8Array(hkdfSync('sha256', tek, new Uint8Array(), info, 16)));
      expect(toHex(deriveRpik(tek))).toBe(expected('EN-RPIK'));
      expect(toHex(deriveAemk(tek))).toBe(expected('EN-AEMK'));
    }
  });

  it('rejects keys of the wrong length', () => {
    expect(() => deriveRpik(new Uint8Array(15))).toThrow(RangeError);
    expect(() => deriveRpis(new Uint8Array(32), FIRST)).toThrow(RangeError);
  });
});

describe('metadata', () => {
  it('encodes version 1.0 and a signed TX power, and decrypts back', () => {
    expect(toHex(encodeMetadata(8))).toBe('40080000');
    expect(toHex(encodeMetadata(-20))).toBe('40ec0000');
    expect(decodeMetadata(fromHex('40ec0000'))).toEqual({ version: 0x40, txPowerDbm: -20 });
    const rpi = deriveRpi(deriveRpik(TEK), FIRST);
    expect(toHex(decryptMetadata(deriveAemk(TEK), rpi, fromHex('72033874')))).toBe('40080000');
    expect(() => encodeMetadata(200)).toThrow(RangeError);
  });

  it('advertises the RPI of the current interval with its AEM', () => {
    const ad = gaenAdvertisement(TEK, FIRST, (FIRST + 1) * 600_000 + 30_000, 8);
    expect(toHex(ad.id)).toBe('3c9a1de5dd6b02afa7fded7b570b3e56');
    expect(toHex(ad.metadata)).toBe('c29211b1');
    expect(() => gaenAdvertisement(TEK, FIRST, (FIRST + 144) * 600_000, 8)).toThrow(RangeError);
  });
});
