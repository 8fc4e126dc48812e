import { DAY_MS, vietnamMidnight } from './calendar.js';
import type { Places } from './places.js';
import type { Households, People } from './population.js';
import { PROFILES } from './profiles.js';
import { hash2, type Prng } from './prng.js';
import { indexByDayAndPlace, leftAt, type Visits } from './visits.js';

/** How the disease is introduced and spreads. */
export interface OutbreakOptions {
  /** The day (0-based) the first cases are infected. */
  seedDay: number;
  seedCases: number;
  /** Multiplies every place's contact rate (1 = the profiles' rates). */
  transmissibility?: number;
  /** Chance per day that an infectious person infects each household member. */
  householdDailyRisk?: number;
  /** Share of the infected who are tested and isolated a few days after onset. */
  detectedShare?: number;
  /** Share of days a person with symptoms stays home instead of going out. */
  stayHomeWhenSick?: number;
}

/** Where an infection happened when it was not at a place. */
export const HOUSEHOLD = -1;
export const SEED = -2;

/** Who infected whom, where and when; ordered by time. */
export interface Infections {
  count: number;
  infected: Int32Array;
  /** The infecting person, or -1 for seed cases. */
  source: Int32Array;
  /** The place, or HOUSEHOLD (-1), or SEED (-2). */
  placeIndex: Int32Array;
  at: Float64Array;
}

/** One infection as an object: the place index, or 'household', or 'seed' for the cases introduced. */
export function infectionAt(infections: Infections, i: number): { infected: number; source: number; place: number | 'household' | 'seed'; at: number } {
  const place = infections.placeIndex[i] ?? SEED;
  return {
    infected: infections.infected[i] ?? -1,
    source: infections.source[i] ?? -1,
    place: place === HOUSEHOLD ? 'household' : place === SEED ? 'seed' : place,
    at: infections.at[i] ?? Number.NaN,
  };
}

/** Per person: NaN when it never happened within the simulation's reach. */
export interface Course {
  infectedAt: Float64Array;
  onsetAt: Float64Array;
  /** Tested positive and isolated from then on. */
  detectedAt: Float64Array;
}

export interface OutbreakResult {
  infections: Infections;
  course: Course;
  /** Visits that did not happen: the person was isolated, or stayed home ill. */
  removed: Uint8Array;
}

const INFECTIOUS_BEFORE_ONSET_MS = 2 * DAY_MS;
const INFECTIOUS_AFTER_ONSET_MS = 8 * DAY_MS;

/**
 * Runs the epidemic day by day over the visits. Infections happen only between people present at
 * the same place at the same time (chance rising with the time together and how crowded the place
 * is) and within households. Someone infected becomes infectious the next day at the earliest, so
 * each day uses only what was known when it began.
 */
export function runOutbreak(rng: Prng, visits: Visits, people: People, households: Households, places: Places, origin: number, days: number, options: OutbreakOptions): OutbreakResult {
  return new Outbreak(rng, visits, people, households, places, origin, days, options).run();
}

class Outbreak {
  private readonly course: Course;
  private readonly infectiousFrom: Float64Array;
  private readonly infectiousUntil: Float64Array;
  private readonly recordOf: Int32Array;
  private readonly infected: Int32Array;
  private readonly source: Int32Array;
  private readonly place: Int32Array;
  private readonly at: Float64Array;
  private count = 0;
  private active: number[] = [];
  private readonly removed: Uint8Array;
  private readonly transmissibility: number;
  private readonly householdRisk: number;
  private readonly detectedShare: number;
  private readonly stayHome: number;

  constructor(
    private readonly rng: Prng,
    private readonly visits: Visits,
    private readonly people: People,
    private readonly households: Households,
    private readonly places: Places,
    private readonly origin: number,
    private readonly days: number,
    private readonly options: OutbreakOptions,
  ) {
    const n = people.count;
    this.course = { infectedAt: new Float64Array(n).fill(Number.NaN), onsetAt: new Float64Array(n).fill(Number.NaN), detectedAt: new Float64Array(n).fill(Number.NaN) };
    this.infectiousFrom = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.infectiousUntil = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.recordOf = new Int32Array(n).fill(-1);
    this.infected = new Int32Array(n);
    this.source = new Int32Array(n);
    this.place = new Int32Array(n);
    this.at = new Float64Array(n);
    this.removed = new Uint8Array(visits.count);
    this.transmissibility = options.transmissibility ?? 1;
    this.householdRisk = options.householdDailyRisk ?? 0.06;
    this.detectedShare = options.detectedShare ?? 0.7;
    this.stayHome = options.stayHomeWhenSick ?? 0.5;
  }

