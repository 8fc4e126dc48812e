import { exposureScore, type ContactSource } from '@phongdich/core';

export interface Interval {
  start: number;
  end: number;
}

/** What tracing needs of a traced person's own visit. */
export interface VisitLike {
  id: string;
  placeId: string;
  placeType: string;
  personId: string | null;
  visitorPhoneIndex: string | null;
  checkedInAt: number;
  checkedOutAt: number | null;
}

/**
 * Someone at a place, as the place index holds it: visit id, account, visitor's keyed phone, check-in,
 * check-out. A tuple, not an object: a hundred cases' F2 reads millions of these.
 */
export type Presence = readonly [id: string, personId: string | null, visitorPhoneIndex: string | null, checkedInAt: number, checkedOutAt: number | null];

/** One way one person was exposed to a traced person. */
export interface Exposure {
  personKey: string;
  personId: string | null;
  visitorPhoneIndex: string | null;
  /** A visit of the exposed person, when presence found them (for a visitor's name or phone). */
  visitId: string | null;
  source: ContactSource;
  placeId: string | null;
  start: number;
  end: number;
  minutes: number;
  score: number;
}

/** Exposures of one person merged: every source, the whole span, all minutes, the strongest place. */
export interface MergedExposure<U = unknown> extends Exposure {
  sources: ContactSource[];
  /** Whatever the caller attached to the strongest exposure (the units that follow the contact up). */
  tag: U | null;
}

export interface PresenceRules {
  /** Visits within this long of a traced visit at the same place count (PC-Covid used one hour), by place type. */
  bufferMs: (placeType: string) => number;
  /** How long a visit with no check-out is taken to have lasted, by place type. */
  dwellMs: (placeType: string) => number;
  /** No visit is taken to last longer than this; also how far back tracing looks for open visits. */
  maxVisitMs: number;
  now: number;
}

/** One person however they were recorded: their account, a visitor's keyed phone, or the single visit. */
export function personKeyOf(visitId: string, personId: string | null, visitorPhoneIndex: string | null): string {
  if (personId) return personId;
  if (visitorPhoneIndex) return `phone:${visitorPhoneIndex}`;
  return `visit:${visitId}`;
}

/** When a visit ended; a visit never checked out lasts the usual stay of its place type. */
export function stayEnd(checkedInAt: number, checkedOutAt: number | null, placeType: string, rules: PresenceRules): number {
  const end = checkedOutAt ?? Math.min(checkedInAt + rules.dwellMs(placeType), Math.max(checkedInAt, rules.now));
  return Math.max(checkedInAt, Math.min(end, checkedInAt + rules.maxVisitMs));
}

/** The part of a traced person's visit inside their infectious window, or null. */
export function tracedPart(visit: VisitLike, window: Interval, rules: PresenceRules): Interval | null {
  const start = Math.max(visit.checkedInAt, window.start);
  const end = Math.min(stayEnd(visit.checkedInAt, visit.checkedOutAt, visit.placeType, rules), window.end);
  return start <= end ? { start, end } : null;
}

/** The check-in times of visits that can meet a traced interval: what the per-place query asks for. */
export function candidateRange(traced: Interval, placeType: string, rules: PresenceRules): Interval {
  const buffer = rules.bufferMs(placeType);
  return { start: traced.start - buffer - rules.maxVisitMs, end: traced.end + buffer };
}

/** Adds one exposure to the person's merged exposure: sources united, span widened, minutes added. */
export function mergeInto<U>(merged: Map<string, MergedExposure<U>>, e: Exposure, tag: U | null = null): void {
  const seen = merged.get(e.personKey);
  if (!seen) {
    merged.set(e.personKey, { ...e, sources: [e.source], tag });
    return;
  }
  if (!seen.sources.includes(e.source)) seen.sources.push(e.source);
  if (e.score > seen.score || (e.score === seen.score && e.start < seen.start)) {
    seen.placeId = e.placeId ?? seen.placeId;
    seen.visitId = e.visitId ?? seen.visitId;
    seen.score = e.score;
    seen.source = e.source;
    seen.tag = tag ?? seen.tag;
  }
  seen.personId ??= e.personId;
  seen.start = Math.min(seen.start, e.start);
  seen.end = Math.max(seen.end, e.end);
  seen.minutes += e.minutes;
}

/** Who was at one place over a stretch of time, sorted by check-in, with each stay's end worked out once. */
export interface PlaceTimeline {
  place: { id: string; type: string };
  presences: readonly Presence[];
  checkIns: Float64Array;
  ends: Float64Array;
}

function isSortedByCheckIn(presences: readonly Presence[]): boolean {
  for (let i = 1; i < presences.length; i++) if ((presences[i] as Presence)[3] < (presences[i - 1] as Presence)[3]) return false;
  return true;
}

