import { describe, expect, it } from 'vitest';
import { fullCurve, fullTrend, seriesFacts } from './series.js';

describe('fullCurve', () => {
  it('fills days without cases with zeros, in date order', () => {
    expect(fullCurve([{ date: '2025-10-03', byOnset: 2, byReport: 1 }], '2025-10-01', '2025-10-03')).toEqual([
      { date: '2025-10-01', byOnset: 0, byReport: 0 },
      { date: '2025-10-02', byOnset: 0, byReport: 0 },
      { date: '2025-10-03', byOnset: 2, byReport: 1 },
    ]);
  });
});

describe('fullTrend', () => {
  it('ends on the last day sent and fills the days before', () => {
    const trend = fullTrend([{ date: '2025-10-15', scans: 10, activePlaces: 2, newCases: 0 }], 3, '2025-10-16');
    expect(trend.map((p) => [p.date, p.scans])).toEqual([
      ['2025-10-13', 0],
      ['2025-10-14', 0],
      ['2025-10-15', 10],
    ]);
  });
  it('ends today when nothing was sent', () => {
    expect(fullTrend([], 2, '2025-10-16').map((p) => p.date)).toEqual(['2025-10-15', '2025-10-16']);
  });
});

describe('seriesFacts', () => {
  it('gives the lowest, highest (first peak), latest and total', () => {
    expect(
      seriesFacts([
        { date: 'a', value: 3 },
        { date: 'b', value: 9 },
        { date: 'c', value: 9 },
        { date: 'd', value: 1 },
      ]),
    ).toEqual({ min: 1, max: 9, latest: 1, total: 22, peakDate: 'b' });
    expect(seriesFacts([])).toEqual({ min: 0, max: 0, latest: 0, total: 0, peakDate: null });
  });
});