  run(): OutbreakResult {
    if (!(this.options.seedCases > 0 && this.options.seedDay >= 0 && this.options.seedDay < this.days)) {
      return { infections: this.sortedInfections(), course: this.course, removed: this.removed };
    }
    const index = indexByDayAndPlace(this.visits, this.places.count, this.origin, this.days);
    for (let d = 0; d < this.days; d++) {
      const dayStart = this.origin + d * DAY_MS;
      if (d === this.options.seedDay) this.seed(dayStart);
      this.cancelVisits(index.order, index.offsets[d * this.places.count] ?? 0, index.offsets[(d + 1) * this.places.count] ?? 0, d);
      for (let pl = 0; pl < this.places.count; pl++) {
        const g = d * this.places.count + pl;
        this.atPlace(index.order, index.offsets[g] ?? 0, index.offsets[g + 1] ?? 0, pl, dayStart);
      }
      this.atHome(dayStart);
    }
    return { infections: this.sortedInfections(), course: this.course, removed: this.removed };
  }

  private seed(dayStart: number): void {
    const wanted = Math.min(this.options.seedCases, this.people.count);
    for (let k = 0; k < wanted; ) {
      const p = this.rng.int(this.people.count);
      if (!Number.isNaN(this.course.infectedAt[p] ?? 0)) continue;
      this.infect(p, -1, SEED, dayStart + this.rng.range(0, DAY_MS));
      k++;
    }
  }

  /** Isolated people go nowhere; people who feel ill stay home on some days. */
  private cancelVisits(order: Int32Array, from: number, to: number, day: number): void {
    for (let k = from; k < to; k++) {
      const v = order[k] ?? 0;
      const p = this.visits.personIndex[v] ?? 0;
      const at = this.visits.checkedInAt[v] ?? 0;
      if ((this.course.detectedAt[p] ?? Number.NaN) <= at) this.removed[v] = 1;
      else if ((this.course.onsetAt[p] ?? Number.NaN) <= at && hash2(p, day) / 4294967296 < this.stayHome) this.removed[v] = 1;
    }
  }

  private atPlace(order: Int32Array, from: number, to: number, place: number, dayStart: number): void {
    const { visits } = this;
    let any = false;
    for (let k = from; k < to && !any; k++) {
      const v = order[k] ?? 0;
      any = !this.removed[v] && this.infectiousDuring(visits.personIndex[v] ?? 0, visits.checkedInAt[v] ?? 0, leftAt(visits, v));
    }
    if (!any) return;
    const type = this.places.type[place] ?? 0;
    const rate = (PROFILES[type]?.contactsPerHour ?? 0) * this.transmissibility;
    const capacity = Math.max(1, this.places.capacity[place] ?? 1);
    for (let k = from; k < to; k++) {
      const i = order[k] ?? 0;
      const sourcePerson = visits.personIndex[i] ?? 0;
      if (this.removed[i]) continue;
      const start = Math.max(visits.checkedInAt[i] ?? 0, this.infectiousFrom[sourcePerson] ?? 0);
      const end = Math.min(leftAt(visits, i), this.infectiousUntil[sourcePerson] ?? 0);
      if (end <= start) continue;
      // Everyone present with the source at some point: how crowded it was around them.
      let present = 0;
      for (let m = from; m < to; m++) {
        const j = order[m] ?? 0;
        if (j !== i && !this.removed[j] && (visits.checkedInAt[j] ?? 0) < end && leftAt(visits, j) > start) present++;
      }
      if (present === 0) continue;
      const crowding = 1 + 2 * Math.min(2, present / capacity);
      const perPairPerHour = (rate * crowding) / present;
      for (let m = from; m < to; m++) {
        const j = order[m] ?? 0;
        const target = visits.personIndex[j] ?? 0;
        if (j === i || target === sourcePerson || this.removed[j]) continue;
        const overlapStart = Math.max(start, visits.checkedInAt[j] ?? 0);
        const overlapEnd = Math.min(end, leftAt(visits, j));
        if (overlapEnd <= overlapStart) continue;
        const hours = (overlapEnd - overlapStart) / 3_600_000;
        if (this.rng.next() < 1 - Math.exp(-perPairPerHour * hours)) {
          this.tryInfect(target, sourcePerson, place, overlapStart + this.rng.next() * (overlapEnd - overlapStart), dayStart);
        }
      }
    }
  }

