import { ctr, ecb } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { ROLLING_PERIOD, intervalNumberFromMs } from './intervals.js';

/** Bytes of a temporary exposure key, RPIK, AEMK and RPI (EN crypto spec: 128-bit). */
export const GAEN_KEY_LENGTH = 16;
/** Metadata version byte for protocol 1.0 (EN Bluetooth spec: major 01, minor 00 → 0b01000000). */
export const METADATA_VERSION_1_0 = 0x40;

// HKDF-Expand's first block is HMAC(PRK, info ‖ 0x01) (RFC 5869 §2.3); 16 bytes need only that block.
const RPIK_INFO = Uint8Array.from([...utf8ToBytes('EN-RPIK'), 1]);
const AEMK_INFO = Uint8Array.from([...utf8ToBytes('EN-AEMK'), 1]);
const RPI_PREFIX = utf8ToBytes('EN-RPI');
// "No salt" means a zero-filled salt of hash length (RFC 5869 §2.2); its keyed HMAC state is built once
// and cloned per key, which matters when matching derives 100,000s of keys.
const ZERO_SALT_HMAC = hmac.create(sha256, new Uint8Array(32));

function hkdf16(tek: Uint8Array, infoWithCounter: Uint8Array): Uint8Array {
  const prk = ZERO_SALT_HMAC.clone().update(tek).digest();
  return hmac(sha256, prk, infoWithCounter).slice(0, GAEN_KEY_LENGTH);
}

function checkKey(key: Uint8Array, name: string): void {
  if (key.length !== GAEN_KEY_LENGTH) throw new RangeError(`${name} must be ${GAEN_KEY_LENGTH} bytes, got ${key.length}`);
}

/** RPIK = HKDF-SHA256(TEK, salt = none, info = "EN-RPIK", 16) (EN crypto spec §"Rolling Proximity Identifier Key"). */
export function deriveRpik(tek: Uint8Array): Uint8Array {
  checkKey(tek, 'TEK');
  return hkdf16(tek, RPIK_INFO);
}

/** AEMK = HKDF-SHA256(TEK, salt = none, info = "EN-AEMK", 16) (EN crypto spec §"Associated Encrypted Metadata Key"). */
export function deriveAemk(tek: Uint8Array): Uint8Array {
  checkKey(tek, 'TEK');
  return hkdf16(tek, AEMK_INFO);
}

/** Writes PaddedData_j = "EN-RPI" ‖ 0x000000000000 ‖ uint32LE(ENIN_j) for `count` consecutive intervals. */
export function fillPaddedData(out: Uint8Array, firstInterval: number, count: number): void {
  for (let j = 0; j < count; j++) {
    const o = j * 16;
    out.set(RPI_PREFIX, o);
    out.fill(0, o + 6, o + 12);
    const n = firstInterval + j;
    out[o + 12] = n & 0xff;
    out[o + 13] = (n >>> 8) & 0xff;
    out[o + 14] = (n >>> 16) & 0xff;
    out[o + 15] = (n >>> 24) & 0xff;
  }
}

/** RPI_j = AES-128-ECB(RPIK, PaddedData_j) for one interval (EN crypto spec §"Rolling Proximity Identifier"). */
export function deriveRpi(rpik: Uint8Array, intervalNumber: number): Uint8Array {
  return deriveRpis(rpik, intervalNumber, 1);
}

/**
 * All RPIs of a key from `firstInterval`, concatenated (16 bytes each). One ECB call expands the
 * AES key once for the whole batch; pass `scratch`/`out` buffers to avoid allocation in hot loops.
 */
export function deriveRpis(
  rpik: Uint8Array,
  firstInterval: number,
  count = ROLLING_PERIOD,
  scratch = new Uint8Array(count * 16),
  out = new Uint8Array(count * 16),
): Uint8Array {
  checkKey(rpik, 'RPIK');
  const plain = scratch.subarray(0, count * 16);
  const cipher = out.subarray(0, count * 16);
  fillPaddedData(plain, firstInterval, count);
  return ecb(rpik, { disablePadding: true }).encrypt(plain, cipher);
}

/** AEM = AES-128-CTR(AEMK, IV = RPI, metadata) (EN crypto spec §"Associated Encrypted Metadata"). */
export function encryptMetadata(aemk: Uint8Array, rpi: Uint8Array, metadata: Uint8Array): Uint8Array {
  checkKey(aemk, 'AEMK');
  checkKey(rpi, 'RPI');
  return ctr(aemk, rpi).encrypt(metadata);
}

/** Inverse of encryptMetadata: CTR mode is its own inverse. */
export function decryptMetadata(aemk: Uint8Array, rpi: Uint8Array, aem: Uint8Array): Uint8Array {
  checkKey(aemk, 'AEMK');
  checkKey(rpi, 'RPI');
  return ctr(aemk, rpi).decrypt(aem);
}

/** 4-byte metadata: version, signed TX power in dBm, two reserved zero bytes (EN Bluetooth spec §"Metadata"). */
export function encodeMetadata(txPowerDbm: number, version = METADATA_VERSION_1_0): Uint8Array {
  if (!Number.isInteger(txPowerDbm) || txPowerDbm < -128 || txPowerDbm > 127) {
    throw new RangeError(`TX power must be an integer in −128…127 dBm, got ${txPowerDbm}`);
  }
  return new Uint8Array([version, txPowerDbm & 0xff, 0, 0]);
}

/** Reads version and signed TX power from decrypted metadata. */
export function decodeMetadata(metadata: Uint8Array): { version: number; txPowerDbm: number } {
  if (metadata.length < 2) throw new RangeError('metadata must be at least 2 bytes');
  const tx = metadata[1] ?? 0;
  return { version: metadata[0] ?? 0, txPowerDbm: tx > 127 ? tx - 256 : tx };
}

/** What a phone broadcasts at a moment: the current RPI and its AEM (EN Bluetooth spec: payload RPI ‖ AEM). */
export function gaenAdvertisement(
  tek: Uint8Array,
  rollingStartIntervalNumber: number,
  atMs: number,
  txPowerDbm: number,
): { id: Uint8Array; metadata: Uint8Array } {
  const interval = intervalNumberFromMs(atMs);
  if (interval < rollingStartIntervalNumber || interval >= rollingStartIntervalNumber + ROLLING_PERIOD) {
    throw new RangeError(`time is outside the key's rolling period (interval ${interval})`);
  }
  const id = deriveRpi(deriveRpik(tek), interval);
  return { id, metadata: encryptMetadata(deriveAemk(tek), id, encodeMetadata(txPowerDbm)) };
}
