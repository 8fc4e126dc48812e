import { PLACE_TYPES, type PlaceType } from '@phongdich/core';

/** A span of the local day in minutes since midnight, with a relative weight. */
export type Window = readonly [startMinute: number, endMinute: number, weight: number];

/** Which days a workplace works: Monday–Friday, Monday–Saturday, or every day but one rest day. */
export type WorkDays = 'weekdays' | 'mon_sat' | 'daily';

export interface PlaceProfile {
  /** Share of all places (a province's commune lists: many eateries and shops, few stations). */
  share: number;
  /** Visitors at once, drawn log-uniformly from this range. */
  capacity: readonly [number, number];
  openingHours: string;
  /** When visitors (not staff) come, and for how long (minutes). */
  windows: readonly Window[];
  stay: readonly [number, number];
  /** Open to visitors on weekends. */
  weekends: boolean;
  /** Infectious contacts an infectious visitor makes per hour at ordinary crowding. */
  contactsPerHour: number;
  /** Weight as a workplace for adults, and the shift: arrival window and length (minutes). */
  jobs: number;
  shift: { start: readonly [number, number]; length: readonly [number, number]; days: WorkDays };
}

const h = (hours: number, minutes = 0): number => hours * 60 + minutes;

/** Place types as a province's places are: proportions, capacities, daily rhythm, crowding risk. */
export const PLACE_PROFILES: Record<PlaceType, PlaceProfile> = {
  agency: {
    share: 0.1, capacity: [30, 300], openingHours: '07:30–11:30, 13:30–17:00',
    windows: [[h(7, 30), h(11), 2], [h(13, 30), h(16), 1]], stay: [10, 60], weekends: false,
    contactsPerHour: 0.06, jobs: 12, shift: { start: [h(7, 15), h(7, 45)], length: [h(8, 30), h(9, 30)], days: 'weekdays' },
  },
  school: {
    share: 0.12, capacity: [150, 1500], openingHours: '07:00–17:00',
    windows: [[h(6, 45), h(7, 30), 2], [h(16, 30), h(17, 15), 2]], stay: [5, 20], weekends: false,
    contactsPerHour: 0.025, jobs: 6, shift: { start: [h(6, 40), h(7, 15)], length: [h(9), h(10)], days: 'weekdays' },
  },
  health_facility: {
    share: 0.05, capacity: [20, 400], openingHours: '07:00–17:00',
    windows: [[h(7, 15), h(11), 3], [h(13, 30), h(16, 30), 2]], stay: [20, 150], weekends: true,
    contactsPerHour: 0.12, jobs: 5, shift: { start: [h(6, 45), h(7, 30)], length: [h(8), h(10)], days: 'daily' },
  },
  market: {
    share: 0.05, capacity: [100, 800], openingHours: '05:00–18:00',
    windows: [[h(5), h(8, 30), 3], [h(15, 30), h(18), 1]], stay: [15, 60], weekends: true,
    contactsPerHour: 0.15, jobs: 8, shift: { start: [h(4, 30), h(5, 30)], length: [h(6), h(10)], days: 'daily' },
  },
  supermarket_mall: {
    share: 0.05, capacity: [50, 500], openingHours: '08:00–22:00',
    windows: [[h(9), h(21), 1]], stay: [20, 75], weekends: true,
    contactsPerHour: 0.08, jobs: 4, shift: { start: [h(7, 30), h(8)], length: [h(8), h(10)], days: 'daily' },
  },
  restaurant_cafe: {
    share: 0.24, capacity: [20, 150], openingHours: '06:00–22:00',
    windows: [[h(6, 30), h(8, 30), 3], [h(11), h(12, 45), 4], [h(14), h(16), 1], [h(17, 30), h(20, 30), 4]], stay: [25, 90], weekends: true,
    contactsPerHour: 0.25, jobs: 10, shift: { start: [h(5, 30), h(7)], length: [h(8), h(10)], days: 'daily' },
  },
  hotel: {
    share: 0.03, capacity: [20, 200], openingHours: '00:00–24:00',
    windows: [[h(12), h(21), 1]], stay: [60, 180], weekends: true,
    contactsPerHour: 0.05, jobs: 2, shift: { start: [h(6), h(8)], length: [h(8), h(10)], days: 'daily' },
  },
  station_port: {
    share: 0.02, capacity: [50, 600], openingHours: '05:00–19:00',
    windows: [[h(5), h(17), 1]], stay: [15, 60], weekends: true,
    contactsPerHour: 0.1, jobs: 2, shift: { start: [h(4, 30), h(6)], length: [h(8), h(10)], days: 'daily' },
  },
  tourist_site: {
    share: 0.02, capacity: [100, 2000], openingHours: '07:30–17:30',
    windows: [[h(8), h(15, 30), 1]], stay: [60, 180], weekends: true,
    contactsPerHour: 0.04, jobs: 1, shift: { start: [h(7), h(7, 30)], length: [h(9), h(10)], days: 'daily' },
  },
  factory_enterprise: {
    share: 0.08, capacity: [100, 3000], openingHours: '07:00–17:00',
    windows: [[h(8), h(15), 1]], stay: [30, 120], weekends: false,
    contactsPerHour: 0.03, jobs: 30, shift: { start: [h(6, 30), h(7, 30)], length: [h(9), h(10, 30)], days: 'mon_sat' },
  },
  religious_site: {
    share: 0.05, capacity: [50, 500], openingHours: '05:00–21:00',
    windows: [[h(5), h(7), 2], [h(8), h(11), 1], [h(17, 30), h(20), 2]], stay: [30, 90], weekends: true,
    contactsPerHour: 0.15, jobs: 0, shift: { start: [h(5), h(6)], length: [h(8), h(9)], days: 'daily' },
  },
  residential_building: {
    share: 0.05, capacity: [50, 500], openingHours: '00:00–24:00',
    windows: [[h(17), h(20, 30), 1]], stay: [30, 150], weekends: true,
    contactsPerHour: 0.15, jobs: 0, shift: { start: [h(7), h(8)], length: [h(8), h(9)], days: 'daily' },
  },
  other: {
    share: 0.14, capacity: [5, 40], openingHours: '07:00–21:30',
    windows: [[h(7), h(21), 1]], stay: [5, 35], weekends: true,
    contactsPerHour: 0.1, jobs: 10, shift: { start: [h(6, 30), h(7, 30)], length: [h(9), h(12)], days: 'daily' },
  },
};

