import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { DAY_MS, utcDayNumber } from './intervals.js';

/** Bytes of a Bluezone base key and daily key (SHA-256 output). */
export const BLUEZONE_KEY_LENGTH = 32;
/** Bytes of a broadcast Bluezone identifier. */
export const BLUEZONE_ID_LENGTH = 12;
/** Identifiers per day in Bluezone v2: one per 15 minutes. */
export const BLUEZONE_IDS_PER_DAY = 96;

// Bluezone v2: the salt is spelled this way in the original app; changing it breaks interoperability.
const SUBKEY_SALT = utf8ToBytes('bluzonesubkey');
// Bluezone v2: identifier i takes these 12 byte positions of sub[i].
const ID_OFFSETS = [0, 4, 8, 12, 16, 18, 20, 22, 24, 26, 28, 30] as const;

/**
 * Daily key of `day`: SHA-256 applied (day − baseDay) times to the base key (Bluezone v2 hash chain).
 * Days are UTC day numbers (days since 1970-01-01). Anyone holding day d's key can compute every later day,
 * which is why an app must start a fresh base key after uploading.
 */
export function bluezoneDailyKey(baseKey: Uint8Array, baseDay: number, day: number): Uint8Array {
  if (baseKey.length !== BLUEZONE_KEY_LENGTH) throw new RangeError(`base key must be ${BLUEZONE_KEY_LENGTH} bytes`);
  if (!Number.isInteger(day - baseDay) || day < baseDay) throw new RangeError('day must be an integer on or after the base day');
  let key = baseKey;
  for (let d = baseDay; d < day; d++) key = sha256(key);
  return key;
}

/** The day's identifiers: sub[0] = SHA-256(dailyKey ‖ "bluzonesubkey"), sub[i+1] = SHA-256(sub[i]). */
export function bluezoneIdentifiers(dailyKey: Uint8Array, count = BLUEZONE_IDS_PER_DAY): Uint8Array[] {
  if (dailyKey.length !== BLUEZONE_KEY_LENGTH) throw new RangeError(`daily key must be ${BLUEZONE_KEY_LENGTH} bytes`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  const ids: Uint8Array[] = [];
  let sub = sha256(concatBytes(dailyKey, SUBKEY_SALT));
  for (let i = 0; i < count; i++) {
    if (i > 0) sub = sha256(sub);
    const id = new Uint8Array(BLUEZONE_ID_LENGTH);
    ID_OFFSETS.forEach((offset, k) => (id[k] = sub[offset] ?? 0));
    ids.push(id);
  }
  return ids;
}

/** Milliseconds each identifier is broadcast: the UTC day split evenly (15 min for 96 ids). */
export function bluezoneSlotMs(count = BLUEZONE_IDS_PER_DAY): number {
  return DAY_MS / count;
}

/** Index of the identifier valid at `atMs`: slots start at UTC midnight. */
export function bluezoneSlotAt(atMs: number, count = BLUEZONE_IDS_PER_DAY): number {
  return Math.floor((atMs - utcDayNumber(atMs) * DAY_MS) / bluezoneSlotMs(count));
}

/** The identifier a phone with this base key broadcasts at `atMs`. */
export function bluezoneIdentifierAt(
  baseKey: Uint8Array,
  baseDay: number,
  atMs: number,
  count = BLUEZONE_IDS_PER_DAY,
): Uint8Array {
  const ids = bluezoneIdentifiers(bluezoneDailyKey(baseKey, baseDay, utcDayNumber(atMs)), count);
  const id = ids[bluezoneSlotAt(atMs, count)];
  if (!id) throw new RangeError('slot out of range');
  return id;
}

/**
 * Bluetooth parameters a native adapter needs. Both schemes share one scanner; sightings of the same
 * identifier closer than `dedupeMs` are one sighting.
 */
export const RADIO = Object.freeze({
  /** Bluezone 16-bit service UUID 0x4E56 ("VN"). */
  bluezoneServiceUuid: 0x4e56,
  /** Bluezone on Android: 12-byte id sent as manufacturer data under this company id. */
  bluezoneManufacturerId: 8885,
  /** Exposure Notification 16-bit service UUID 0xFD6F; service data = RPI (16) ‖ AEM (4). */
  gaenServiceUuid: 0xfd6f,
  /** Sightings of one identifier within this many milliseconds count once (Bluezone: 5 s). */
  dedupeMs: 5_000,
  /** Bluezone identifier length in bytes. */
  bluezoneIdLength: BLUEZONE_ID_LENGTH,
  /** Exposure Notification service data length: RPI 16 + AEM 4. */
  gaenPayloadLength: 20,
  /** Advertising interval, ms (EN Bluetooth spec v1.2 recommends 200–270; we use it for Bluezone too). */
  advertisingIntervalMs: Object.freeze({ min: 200, max: 270 }),
  /**
   * The random non-resolvable address and the identifier change together at a random moment 10–20 min after
   * the last change (EN Bluetooth spec), so neither can link two identifiers of one phone.
   */
  addressRotationMs: Object.freeze({ min: 600_000, max: 1_200_000 }),
  /** Scan at least this often (EN: nearby advertisers discovered within 5 minutes). */
  scanEveryMs: 300_000,
  /** Each scan listens at least this long, which covers 15 advertising intervals of 270 ms. */
  scanWindowMs: 4_000,
});