export function placeTimeline(place: { id: string; type: string }, presences: readonly Presence[], rules: PresenceRules): PlaceTimeline {
  // Rows come in index order already; sorting is only for a database that does not promise it.
  const sorted = isSortedByCheckIn(presences) ? presences : [...presences].sort((a, b) => a[3] - b[3]);
  const checkIns = new Float64Array(sorted.length);
  const ends = new Float64Array(sorted.length);
  sorted.forEach((p, i) => {
    checkIns[i] = p[3];
    ends[i] = stayEnd(p[3], p[4], place.type, rules);
  });
  return { place, presences: sorted, checkIns, ends };
}

function firstAtOrAfter(values: Float64Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Everyone at the same place as one traced visit, merged into `merged`: their stay meets the traced stay
 * widened by the buffer (touching counts). Minutes are those actually shared, 0 for someone there only
 * within the buffer. Only a person's first exposure allocates.
 */
export function collectPresence<U>(
  merged: Map<string, MergedExposure<U>>,
  traced: Interval,
  timeline: PlaceTimeline,
  who: {
    /** The traced person. */
    exclude: string;
    /** People already found elsewhere in the chain: skipped. */
    claimed: ReadonlySet<string>;
    /** Accounts of visitors recorded by keyed phone, by that key. */
    accounts: ReadonlyMap<string, string>;
  },
  rules: PresenceRules,
  tag: U | null = null,
): void {
  const buffer = rules.bufferMs(timeline.place.type);
  const nearStart = traced.start - buffer;
  const nearEnd = traced.end + buffer;
  const { checkIns, ends, presences, place } = timeline;
  for (let i = firstAtOrAfter(checkIns, nearStart - rules.maxVisitMs); i < checkIns.length && (checkIns[i] as number) <= nearEnd; i++) {
    const end = ends[i] as number;
    if (end < nearStart) continue;
    const [visitId, account, phoneIndex, checkedInAt] = presences[i] as Presence;
    const personId = account ?? (phoneIndex ? (who.accounts.get(phoneIndex) ?? null) : null);
    const key = personKeyOf(visitId, personId, phoneIndex);
    if (key === who.exclude || who.claimed.has(key)) continue;
    const minutes = Math.max(0, Math.min(end, traced.end) - Math.max(checkedInAt, traced.start)) / 60_000;
    const start = Math.max(checkedInAt, nearStart);
    const until = Math.min(end, nearEnd);
    const score = exposureScore('presence', minutes);
    const seen = merged.get(key);
    if (seen && seen.sources.length === 1 && seen.source === 'presence') {
      // The common case, updated without building an exposure object.
      if (score > seen.score || (score === seen.score && start < seen.start)) {
        seen.placeId = place.id;
        seen.visitId = visitId;
        seen.score = score;
        seen.tag = tag ?? seen.tag;
      }
      seen.start = Math.min(seen.start, start);
      seen.end = Math.max(seen.end, until);
      seen.minutes += minutes;
      continue;
    }
    if (seen) mergeInto(merged, { personKey: key, personId, visitorPhoneIndex: phoneIndex, visitId, source: 'presence', placeId: place.id, start, end: until, minutes, score }, tag);
    else merged.set(key, { personKey: key, personId, visitorPhoneIndex: phoneIndex, visitId, source: 'presence', sources: ['presence'], placeId: place.id, start, end: until, minutes, score, tag });
  }
}

/** A read of one place over one stretch of time, shared by every traced visit it covers. */
export interface PlaceRead {
  placeId: string;
  from: number;
  until: number;
  leftAfter: number;
  /** Indexes of the traced visits it serves. */
  parts: number[];
}

/**
 * Groups traced visits at the same place whose surroundings (the visit widened by the buffer) overlap,
 * so classmates or co-workers traced together cost one read of the place, not one each.
 */
export function placeReads(parts: ReadonlyArray<{ placeId: string; placeType: string; part: Interval }>, rules: PresenceRules): PlaceRead[] {
  const order = parts.map((_, i) => i).sort((a, b) => {
    const pa = parts[a] as { placeId: string; part: Interval };
    const pb = parts[b] as { placeId: string; part: Interval };
    return pa.placeId < pb.placeId ? -1 : pa.placeId > pb.placeId ? 1 : pa.part.start - pb.part.start;
  });
  const reads: PlaceRead[] = [];
  for (const i of order) {
    const { placeId, placeType, part } = parts[i] as { placeId: string; placeType: string; part: Interval };
    const range = candidateRange(part, placeType, rules);
    const leftAfter = part.start - rules.bufferMs(placeType);
    const last = reads[reads.length - 1];
    if (last && last.placeId === placeId && leftAfter <= last.until) {
      last.until = Math.max(last.until, range.end + 1);
      last.parts.push(i);
      continue;
    }
    reads.push({ placeId, from: range.start, until: range.end + 1, leftAfter, parts: [i] });
  }
  return reads;
}
