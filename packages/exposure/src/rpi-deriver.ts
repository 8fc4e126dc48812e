import { ecb } from '@noble/ciphers/aes.js';
import { fillPaddedData } from './gaen.js';
import { deriveRpikFast } from './hkdf-fast.js';
import { ROLLING_PERIOD } from './intervals.js';

/**
 * How matching turns a published key into identifiers. The default is plain JavaScript (browsers, workers);
 * Node programs can pass `nodeRpiDeriver` from `@phongdich/exposure/node`, whose AES runs in OpenSSL.
 */
export interface RpiDeriver {
  /**
   * The RPIs of a TEK for `count` intervals from `firstInterval`, 16 bytes each, written to or returned
   * instead of `out` (EN crypto spec: RPIK by HKDF-SHA256 with info "EN-RPIK", then AES-128 of PaddedData).
   */
  rpis(tek: Uint8Array, firstInterval: number, count: number, out: Uint8Array): Uint8Array;
}

/** Distinct (first interval, count) plaintexts kept; published keys start on a few day boundaries only. */
const PLAINTEXTS_KEPT = 64;
const plaintexts = new Map<number, Uint8Array>();

/**
 * PaddedData of `count` intervals from `firstInterval`, shared and read-only. It depends only on the
 * intervals, not on the key: 1,400,000 keys of 14 days share 14 plaintexts, so each is written once instead
 * of once per key (writing it cost more than the AES itself).
 */
export function sharedPaddedData(firstInterval: number, count: number): Uint8Array {
  const id = firstInterval * (ROLLING_PERIOD + 1) + count;
  let plain = plaintexts.get(id);
  if (!plain) {
    if (plaintexts.size >= PLAINTEXTS_KEPT) plaintexts.clear();
    plain = new Uint8Array(count * 16);
    fillPaddedData(plain, firstInterval, count);
    plaintexts.set(id, plain);
  }
  return plain;
}

/** JavaScript deriver: SHA-256 on preallocated words for the RPIK, one batched @noble AES-ECB call for the RPIs. */
export const JS_RPI_DERIVER: RpiDeriver = Object.freeze({
  rpis: (tek: Uint8Array, firstInterval: number, count: number, out: Uint8Array) =>
    ecb(deriveRpikFast(tek), { disablePadding: true }).encrypt(sharedPaddedData(firstInterval, count), out.subarray(0, count * 16) as Uint8Array<ArrayBuffer>),
});
