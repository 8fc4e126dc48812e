/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { deriveRpik } from './gaen.js';
import { deriveRpikFast } from './hkdf-fast.js';

describe('deriveRpikFast', () => {
  it('reproduces the EN vector', () => {
    expect(toHex(deriveRpikFast(fromHex('75c734c6dd1a782de7a965da5eb93125')))).toBe('185ad91db69ec7dd048960f1f3ba6175');
  });

  it('agrees with the HKDF of @noble/hashes on 2,000 random keys', () => {
    for (let i = 0; i < 2000; i++) {
      const tek = new Uint8Array(randomBytes(16));
      expect(toHex(deriveRpikFast(tek))).toBe(toHex(deriveRpik(tek)));
    }
  });

  it('refuses a key of the wrong size', () => {
    expect(() => deriveRpikFast(new Uint8Array(15))).toThrow(RangeError);
  });
});
