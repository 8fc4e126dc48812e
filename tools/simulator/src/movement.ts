import { PLACE_TYPES, VISIT_METHODS, type PlaceType } from '@phongdich/core';
import { DAY_MS, MINUTE_MS, vietnamWeekday } from './calendar.js';
import type { Neighbourhood } from './nearby.js';
import type { Places } from './places.js';
import type { People } from './population.js';
import { cumulative, hash2, type Prng } from './prng.js';
import {
  AGE_GROUPS,
  ERRAND_WEIGHTS,
  ERRANDS_FREE_DAY,
  ERRANDS_WITH_ANCHOR,
  MAX_VISITS_PER_DAY,
  PROFILES,
  TYPE_INDEX,
  ageGroup,
  type WorkDays,
} from './profiles.js';
import { VisitBuffer } from './visits.js';

export interface MovementOptions {
  origin: number;
  days: number;
  missedCheckoutShare: number;
  manualEntryShare: number;
  /** Minutes after which the server closes a visit nobody checked out of, per place type. */
  dwellMinutes: Readonly<Record<PlaceType, number>>;
}

const METHOD = Object.fromEntries(VISIT_METHODS.map((m, i) => [m, i])) as Record<(typeof VISIT_METHODS)[number], number>;
const SCHOOL = TYPE_INDEX.school;
const GAP_MS = 10 * MINUTE_MS;
const LATEST_START = 23 * 60;
const ATTENDANCE = { pupil: 0.96, worker: 0.94 };
const SELF_SCAN_SHARE = 0.93;
const PUPIL_SHIFT = { start: [400, 440], length: [510, 570] } as const;
const KINDERGARTEN_SHIFT = { start: [405, 465], length: [525, 585] } as const;
const OPEN_SLOTS = 16;

function works(days: WorkDays, weekday: number, restDay: number): boolean {
  if (days === 'weekdays') return weekday >= 1 && weekday <= 5;
  if (days === 'mon_sat') return weekday >= 1;
  return weekday !== restDay;
}

/** Errand weights by day kind (0 weekday, 1 Saturday, 2 Sunday) and age group, cumulative over types. */
function errandTables(): Float64Array[][] {
  return [0, 1, 2].map((kind) =>
    AGE_GROUPS.map((group) =>
      cumulative(
        PLACE_TYPES.map((type, t) => {
          const weight = ERRAND_WEIGHTS[group][type] ?? 0;
          if (kind === 0) return weight;
          if (!PROFILES[t]?.weekends) return 0;
          if (type === 'tourist_site') return weight * 3;
          return kind === 2 && type === 'religious_site' ? weight * 1.5 : weight;
        }),
      ),
    ),
  );
}

/**
 * Day-by-day movements, person by person: school or work on working days, then errands to places
 * near home at the hours each kind of place is busy, never two places at once, with a share of
 * missed check-outs and of visits recorded by staff for people without smartphones.
 */
export class Movement {
  private readonly errands = errandTables();
  private readonly windows = PROFILES.map((p) => cumulative(p.windows.map((w) => w[2])));
  private readonly withAnchor = cumulative([...ERRANDS_WITH_ANCHOR]);
  private readonly freeDay = cumulative([...ERRANDS_FREE_DAY]);
  private readonly dwellMs: Float64Array;
  private readonly midnights: Float64Array;
  private readonly weekdays: Uint8Array;
  private readonly endAt: number;
  // Scratch space for one person-day, and the person's visits still open (no check-out yet).
  private readonly slotStart = new Float64Array(8);
  private readonly slotStay = new Float64Array(8);
  private readonly slotPlace = new Int32Array(8);
  private slots = 0;
  private readonly openPlace = new Int32Array(OPEN_SLOTS);
  private readonly openUntil = new Float64Array(OPEN_SLOTS);
  private readonly openVisit = new Int32Array(OPEN_SLOTS);
  private lastEnd = -Infinity;

