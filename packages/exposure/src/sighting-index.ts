import { prefix32 } from './bytes.js';
import { intervalNumberFromMs } from './intervals.js';
import type { Sighting } from './types.js';

/** Heard identifiers keyed by their first four bytes, plus which intervals anything was heard in. */
export interface SightingIndex {
  /** Sightings by little-endian uint32 of the identifier's first 4 bytes; candidates still need a full compare. */
  readonly byPrefix: ReadonlyMap<number, readonly Sighting[]>;
  /** Sorted distinct ENINs of all sightings, to skip keys from days nothing was heard. */
  readonly intervals: Int32Array;
  /** One bit per value of the prefix's low FILTER_BITS bits: most derived identifiers are rejected by one array read. */
  readonly filter: Uint32Array;
  readonly size: number;
}

/** Bits of the prefix the filter is indexed by: 2^20 bits (128 KiB) stays in cache and is 0.5 % full at 5,000 sightings. */
export const FILTER_BITS = 20;
const FILTER_MASK = (1 << FILTER_BITS) - 1;

/** False when no heard identifier has this prefix; true means "look it up in byPrefix". */
export function mayHaveBeenHeard(index: SightingIndex, prefix: number): boolean {
  const bit = prefix & FILTER_MASK;
  return ((index.filter[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
}

/**
 * Indexes sightings once so each derived identifier costs one Map lookup on a number (no string building),
 * keeping matching linear in the number of published keys (section F).
 */
export function indexSightings(sightings: Iterable<Sighting>): SightingIndex {
  const byPrefix = new Map<number, Sighting[]>();
  const intervals = new Set<number>();
  const filter = new Uint32Array((FILTER_MASK + 1) >>> 5);
  let size = 0;
  for (const s of sightings) {
    const key = prefix32(s.id);
    const bit = key & FILTER_MASK;
    filter[bit >>> 5] = (filter[bit >>> 5] as number) | (1 << (bit & 31));
    const list = byPrefix.get(key);
    if (list) list.push(s);
    else byPrefix.set(key, [s]);
    intervals.add(intervalNumberFromMs(s.seenAt));
    size++;
  }
  return { byPrefix, intervals: Int32Array.from([...intervals].sort((a, b) => a - b)), filter, size };
}

/** True when something was heard in an interval of [first, last]. */
export function heardBetween(index: SightingIndex, first: number, last: number): boolean {
  const xs = index.intervals;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] ?? 0) < first) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length && (xs[lo] ?? 0) <= last;
}

/** True when `id` equals `length` bytes of `bytes` at `offset`. */
export function idEquals(id: Uint8Array, bytes: Uint8Array, offset: number, length: number): boolean {
  if (id.length !== length) return false;
  for (let i = 0; i < length; i++) if (id[i] !== bytes[offset + i]) return false;
  return true;
}
