import { buildExposureWindows, fromHex, scoreDays, toBase64, toHex, type DayRisk, type KeyMatch, type MatchedSighting, type TemporaryExposureKey } from '@phongdich/exposure';

/** A published key the phone heard, kept between checks (export files are downloaded once). */
export interface StoredMatch {
  /** Hex of the key bytes. */
  key: string;
  rollingStart: number;
  rollingPeriod: number;
  transmissionRisk: number;
  sightings: MatchedSighting[];
}

export function toStoredMatch(match: KeyMatch<TemporaryExposureKey>): StoredMatch {
  return {
    key: toHex(match.key.keyData),
    rollingStart: match.key.rollingStartIntervalNumber,
    rollingPeriod: match.key.rollingPeriod,
    transmissionRisk: match.key.transmissionRiskLevel,
    sightings: match.sightings,
  };
}

/** Adds new matches to the stored ones; a key seen in two files counts once, its sightings once each. */
export function mergeMatches(stored: readonly StoredMatch[], fresh: readonly StoredMatch[]): StoredMatch[] {
  const byKey = new Map(stored.map((m) => [m.key, m]));
  for (const match of fresh) {
    const earlier = byKey.get(match.key);
    if (!earlier) {
      byKey.set(match.key, match);
      continue;
    }
    const seen = new Set(earlier.sightings.map((s) => `${s.seenAt}:${s.interval}`));
    const sightings = [...earlier.sightings, ...match.sightings.filter((s) => !seen.has(`${s.seenAt}:${s.interval}`))].sort((a, b) => a.seenAt - b.seenAt);
    byKey.set(match.key, { ...earlier, sightings });
  }
  return [...byKey.values()];
}

/** What the phone shows: each day's risk (newest first) and the day that matters most. */
export interface ExposureSummary {
  days: DayRisk[];
  /** The most recent high-risk day, else the most recent low-risk day, else null. */
  worst: DayRisk | null;
}

/** Scores stored matches now (windows older than 10 days drop out as days pass). */
export function summarize(matches: readonly StoredMatch[], nowMs: number): ExposureSummary {
  const windows = matches.flatMap((m) => buildExposureWindows(m.sightings, m.transmissionRisk));
  const days = scoreDays(windows, nowMs);
  const worst = days.find((d) => d.level === 'high') ?? days.find((d) => d.level === 'low') ?? null;
  return { days, worst };
}

/** What sharing a day's exposure sends: the keys behind it and when it happened — never the contact log. */
export function shareOf(day: DayRisk, matches: readonly StoredMatch[]) {
  const start = day.day * 86_400_000;
  const inDay = matches.filter((m) => m.sightings.some((s) => s.seenAt >= start && s.seenAt < start + 86_400_000));
  const seen = inDay.flatMap((m) => m.sightings.filter((s) => s.seenAt >= start && s.seenAt < start + 86_400_000).map((s) => s.seenAt));
  return {
    keys: inDay.map((m) => ({ key: toBase64(fromHex(m.key)), rollingStartNumber: m.rollingStart })),
    exposureDate: day.date,
    windowStart: Math.min(...seen),
    windowEnd: Math.max(...seen),
    weightedMinutes: Math.round(day.weightedMinutes * 10) / 10,
    level: day.level === 'high' ? ('high' as const) : ('low' as const),
  };
}
