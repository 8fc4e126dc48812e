import { addDays, datesOf } from './period.js';
import type { CurvePoint, TrendPoint } from './reports-api.js';

// Daily series for charts: every day of the range present (a day without data is a zero, not a gap
// that a line would jump across), and the few figures a chart's text alternative states.

export function fullCurve(curve: readonly CurvePoint[], from: string, to: string): CurvePoint[] {
  const byDate = new Map(curve.map((p) => [p.date, p]));
  return datesOf({ from, to }).map((date) => byDate.get(date) ?? { date, byOnset: 0, byReport: 0 });
}

/** The `days` days ending with the last day the server sent (or `today` when it sent none). */
export function fullTrend(series: readonly TrendPoint[], days: number, today: string): TrendPoint[] {
  const last = series.reduce((latest, p) => (p.date > latest ? p.date : latest), '') || today;
  const byDate = new Map(series.map((p) => [p.date, p]));
  return datesOf({ from: addDays(last, 1 - days), to: last }).map((date) => byDate.get(date) ?? { date, scans: 0, activePlaces: 0, newCases: 0 });
}

export interface SeriesFacts {
  min: number;
  max: number;
  latest: number;
  total: number;
  /** The first date with the highest value. */
  peakDate: string | null;
}

export function seriesFacts(points: ReadonlyArray<{ date: string; value: number }>): SeriesFacts {
  if (points.length === 0) return { min: 0, max: 0, latest: 0, total: 0, peakDate: null };
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  let peakDate: string | null = null;
  for (const p of points) {
    min = Math.min(min, p.value);
    if (p.value > max) {
      max = p.value;
      peakDate = p.date;
    }
    total += p.value;
  }
  return { min, max, latest: points[points.length - 1]?.value ?? 0, total, peakDate };
}