  /** Evenings at home: each infectious person may infect each member of their household. */
  private atHome(dayStart: number): void {
    const current = this.active;
    const still: number[] = [];
    this.active = [];
    for (const p of current) {
      if ((this.infectiousUntil[p] ?? 0) <= dayStart) continue;
      still.push(p);
      const at = dayStart + this.rng.range(18, 22) * 3_600_000;
      if (at < (this.infectiousFrom[p] ?? 0) || at >= (this.infectiousUntil[p] ?? 0)) continue;
      const h = this.people.household[p] ?? 0;
      const first = this.households.firstPerson[h] ?? 0;
      const size = this.households.size[h] ?? 0;
      for (let q = first; q < first + size; q++) {
        if (q !== p && this.rng.next() < this.householdRisk) this.tryInfect(q, p, HOUSEHOLD, at, dayStart);
      }
    }
    // Those infected this evening were appended to the fresh list.
    this.active = still.concat(this.active);
  }

  private infectiousDuring(p: number, from: number, to: number): boolean {
    return (this.infectiousFrom[p] ?? 0) < to && (this.infectiousUntil[p] ?? 0) > from;
  }

  /** Infects a susceptible person; one infected earlier today by a later exposure keeps the earliest. */
  private tryInfect(p: number, source: number, place: number, at: number, dayStart: number): void {
    const already = this.course.infectedAt[p] ?? Number.NaN;
    if (Number.isNaN(already)) {
      this.infect(p, source, place, at);
      return;
    }
    if (already < dayStart || at >= already) return;
    const record = this.recordOf[p] ?? 0;
    const shift = at - already;
    this.source[record] = source;
    this.place[record] = place;
    this.at[record] = at;
    for (const times of [this.course.infectedAt, this.course.onsetAt, this.course.detectedAt, this.infectiousUntil]) times[p] = (times[p] ?? 0) + shift;
    this.infectiousFrom[p] = this.infectiousWindowStart(at, this.course.onsetAt[p] ?? 0);
  }

  private infect(p: number, source: number, place: number, at: number): void {
    const rng = this.rng;
    const onset = at + rng.triangular(2, 7) * DAY_MS;
    const detected = rng.chance(this.detectedShare) ? onset + rng.range(1, 4) * DAY_MS : Number.NaN;
    this.course.infectedAt[p] = at;
    this.course.onsetAt[p] = onset;
    this.course.detectedAt[p] = detected;
    this.infectiousFrom[p] = this.infectiousWindowStart(at, onset);
    this.infectiousUntil[p] = Math.min(Number.isNaN(detected) ? Number.POSITIVE_INFINITY : detected, onset + INFECTIOUS_AFTER_ONSET_MS);
    const r = this.count++;
    this.recordOf[p] = r;
    this.infected[r] = p;
    this.source[r] = source;
    this.place[r] = place;
    this.at[r] = at;
    this.active.push(p);
  }

  /** Infectious from two days before onset, but never on the day of infection itself. */
  private infectiousWindowStart(at: number, onset: number): number {
    return Math.max(onset - INFECTIOUS_BEFORE_ONSET_MS, vietnamMidnight(at) + DAY_MS);
  }

  private sortedInfections(): Infections {
    const order = Array.from({ length: this.count }, (_, k) => k).sort((a, b) => (this.at[a] ?? 0) - (this.at[b] ?? 0) || a - b);
    const pick = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(order.length);
      order.forEach((k, i) => (b[i] = a[k] ?? 0));
      return b;
    };
    return {
      count: this.count,
      infected: pick(this.infected, (n) => new Int32Array(n)),
      source: pick(this.source, (n) => new Int32Array(n)),
      placeIndex: pick(this.place, (n) => new Int32Array(n)),
      at: pick(this.at, (n) => new Float64Array(n)),
    };
  }
}

