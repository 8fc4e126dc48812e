import { DAY_MS } from './calendar.js';

/**
 * Visits as parallel typed arrays (27 bytes a visit: ten million fit in about 270 MB).
 * Ordered by check-in time.
 */
export interface Visits {
  count: number;
  personIndex: Int32Array;
  placeIndex: Int32Array;
  checkedInAt: Float64Array;
  /** NaN when no check-out was recorded: a missed one, or the person is still inside at the end. */
  checkedOutAt: Float64Array;
  /** How long the person really stayed, recorded or not: what transmission runs on. */
  stayMinutes: Uint16Array;
  /** Index into VISIT_METHODS. */
  method: Uint8Array;
}

/** When the person really left (whether or not a check-out was recorded). */
export function leftAt(visits: Visits, v: number): number {
  return (visits.checkedInAt[v] ?? 0) + (visits.stayMinutes[v] ?? 0) * 60_000;
}

/** A growable store the movement model appends to. */
export class VisitBuffer {
  count = 0;
  personIndex: Int32Array;
  placeIndex: Int32Array;
  checkedInAt: Float64Array;
  checkedOutAt: Float64Array;
  stayMinutes: Uint16Array;
  method: Uint8Array;

  constructor(capacity: number) {
    const n = Math.max(1024, Math.ceil(capacity));
    this.personIndex = new Int32Array(n);
    this.placeIndex = new Int32Array(n);
    this.checkedInAt = new Float64Array(n);
    this.checkedOutAt = new Float64Array(n);
    this.stayMinutes = new Uint16Array(n);
    this.method = new Uint8Array(n);
  }

  push(person: number, place: number, checkedInAt: number, checkedOutAt: number, stayMinutes: number, method: number): number {
    if (this.count === this.personIndex.length) this.grow();
    const v = this.count++;
    this.personIndex[v] = person;
    this.placeIndex[v] = place;
    this.checkedInAt[v] = checkedInAt;
    this.checkedOutAt[v] = checkedOutAt;
    this.stayMinutes[v] = stayMinutes;
    this.method[v] = method;
    return v;
  }

  private grow(): void {
    const n = Math.ceil(this.personIndex.length * 1.5);
    const grown = <T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.personIndex = grown(this.personIndex);
    this.placeIndex = grown(this.placeIndex);
    this.checkedInAt = grown(this.checkedInAt);
    this.checkedOutAt = grown(this.checkedOutAt);
    this.stayMinutes = grown(this.stayMinutes);
    this.method = grown(this.method);
  }

  /**
   * The visits ordered by check-in time (a counting sort on the second, stable, so it is
   * deterministic), in arrays of exactly the right length. Empties the buffer.
   */
  sortedByTime(origin: number, days: number): Visits {
    const n = this.count;
    const seconds = days * 86_400;
    const offsets = new Int32Array(seconds + 1);
    const second = (v: number) => Math.min(seconds - 1, Math.max(0, Math.floor(((this.checkedInAt[v] ?? 0) - origin) / 1000)));
    for (let v = 0; v < n; v++) offsets[second(v) + 1]! += 1;
    for (let s = 0; s < seconds; s++) offsets[s + 1]! += offsets[s]!;
    const order = new Int32Array(n);
    for (let v = 0; v < n; v++) order[offsets[second(v)]!++] = v;
    const permute = <T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      for (let k = 0; k < n; k++) b[k] = a[order[k]!]!;
      return b;
    };
    // One column at a time, dropping each old column at once: the peak stays near one copy.
    const personIndex = permute(this.personIndex);
    this.personIndex = new Int32Array(0);
    const placeIndex = permute(this.placeIndex);
    this.placeIndex = new Int32Array(0);
    const checkedInAt = permute(this.checkedInAt);
    this.checkedInAt = new Float64Array(0);
    const checkedOutAt = permute(this.checkedOutAt);
    this.checkedOutAt = new Float64Array(0);
    const stayMinutes = permute(this.stayMinutes);
    this.stayMinutes = new Uint16Array(0);
    const method = permute(this.method);
    this.method = new Uint8Array(0);
    this.count = 0;
    return { count: n, personIndex, placeIndex, checkedInAt, checkedOutAt, stayMinutes, method };
  }
}

/** Drops the visits marked in `removed`, in place, keeping the order; returns the shortened view. */
export function compactVisits(visits: Visits, removed: Uint8Array): Visits {
  let w = 0;
  for (let v = 0; v < visits.count; v++) {
    if (removed[v]) continue;
    if (w !== v) {
      visits.personIndex[w] = visits.personIndex[v]!;
      visits.placeIndex[w] = visits.placeIndex[v]!;
      visits.checkedInAt[w] = visits.checkedInAt[v]!;
      visits.checkedOutAt[w] = visits.checkedOutAt[v]!;
      visits.stayMinutes[w] = visits.stayMinutes[v]!;
      visits.method[w] = visits.method[v]!;
    }
    w++;
  }
  // slice, not subarray: the dropped tail's memory is given back.
  return {
    count: w,
    personIndex: visits.personIndex.slice(0, w),
    placeIndex: visits.placeIndex.slice(0, w),
    checkedInAt: visits.checkedInAt.slice(0, w),
    checkedOutAt: visits.checkedOutAt.slice(0, w),
    stayMinutes: visits.stayMinutes.slice(0, w),
    method: visits.method.slice(0, w),
  };
}

/** Visits grouped by local day and place (each group in check-in order): the tracing access path. */
export interface DayPlaceIndex {
  order: Int32Array;
  /** Group (day * places + place) holds order[offsets[g] .. offsets[g + 1]). */
  offsets: Int32Array;
}

export function indexByDayAndPlace(visits: Visits, places: number, origin: number, days: number): DayPlaceIndex {
  const groups = days * places;
  const offsets = new Int32Array(groups + 1);
  const group = (v: number) => Math.min(days - 1, Math.floor(((visits.checkedInAt[v] ?? 0) - origin) / DAY_MS)) * places + (visits.placeIndex[v] ?? 0);
  for (let v = 0; v < visits.count; v++) offsets[group(v) + 1]! += 1;
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
  const cursor = offsets.slice(0, groups);
  const order = new Int32Array(visits.count);
  for (let v = 0; v < visits.count; v++) order[cursor[group(v)]!++] = v;
  return { order, offsets };
}