/** Profiles in PLACE_TYPES order, so a type index (Uint8Array) reaches its profile directly. */
export const PROFILES: readonly PlaceProfile[] = PLACE_TYPES.map((t) => PLACE_PROFILES[t]);

export const TYPE_INDEX: Record<PlaceType, number> = Object.fromEntries(PLACE_TYPES.map((t, i) => [t, i])) as Record<PlaceType, number>;

/** Age groups whose errands differ: infants and small children go along with their parents. */
export const AGE_GROUPS = ['infant', 'child', 'student', 'adult', 'elder'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroup(age: number): number {
  if (age < 3) return 0;
  if (age < 6) return 1;
  if (age < 18) return 2;
  if (age < 60) return 3;
  return 4;
}

/** Where each age group goes besides school or work (relative weights). */
export const ERRAND_WEIGHTS: Record<AgeGroup, Partial<Record<PlaceType, number>>> = {
  infant: { health_facility: 40, market: 25, other: 15, restaurant_cafe: 10, supermarket_mall: 10 },
  child: { health_facility: 30, market: 25, other: 15, restaurant_cafe: 12, supermarket_mall: 12, religious_site: 6 },
  student: { restaurant_cafe: 30, other: 20, supermarket_mall: 12, market: 10, tourist_site: 8, health_facility: 6, residential_building: 5, religious_site: 4, station_port: 2 },
  adult: { market: 22, restaurant_cafe: 22, other: 16, supermarket_mall: 8, health_facility: 6, agency: 6, residential_building: 5, religious_site: 4, station_port: 3, tourist_site: 3, school: 3, hotel: 1, factory_enterprise: 1 },
  elder: { market: 30, health_facility: 16, religious_site: 14, other: 12, restaurant_cafe: 10, residential_building: 8, agency: 6, supermarket_mall: 4 },
};

/** How many errands a person runs in a day (index = count), by whether they also went to school or work. */
export const ERRANDS_WITH_ANCHOR = [0.86, 0.11, 0.03] as const;
export const ERRANDS_FREE_DAY = [0.76, 0.16, 0.055, 0.02, 0.005] as const;

/** Largest number of visits one person makes in a day. */
export const MAX_VISITS_PER_DAY = 4;
