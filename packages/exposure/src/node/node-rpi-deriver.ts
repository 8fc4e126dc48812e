/// <reference types="node" />
import { createCipheriv } from 'node:crypto';
import { fillPaddedData } from '../gaen.js';
import { deriveRpikFast } from '../hkdf-fast.js';
import { ROLLING_PERIOD } from '../intervals.js';
import type { RpiDeriver } from '../rpi-deriver.js';

const plain = new Uint8Array(ROLLING_PERIOD * 16);

/**
 * RPIs through OpenSSL: one AES-128-ECB context per key encrypts all of the key's PaddedData blocks in one call
 * (AES-NI where the CPU has it). The RPIK stays in JavaScript: six SHA-256 compressions cost less than the two
 * HMAC objects node:crypto would allocate. No final() is called, so no padding block is added.
 */
export const nodeRpiDeriver: RpiDeriver = Object.freeze({
  rpik: (tek: Uint8Array) => deriveRpikFast(tek),
  rpis(rpik: Uint8Array, firstInterval: number, count: number): Uint8Array {
    fillPaddedData(plain, firstInterval, count);
    return createCipheriv('aes-128-ecb', rpik, null).update(plain.subarray(0, count * 16));
  },
});