  constructor(
    private readonly rng: Prng,
    private readonly people: People,
    private readonly places: Places,
    private readonly nearby: Neighbourhood,
    private readonly options: MovementOptions,
  ) {
    this.dwellMs = Float64Array.from(PLACE_TYPES, (t) => options.dwellMinutes[t] * MINUTE_MS);
    this.midnights = Float64Array.from({ length: options.days }, (_, d) => options.origin + d * DAY_MS);
    this.weekdays = Uint8Array.from(this.midnights, (m) => vietnamWeekday(m));
    this.endAt = options.origin + options.days * DAY_MS;
  }

  /** Every person's visits, appended to a buffer in person order. */
  run(): VisitBuffer {
    const buffer = new VisitBuffer(this.people.count * this.options.days * 0.6);
    for (let p = 0; p < this.people.count; p++) {
      this.lastEnd = -Infinity;
      this.openPlace.fill(-1);
      for (let d = 0; d < this.options.days; d++) {
        this.planDay(p, d);
        this.emitDay(buffer, p);
      }
    }
    return buffer;
  }

  private planDay(p: number, d: number): void {
    const rng = this.rng;
    const age = this.people.age[p] ?? 0;
    const commune = this.people.commune[p] ?? 0;
    const household = this.people.household[p] ?? 0;
    const anchor = this.people.anchor[p] ?? -1;
    const midnight = this.midnights[d] ?? 0;
    const weekday = this.weekdays[d] ?? 0;
    this.slots = 0;
    let atAnchor = false;
    if (anchor >= 0) {
      const type = this.places.type[anchor] ?? 0;
      const profile = PROFILES[type];
      const pupil = type === SCHOOL && age < 18;
      if (profile && works(profile.shift.days, weekday, hash2(p, 7) % 7) && rng.chance(pupil ? ATTENDANCE.pupil : ATTENDANCE.worker)) {
        const shift = pupil ? (age < 6 ? KINDERGARTEN_SHIFT : PUPIL_SHIFT) : profile.shift;
        const start = midnight + Math.floor(rng.triangular(shift.start[0], shift.start[1])) * MINUTE_MS + rng.int(60) * 1000;
        atAnchor = this.tryAdd(start, Math.round(rng.range(shift.length[0], shift.length[1])), anchor);
      }
    }
    const group = ageGroup(age);
    const counts = atAnchor || group < 2 ? this.withAnchor : this.freeDay;
    const errands = Math.min(rng.pickCumulative(counts), MAX_VISITS_PER_DAY - this.slots);
    const table = this.errands[weekday === 6 ? 1 : weekday === 0 ? 2 : 0]?.[group];
    if (!table) return;
    for (let e = 0; e < errands; e++) {
      const type = rng.pickCumulative(table);
      const place = this.nearby.choose(rng, commune, type, household);
      if (place < 0 || place === anchor) continue;
      const profile = PROFILES[type];
      const windows = this.windows[type];
      if (!profile || !windows) continue;
      const stay = Math.round(rng.range(profile.stay[0], profile.stay[1]));
      // Busy at that hour (at work, say): try the place's other busy hours before giving up.
      for (let attempt = 0; attempt < 3; attempt++) {
        const window = profile.windows[rng.pickCumulative(windows)];
        if (!window) break;
        const minute = Math.min(LATEST_START, Math.floor(rng.triangular(window[0], window[1])));
        if (this.tryAdd(midnight + minute * MINUTE_MS + rng.int(60) * 1000, stay, place)) break;
      }
    }
  }

