import { distanceMeters, PLACE_TYPES } from '@phongdich/core';
import type { LatLon, Places } from './places.js';
import { hash2, type Prng } from './prng.js';

const TYPES = PLACE_TYPES.length;
/** People shop, eat and work in their own commune and the few around it. */
const NEIGHBOURS = 4;
const OWN_COMMUNE_SHARE = 0.75;
const HABIT_SHARE = 0.6;

/**
 * For each commune and place type, the places people living there would use: those of their own
 * commune first, then those of the nearest communes. Flat arrays, one slice per (commune, type).
 */
export class Neighbourhood {
  private readonly offsets: Int32Array;
  private readonly own: Int32Array;
  private readonly list: Int32Array;

  constructor(places: Places, centres: readonly LatLon[]) {
    const communes = centres.length;
    const byCommuneType: number[][] = Array.from({ length: communes * TYPES }, () => []);
    for (let i = 0; i < places.count; i++) byCommuneType[(places.commune[i] ?? 0) * TYPES + (places.type[i] ?? 0)]?.push(i);
    const neighbours = centres.map((centre, c) =>
      centres
        .map((other, o) => ({ o, d: distanceMeters(centre, other) }))
        .filter((x) => x.o !== c)
        .sort((a, b) => a.d - b.d || a.o - b.o)
        .slice(0, NEIGHBOURS)
        .map((x) => x.o),
    );
    this.offsets = new Int32Array(communes * TYPES + 1);
    this.own = new Int32Array(communes * TYPES);
    const flat: number[] = [];
    for (let c = 0; c < communes; c++) {
      for (let t = 0; t < TYPES; t++) {
        const key = c * TYPES + t;
        const mine = byCommuneType[key] ?? [];
        for (const i of mine) flat.push(i);
        for (const o of neighbours[c] ?? []) for (const i of byCommuneType[o * TYPES + t] ?? []) flat.push(i);
        this.own[key] = mine.length;
        this.offsets[key + 1] = flat.length;
      }
    }
    this.list = Int32Array.from(flat);
  }

  /** How many places of a type a commune's people can reach (own commune and neighbours). */
  count(commune: number, type: number): number {
    const key = commune * TYPES + type;
    return (this.offsets[key + 1] ?? 0) - (this.offsets[key] ?? 0);
  }

  /**
   * A place of the type for someone of the commune, or -1 when there is none nearby. Most of the
   * time it is "their" place (the same for the whole household, from `habit`), else any nearby one.
   */
  choose(rng: Prng, commune: number, type: number, habit: number): number {
    const key = commune * TYPES + type;
    const start = this.offsets[key] ?? 0;
    const all = (this.offsets[key + 1] ?? 0) - start;
    if (all === 0) return -1;
    const own = this.own[key] ?? 0;
    const n = own > 0 && rng.next() < OWN_COMMUNE_SHARE ? own : all;
    const k = rng.next() < HABIT_SHARE ? hash2(habit, type) % n : rng.int(n);
    return this.list[start + k] ?? -1;
  }

  /** The k-th place of a type in the commune itself (wrapping), or a neighbour's when it has none. */
  nth(commune: number, type: number, k: number): number {
    const key = commune * TYPES + type;
    const start = this.offsets[key] ?? 0;
    const own = this.own[key] ?? 0;
    const all = (this.offsets[key + 1] ?? 0) - start;
    if (all === 0) return -1;
    return this.list[start + (own > 0 ? k % own : k % all)] ?? -1;
  }
}
