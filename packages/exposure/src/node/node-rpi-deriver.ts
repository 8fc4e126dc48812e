/// <reference types="node" />
import { createCipheriv } from 'node:crypto';
import { deriveRpikFast } from '../hkdf-fast.js';
import { sharedPaddedData, type RpiDeriver } from '../rpi-deriver.js';

/**
 * RPIs through OpenSSL: one AES-128-ECB context per key encrypts all of the key's PaddedData blocks in one call
 * (AES-NI where the CPU has it). The RPIK stays in JavaScript: six SHA-256 compressions cost less than the two
 * HMAC objects node:crypto would allocate. No final() is called, so no padding block is added.
 */
export const nodeRpiDeriver: RpiDeriver = Object.freeze({
  rpik: (tek: Uint8Array) => deriveRpikFast(tek),
  rpis: (rpik: Uint8Array, firstInterval: number, count: number): Uint8Array =>
    createCipheriv('aes-128-ecb', rpik, null).update(sharedPaddedData(firstInterval, count)),
});
