import { PLACE_TYPES } from '@phongdich/core';
import { PROFILES, TYPE_INDEX } from './profiles.js';
import type { Prng } from './prng.js';

/** A point on the map. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** The province's registered places (typed arrays, one entry per place). */
export interface Places {
  count: number;
  /** Index into PLACE_TYPES. */
  type: Uint8Array;
  /** Index into the simulation's commune list. */
  commune: Uint16Array;
  /** The n-th place of its type in its commune (0 for the first), for names like "Trường Tiểu học". */
  ordinal: Uint16Array;
  lat: Float64Array;
  lon: Float64Array;
  capacity: Int32Array;
  /** QR points posted (1 or 2). */
  points: Uint8Array;
  /** The person who registered and runs the place (its owner account), or -1. */
  owner: Int32Array;
}

// Every commune has a school, a People's Committee, a health station and a market before any gets two.
const SPREAD_EVENLY = new Set((['school', 'agency', 'health_facility', 'market'] as const).map((t) => TYPE_INDEX[t]));

/** Splits `total` by shares so the parts add up exactly (largest remainder). */
function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = total - parts.reduce((a, b) => a + b, 0); k < left; k++) {
    const i = order[k % order.length]?.[1] ?? 0;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

const KM_PER_DEGREE = 111.32;

/**
 * Places by type in realistic proportions, in communes by weight, each a few km around its commune
 * centre. Types every commune needs are dealt round the communes, busiest first.
 */
export function generatePlaces(rng: Prng, count: number, centres: readonly LatLon[], communeWeights: Float64Array, jitterKm: number, accept: LocationCheck): Places {
  const communes = centres.length;
  const byWeight = Array.from({ length: communes }, (_, c) => c).sort((a, b) => weightOf(communeWeights, b) - weightOf(communeWeights, a) || a - b);
  const type = new Uint8Array(count);
  const commune = new Uint16Array(count);
  const ordinal = new Uint16Array(count);
  const lat = new Float64Array(count);
  const lon = new Float64Array(count);
  const capacity = new Int32Array(count);
  const points = new Uint8Array(count);
  const seen = new Uint16Array(communes * PLACE_TYPES.length);
  const perType = apportion(count, PROFILES.map((p) => p.share));
  let i = 0;
  perType.forEach((n, t) => {
    const profile = PROFILES[t];
    if (!profile) return;
    for (let k = 0; k < n; k++, i++) {
      const c = SPREAD_EVENLY.has(t) ? (byWeight[k % communes] ?? 0) : rng.pickCumulative(communeWeights);
      const centre = centres[c] ?? { lat: 0, lon: 0 };
      const at = scatter(rng, centre, jitterKm, (point) => accept(c, point));
      type[i] = t;
      commune[i] = c;
      ordinal[i] = seen[c * PLACE_TYPES.length + t]!++;
      lat[i] = at.lat;
      lon[i] = at.lon;
      const [low, high] = profile.capacity;
      capacity[i] = Math.round(Math.exp(rng.range(Math.log(low), Math.log(high))));
      points[i] = capacity[i]! >= 200 || rng.chance(0.15) ? 2 : 1;
    }
  });
  return { count, type, commune, ordinal, lat, lon, capacity, points, owner: new Int32Array(count).fill(-1) };
}

/** Whether a place of commune `c` may stand at a point (the server refuses places outside the province). */
export type LocationCheck = (c: number, point: LatLon) => boolean;

/** A point uniform over a disc around the centre, redrawn when refused; the centre itself at worst. */
function scatter(rng: Prng, centre: LatLon, radiusKm: number, accept: (point: LatLon) => boolean): LatLon {
  for (let attempt = 0; attempt < 8; attempt++) {
    // The radius grows with the square root, or points would crowd the centre.
    const r = radiusKm * Math.sqrt(rng.next());
    const angle = rng.range(0, 2 * Math.PI);
    const point = {
      lat: round6(centre.lat + (r * Math.sin(angle)) / KM_PER_DEGREE),
      lon: round6(centre.lon + (r * Math.cos(angle)) / (KM_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180))),
    };
    if (accept(point)) return point;
  }
  return { lat: round6(centre.lat), lon: round6(centre.lon) };
}

function weightOf(cumulativeWeights: Float64Array, c: number): number {
  return (cumulativeWeights[c] ?? 0) - (c > 0 ? (cumulativeWeights[c - 1] ?? 0) : 0);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
