import { deriveRpis } from './gaen.js';
import { deriveRpikFast } from './hkdf-fast.js';
import { ROLLING_PERIOD } from './intervals.js';

/**
 * How matching turns a published key into identifiers. The default is plain JavaScript (browsers, workers);
 * Node programs can pass `nodeRpiDeriver` from `@phongdich/exposure/node`, whose AES runs in OpenSSL.
 */
export interface RpiDeriver {
  /** RPIK of a TEK (EN crypto spec: HKDF-SHA256, info "EN-RPIK"). */
  rpik(tek: Uint8Array): Uint8Array;
  /** The RPIs of `count` intervals from `firstInterval`, 16 bytes each, written to or returned instead of `out`. */
  rpis(rpik: Uint8Array, firstInterval: number, count: number, out: Uint8Array): Uint8Array;
}

const scratch = new Uint8Array(ROLLING_PERIOD * 16);

/** JavaScript deriver: SHA-256 on preallocated words for the RPIK, one batched @noble AES-ECB call for the RPIs. */
export const JS_RPI_DERIVER: RpiDeriver = Object.freeze({
  rpik: (tek: Uint8Array) => deriveRpikFast(tek),
  rpis: (rpik: Uint8Array, firstInterval: number, count: number, out: Uint8Array) => deriveRpis(rpik, firstInterval, count, scratch, out as Uint8Array<ArrayBuffer>),
});