  /** Adds a visit to the day's plan unless it overlaps one already planned (or yesterday's last). */
  private tryAdd(start: number, stayMinutes: number, place: number): boolean {
    const end = start + stayMinutes * MINUTE_MS;
    if (start < this.lastEnd + GAP_MS || end > this.endAt + DAY_MS) return false;
    for (let s = 0; s < this.slots; s++) {
      const otherStart = this.slotStart[s] ?? 0;
      const otherEnd = otherStart + (this.slotStay[s] ?? 0) * MINUTE_MS;
      if (start < otherEnd + GAP_MS && otherStart < end + GAP_MS) return false;
    }
    this.slotStart[this.slots] = start;
    this.slotStay[this.slots] = stayMinutes;
    this.slotPlace[this.slots] = place;
    this.slots++;
    return true;
  }

  private emitDay(buffer: VisitBuffer, p: number): void {
    const { slotStart, slotStay, slotPlace } = this;
    // Insertion sort: a day has at most four visits.
    for (let i = 1; i < this.slots; i++) {
      for (let j = i; j > 0 && (slotStart[j - 1] ?? 0) > (slotStart[j] ?? 0); j--) {
        [slotStart[j - 1], slotStart[j]] = [slotStart[j] ?? 0, slotStart[j - 1] ?? 0];
        [slotStay[j - 1], slotStay[j]] = [slotStay[j] ?? 0, slotStay[j - 1] ?? 0];
        [slotPlace[j - 1], slotPlace[j]] = [slotPlace[j] ?? 0, slotPlace[j - 1] ?? 0];
      }
    }
    const smartphone = this.people.smartphone[p] === 1;
    for (let s = 0; s < this.slots; s++) {
      const checkedInAt = slotStart[s] ?? 0;
      const stay = slotStay[s] ?? 0;
      const place = slotPlace[s] ?? 0;
      const left = checkedInAt + stay * MINUTE_MS;
      const missed = this.rng.chance(this.options.missedCheckoutShare);
      this.closeReopened(buffer, place, checkedInAt);
      // Still inside when the simulation ends: no check-out yet, like a missed one.
      const checkedOutAt = missed || left > this.endAt ? Number.NaN : left;
      const v = buffer.push(p, place, checkedInAt, checkedOutAt, stay, this.method(smartphone));
      if (Number.isNaN(checkedOutAt)) this.remember(place, checkedInAt + (this.dwellMs[this.places.type[place] ?? 0] ?? 0), v);
      this.lastEnd = Math.max(this.lastEnd, left);
    }
  }

  private method(smartphone: boolean): number {
    const r = this.rng.next();
    if (smartphone) return r < SELF_SCAN_SHARE ? METHOD.self_scan : METHOD.manual_code;
    const manual = this.options.manualEntryShare;
    if (r < manual) return METHOD.staff_manual;
    return r < manual + (1 - manual) * 0.6 ? METHOD.staff_personal_qr : METHOD.staff_phone;
  }

  /**
   * A scan at a place where the person's earlier visit is still open (not yet closed by the
   * server's auto check-out) would check them out, not in. So that earlier check-out is recorded
   * after all: the database then holds at most one open visit per person and place, as the server would.
   */
  private closeReopened(buffer: VisitBuffer, place: number, at: number): void {
    for (let k = 0; k < OPEN_SLOTS; k++) {
      const open = this.openPlace[k] ?? -1;
      if (open < 0) continue;
      if ((this.openUntil[k] ?? 0) <= at) this.openPlace[k] = -1;
      else if (open === place) {
        const v = this.openVisit[k] ?? 0;
        buffer.checkedOutAt[v] = (buffer.checkedInAt[v] ?? 0) + (buffer.stayMinutes[v] ?? 0) * MINUTE_MS;
        this.openPlace[k] = -1;
      }
    }
  }

  private remember(place: number, until: number, v: number): void {
    let slot = 0;
    for (let k = 0; k < OPEN_SLOTS; k++) {
      if ((this.openPlace[k] ?? -1) < 0) {
        slot = k;
        break;
      }
      if ((this.openUntil[k] ?? 0) < (this.openUntil[slot] ?? 0)) slot = k;
    }
    this.openPlace[slot] = place;
    this.openUntil[slot] = until;
    this.openVisit[slot] = v;
  }
}
