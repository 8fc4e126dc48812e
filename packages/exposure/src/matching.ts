import { BLUEZONE_ID_LENGTH, BLUEZONE_IDS_PER_DAY, bluezoneIdentifiers, bluezoneSlotMs } from './bluezone.js';
import { prefix32 } from './bytes.js';
import { GAEN_KEY_LENGTH, decodeMetadata, decryptMetadata, deriveAemk } from './gaen.js';
import { DAY_MS, ROLLING_PERIOD, intervalNumberFromMs } from './intervals.js';
import { JS_RPI_DERIVER, type RpiDeriver } from './rpi-deriver.js';
import { heardBetween, idEquals, mayHaveBeenHeard, type SightingIndex } from './sighting-index.js';
import type { Sighting, TemporaryExposureKey } from './types.js';

/** A sighting attributed to a published key. */
export interface MatchedSighting {
  /** ENIN (GAEN) or slot of the day (Bluezone) whose identifier was heard. */
  interval: number;
  seenAt: number;
  rssi: number;
  attenuation: number;
}

/** A published key heard at least once, with every sighting of its identifiers. */
export interface KeyMatch<K = TemporaryExposureKey> {
  key: K;
  sightings: MatchedSighting[];
}

/** Matching tolerances. */
export interface MatchOptions {
  /** Clock drift tolerated, in ms (EN framework: ±2 h, i.e. ±12 intervals). */
  driftMs?: number;
  /** TX power assumed when a sighting has neither attenuation nor metadata. */
  assumedTxPowerDbm?: number;
  /** RPIK and RPI derivation; JS_RPI_DERIVER unless given (Node: nodeRpiDeriver from @phongdich/exposure/node). */
  deriver?: RpiDeriver;
}

const DEFAULT_DRIFT_MS = 2 * 60 * 60 * 1000;

/**
 * Matches published exposure keys against heard RPIs. Per key: one HKDF, one batched AES over its rolling
 * period, one bit-filter read per RPI (a Map lookup only when the filter says maybe); a sighting at interval i
 * matches the RPI of interval j when |i − j| ≤ drift.
 */
export function matchKeys(index: SightingIndex, keys: Iterable<TemporaryExposureKey>, options: MatchOptions = {}): KeyMatch[] {
  const drift = Math.round((options.driftMs ?? DEFAULT_DRIFT_MS) / 600_000);
  const deriver = options.deriver ?? JS_RPI_DERIVER;
  const out = new Uint8Array(ROLLING_PERIOD * 16);
  const matches: KeyMatch[] = [];
  for (const key of keys) {
    const first = key.rollingStartIntervalNumber;
    const period = Math.min(Math.max(key.rollingPeriod, 0), ROLLING_PERIOD);
    if (period === 0 || key.keyData.length !== GAEN_KEY_LENGTH || !heardBetween(index, first - drift, first + period - 1 + drift)) continue;
    const rpis = deriver.rpis(key.keyData, first, period, out);
    let sightings: MatchedSighting[] | null = null;
    for (let j = 0; j < period; j++) {
      const prefix = prefix32(rpis, j * 16);
      if (!mayHaveBeenHeard(index, prefix)) continue;
      const candidates = index.byPrefix.get(prefix);
      if (!candidates) continue;
      for (const s of candidates) {
        if (!idEquals(s.id, rpis, j * 16, GAEN_KEY_LENGTH)) continue;
        if (Math.abs(intervalNumberFromMs(s.seenAt) - (first + j)) > drift) continue;
        const rpi = rpis.slice(j * 16, j * 16 + 16);
        (sightings ??= []).push(matched(s, first + j, () => gaenTxPower(key.keyData, rpi, s.metadata), options));
      }
    }
    if (sightings) matches.push({ key, sightings: sightings.sort((a, b) => a.seenAt - b.seenAt) });
  }
  return matches;
}

/** A published Bluezone daily key and its UTC day number. */
export interface BluezoneDailyKey {
  dailyKey: Uint8Array;
  day: number;
}

/** Matches published Bluezone daily keys against heard 12-byte identifiers, with the same drift tolerance. */
export function matchBluezoneKeys(
  index: SightingIndex,
  keys: Iterable<BluezoneDailyKey>,
  options: MatchOptions & { idsPerDay?: number } = {},
): KeyMatch<BluezoneDailyKey>[] {
  const count = options.idsPerDay ?? BLUEZONE_IDS_PER_DAY;
  const driftMs = options.driftMs ?? DEFAULT_DRIFT_MS;
  const slotMs = bluezoneSlotMs(count);
  const matches: KeyMatch<BluezoneDailyKey>[] = [];
  for (const key of keys) {
    const dayStart = key.day * DAY_MS;
    if (!heardBetween(index, intervalNumberFromMs(dayStart - driftMs), intervalNumberFromMs(dayStart + DAY_MS + driftMs))) continue;
    const sightings: MatchedSighting[] = [];
    bluezoneIdentifiers(key.dailyKey, count).forEach((id, slot) => {
      for (const s of index.byPrefix.get(prefix32(id)) ?? []) {
        if (!idEquals(s.id, id, 0, BLUEZONE_ID_LENGTH)) continue;
        const slotStart = dayStart + slot * slotMs;
        if (s.seenAt < slotStart - driftMs || s.seenAt >= slotStart + slotMs + driftMs) continue;
        sightings.push(matched(s, slot, () => undefined, options));
      }
    });
    if (sightings.length > 0) matches.push({ key, sightings: sightings.sort((a, b) => a.seenAt - b.seenAt) });
  }
  return matches;
}

// EN spec: attenuation = TX power (from the decrypted metadata) − RSSI.
function matched(s: Sighting, interval: number, txPower: () => number | undefined, options: MatchOptions): MatchedSighting {
  const attenuation = s.attenuation ?? (txPower() ?? options.assumedTxPowerDbm ?? 0) - s.rssi;
  return { interval, seenAt: s.seenAt, rssi: s.rssi, attenuation };
}

function gaenTxPower(tek: Uint8Array, rpi: Uint8Array, metadata: Uint8Array | undefined): number | undefined {
  if (!metadata || metadata.length !== 4) return undefined;
  return decodeMetadata(decryptMetadata(deriveAemk(tek), rpi, metadata)).txPowerDbm;
}
