import { cumulative, type Prng } from './prng.js';

/** Everyone in the province, one entry per person (typed arrays: a million people fit in a few MB). */
export interface People {
  count: number;
  age: Uint8Array;
  household: Int32Array;
  /** Index into the simulation's commune list. */
  commune: Uint16Array;
  /** 1 when the person scans QR codes themselves; 0 when staff record their visits. */
  smartphone: Uint8Array;
  /** The place the person attends most days (their school or workplace), or -1. */
  anchor: Int32Array;
}

/** Households: people of one household are consecutive and share the commune and address. */
export interface Households {
  count: number;
  commune: Uint16Array;
  firstPerson: Int32Array;
  size: Uint8Array;
}

const SIZES = [2, 3, 4, 5, 6] as const;
const SIZE_WEIGHTS = cumulative([0.22, 0.26, 0.28, 0.14, 0.1]);

/** Draws a household size, keeping the total exact without leaving a household of one at the end. */
function householdSize(rng: Prng, remaining: number): number {
  if (remaining <= 6) return remaining;
  let size: number = SIZES[rng.pickCumulative(SIZE_WEIGHTS)] ?? 4;
  if (remaining - size === 1) size += size < 6 ? 1 : -1;
  return size;
}

/** Ages of one household: a couple, their children, sometimes a grandparent; or an older couple. */
function fillAges(rng: Prng, ages: Uint8Array, first: number, size: number): void {
  const kind = rng.next();
  const set = (i: number, age: number) => {
    ages[first + i] = Math.max(0, Math.min(99, Math.round(age)));
  };
  if (kind < 0.55) {
    const head = rng.range(22, 46);
    set(0, head);
    if (size > 1) set(1, head + rng.range(-4, 5));
    let i = 2;
    if (size >= 5 && rng.chance(0.6)) set(i++, head + rng.range(24, 34));
    for (; i < size; i++) set(i, rng.range(0, Math.min(18, head - 19)));
  } else if (kind < 0.85) {
    const head = rng.range(46, 66);
    set(0, head);
    if (size > 1) set(1, head + rng.range(-5, 4));
    let i = 2;
    for (; i < Math.min(size, 4); i++) set(i, rng.range(14, Math.min(34, head - 18)));
    for (; i < size; i++) set(i, rng.range(0, 11));
  } else {
    const head = rng.range(60, 86);
    set(0, head);
    if (size > 1) set(1, head + rng.range(-6, 3));
    for (let i = 2; i < size; i++) set(i, rng.range(28, 56));
  }
}

/** Households and their members, spread over communes by weight. */
export function generatePopulation(rng: Prng, count: number, communeWeights: Float64Array, noSmartphoneShare: number): { people: People; households: Households } {
  const age = new Uint8Array(count);
  const household = new Int32Array(count);
  const commune = new Uint16Array(count);
  const smartphone = new Uint8Array(count);
  const maxHouseholds = Math.ceil(count / 2) + 1;
  const hhCommune = new Uint16Array(maxHouseholds);
  const hhFirst = new Int32Array(maxHouseholds);
  const hhSize = new Uint8Array(maxHouseholds);
  let h = 0;
  for (let p = 0; p < count; h++) {
    const size = householdSize(rng, count - p);
    const c = rng.pickCumulative(communeWeights);
    hhCommune[h] = c;
    hhFirst[h] = p;
    hhSize[h] = size;
    fillAges(rng, age, p, size);
    for (let i = 0; i < size; i++, p++) {
      household[p] = h;
      commune[p] = c;
      smartphone[p] = rng.chance(noSmartphoneShare) ? 0 : 1;
    }
  }
  return {
    people: { count, age, household, commune, smartphone, anchor: new Int32Array(count).fill(-1) },
    households: { count: h, commune: hhCommune.slice(0, h), firstPerson: hhFirst.slice(0, h), size: hhSize.slice(0, h) },
  };
}

/** People of each commune, as one array ordered by commune with offsets (a counting sort). */
export function peopleByCommune(people: People, communes: number): { order: Int32Array; offsets: Int32Array } {
  const offsets = new Int32Array(communes + 1);
  for (let p = 0; p < people.count; p++) offsets[(people.commune[p] ?? 0) + 1]! += 1;
  for (let c = 0; c < communes; c++) offsets[c + 1]! += offsets[c]!;
  const cursor = offsets.slice(0, communes);
  const order = new Int32Array(people.count);
  for (let p = 0; p < people.count; p++) order[cursor[people.commune[p] ?? 0]!++] = p;
  return { order, offsets };
}
