import { exposureScore, type ContactSource } from '@phongdich/core';

export interface Interval {
  start: number;
  end: number;
}

/** What tracing needs of a visit. */
export interface VisitLike {
  id: string;
  placeId: string;
  placeType: string;
  personId: string | null;
  visitorPhoneIndex: string | null;
  checkedInAt: number;
  checkedOutAt: number | null;
}

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
export interface MergedExposure extends Exposure {
  sources: ContactSource[];
}

export interface PresenceRules {
  /** Visits within this long of a traced visit at the same place count (PC-Covid used one hour). */
  bufferMs: number;
  /** How long a visit with no check-out is taken to have lasted, by place type. */
  dwellMs: (placeType: string) => number;
  /** No visit is taken to last longer than this; also how far back tracing looks for open visits. */
  maxVisitMs: number;
  now: number;
}

/** One person however they were recorded: their account, a visitor's keyed phone, or the single visit. */
export function personKeyOf(visit: Pick<VisitLike, 'id' | 'personId' | 'visitorPhoneIndex'>): string {
  if (visit.personId) return visit.personId;
  if (visit.visitorPhoneIndex) return `phone:${visit.visitorPhoneIndex}`;
  return `visit:${visit.id}`;
}

/** When a visit began and ended; a visit never checked out lasts the usual stay of its place type. */
export function visitInterval(visit: VisitLike, rules: PresenceRules): Interval {
  const assumedEnd = visit.checkedInAt + rules.dwellMs(visit.placeType);
  const end = visit.checkedOutAt ?? Math.min(assumedEnd, Math.max(visit.checkedInAt, rules.now));
  return { start: visit.checkedInAt, end: Math.max(visit.checkedInAt, Math.min(end, visit.checkedInAt + rules.maxVisitMs)) };
}

/** The part of a traced person's visit inside their infectious window, or null. */
export function tracedPart(visit: VisitLike, window: Interval, rules: PresenceRules): Interval | null {
  const own = visitInterval(visit, rules);
  const start = Math.max(own.start, window.start);
  const end = Math.min(own.end, window.end);
  return start <= end ? { start, end } : null;
}

/** The check-in times of visits that can meet a traced interval: what the per-place query asks for. */
export function candidateRange(traced: Interval, rules: PresenceRules): Interval {
  return { start: traced.start - rules.bufferMs - rules.maxVisitMs, end: traced.end + rules.bufferMs };
}

/**
 * Everyone at the same place as one traced visit: their stay meets the traced stay widened by the buffer
 * (touching counts). Minutes are those actually shared, 0 for someone there only within the buffer.
 */
export function presenceExposures(traced: Interval, placeId: string, candidates: readonly VisitLike[], excludeKey: string, rules: PresenceRules): Exposure[] {
  const near = { start: traced.start - rules.bufferMs, end: traced.end + rules.bufferMs };
  const exposures: Exposure[] = [];
  for (const visit of candidates) {
    if (visit.placeId !== placeId) continue;
    const key = personKeyOf(visit);
    if (key === excludeKey) continue;
    const stay = visitInterval(visit, rules);
    if (stay.start > near.end || stay.end < near.start) continue;
    const minutes = Math.max(0, Math.min(stay.end, traced.end) - Math.max(stay.start, traced.start)) / 60_000;
    exposures.push({
      personKey: key,
      personId: visit.personId,
      visitorPhoneIndex: visit.visitorPhoneIndex,
      visitId: visit.id,
      source: 'presence',
      placeId,
      start: Math.max(stay.start, near.start),
      end: Math.min(stay.end, near.end),
      minutes,
      score: exposureScore('presence', minutes),
    });
  }
  return exposures;
}

/** One entry per person: sources united, earliest start, latest end, minutes added, the strongest exposure's place. */
export function mergeExposures(exposures: readonly Exposure[]): MergedExposure[] {
  const byPerson = new Map<string, MergedExposure>();
  for (const e of exposures) {
    const seen = byPerson.get(e.personKey);
    if (!seen) {
      byPerson.set(e.personKey, { ...e, sources: [e.source] });
      continue;
    }
    if (!seen.sources.includes(e.source)) seen.sources.push(e.source);
    if (e.score > seen.score || (e.score === seen.score && e.start < seen.start)) {
      seen.placeId = e.placeId ?? seen.placeId;
      seen.visitId = e.visitId ?? seen.visitId;
      seen.score = e.score;
      seen.source = e.source;
    }
    seen.personId ??= e.personId;
    seen.start = Math.min(seen.start, e.start);
    seen.end = Math.max(seen.end, e.end);
    seen.minutes += e.minutes;
  }
  return [...byPerson.values()];
}
