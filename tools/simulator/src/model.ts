import { DEFAULT_DWELL_MINUTES, type PlaceType } from '@phongdich/core';
import { assignAnchors, assignOwners } from './anchors.js';
import { DAY_MS, vietnamMidnight } from './calendar.js';
import { Movement } from './movement.js';
import { Neighbourhood } from './nearby.js';
import { runOutbreak, type Course, type Infections, type OutbreakOptions } from './outbreak.js';
import { generatePlaces, type LatLon, type Places } from './places.js';
import { generatePopulation, type Households, type People } from './population.js';
import { hash2, Prng } from './prng.js';
import { compactVisits, type Visits } from './visits.js';

export interface SimulationOptions {
  seed: number;
  /** Commune codes of the province (the simulation refers to them by position in this list). */
  communes: readonly string[];
  /** Centre of each commune; places are scattered a few km around it. */
  centres: Readonly<Record<string, LatLon>>;
  /** Relative population of each commune (default: equal). */
  communeWeights?: Readonly<Record<string, number>>;
  people: number;
  places: number;
  /** The first day; rounded down to Vietnamese midnight. */
  startAt: number;
  days: number;
  /** Share of visits nobody checks out of (default 0.15). */
  missedCheckoutShare?: number;
  /** Share of people who have no smartphone, whose visits staff record (default 0.2). */
  noSmartphoneShare?: number;
  /** Of the visits staff record, the share typed in by name and phone without an account (default 0.1). */
  manualEntryShare?: number;
  /** How far from the commune centre places lie, at most (km, default 3). */
  jitterKm?: number;
  /** Refuses spots a place may not stand on (outside the province); the default accepts all. */
  acceptLocation?: (communeCode: string, point: LatLon) => boolean;
  /** The installation's auto check-out times (default DEFAULT_DWELL_MINUTES). */
  dwellMinutes?: Readonly<Record<PlaceType, number>>;
  /** The epidemic; none when omitted. */
  outbreak?: OutbreakOptions;
}

/** A synthetic province: people, households, places, visits and (optionally) an epidemic. */
export interface Simulation {
  seed: number;
  /** Vietnamese midnight of the first day (epoch ms). */
  startAt: number;
  days: number;
  /** End of the last day: every visit lies in [startAt, endAt]. */
  endAt: number;
  communes: readonly string[];
  /** Centre of each commune, in the order of `communes`. */
  centres: readonly LatLon[];
  dwellMinutes: Readonly<Record<PlaceType, number>>;
  people: People;
  households: Households;
  places: Places;
  visits: Visits;
  infections: Infections;
  course: Course;
}

// Each stage draws from its own stream, so changing one stage leaves the others' draws alone.
const STAGE = { population: 1, places: 2, anchors: 3, owners: 4, movement: 5, outbreak: 6 } as const;

function checkOptions(o: SimulationOptions): void {
  if (o.communes.length === 0) throw new RangeError('at least one commune is needed');
  if (o.communes.length > 65_535) throw new RangeError('at most 65,535 communes');
  for (const code of o.communes) if (!o.centres[code]) throw new RangeError(`no centre for commune ${code}`);
  if (!Number.isInteger(o.people) || o.people < 1) throw new RangeError('people must be a positive integer');
  if (!Number.isInteger(o.places) || o.places < 1) throw new RangeError('places must be a positive integer');
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 366) throw new RangeError('days must be 1–366');
  for (const share of [o.missedCheckoutShare, o.noSmartphoneShare, o.manualEntryShare]) {
    if (share !== undefined && !(share >= 0 && share <= 1)) throw new RangeError('shares must be within 0–1');
  }
}

/** Builds a whole province from a seed; the same options always give the same simulation. */
export function simulateProvince(options: SimulationOptions): Simulation {
  checkOptions(options);
  const stream = (stage: number) => new Prng(hash2(options.seed, stage));
  const startAt = vietnamMidnight(options.startAt);
  const endAt = startAt + options.days * DAY_MS;
  const centres = options.communes.map((code) => options.centres[code] as LatLon);
  const weights = new Float64Array(options.communes.length);
  options.communes.forEach((code, c) => (weights[c] = (c > 0 ? (weights[c - 1] ?? 0) : 0) + Math.max(0, options.communeWeights?.[code] ?? 1)));
  const dwellMinutes = options.dwellMinutes ?? DEFAULT_DWELL_MINUTES;

  const { people, households } = generatePopulation(stream(STAGE.population), options.people, weights, options.noSmartphoneShare ?? 0.2);
  const accept = options.acceptLocation;
  const places = generatePlaces(stream(STAGE.places), options.places, centres, weights, options.jitterKm ?? 3, accept ? (c, point) => accept(options.communes[c] ?? '', point) : () => true);
  const nearby = new Neighbourhood(places, centres);
  assignAnchors(stream(STAGE.anchors), people, nearby);
  assignOwners(stream(STAGE.owners), places, people, centres.length);
  const movement = new Movement(stream(STAGE.movement), people, places, nearby, {
    origin: startAt,
    days: options.days,
    missedCheckoutShare: options.missedCheckoutShare ?? 0.15,
    manualEntryShare: options.manualEntryShare ?? 0.1,
    dwellMinutes,
  });
  let visits = movement.run().sortedByTime(startAt, options.days);
  const outbreak = runOutbreak(stream(STAGE.outbreak), visits, people, households, places, startAt, options.days, options.outbreak ?? { seedDay: 0, seedCases: 0 });
  visits = compactVisits(visits, outbreak.removed);
  return { seed: options.seed, startAt, days: options.days, endAt, communes: [...options.communes], centres, dwellMinutes, people, households, places, visits, infections: outbreak.infections, course: outbreak.course };
}
