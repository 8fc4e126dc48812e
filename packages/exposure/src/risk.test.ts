import { describe, expect, it } from 'vitest';
import { buildExposureWindows } from './exposure-windows.js';
import { DEFAULT_RISK_CONFIG, attenuationWeight, scoreDays, scoreWindow, weightedMinutes, type ExposureWindow } from './risk.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2021, 6, 15, 12);
const scans = (count: number, seconds: number, attenuation: number) => Array.from({ length: count }, () => ({ seconds, attenuation }));
const window = (startedAt: number, transmissionRiskLevel: number, s = scans(10, 60, 65)): ExposureWindow => ({ startedAt, transmissionRiskLevel, scans: s });

describe('attenuation weights (CWA defaults)', () => {
  it.each([
    [0, 0.8],
    [62.9, 0.8],
    [63, 1.0],
    [72.9, 1.0],
    [73, 0.1],
    [78.9, 0.1],
    [79, 0],
    [110, 0],
  ])('%f dB weighs %f', (attenuation, weight) => {
    expect(attenuationWeight(attenuation)).toBe(weight);
  });
});

describe('window scoring', () => {
  it.each([
    ['10 min at 65 dB, level 5 (×1.0)', window(NOW, 5), 10, 'high'],
    ['10 min at 65 dB, level 3 (×0.6)', window(NOW, 3), 6, 'low'],
    ['10 min at 65 dB, level 8 (×1.6)', window(NOW, 8), 16, 'high'],
    ['10 min at 60 dB, level 5 (weight 0.8)', window(NOW, 5, scans(10, 60, 60)), 8, 'low'],
    ['10 min at 75 dB, level 5 (weight 0.1)', window(NOW, 5, scans(10, 60, 75)), 1, 'low'],
    ['60 min at 85 dB: too far to count', window(NOW, 5, scans(60, 60, 85)), 0, 'low'],
    ['level 1 carries no transmission risk', window(NOW, 1), 0, 'low'],
    ['mixed scans', window(NOW, 5, [{ seconds: 300, attenuation: 50 }, { seconds: 300, attenuation: 70 }]), 9, 'high'],
  ])('%s', (_name, w, minutes, level) => {
    expect(weightedMinutes(w)).toBeCloseTo(minutes, 10);
    expect(scoreWindow(w).level).toBe(level);
  });

  it('uses configured weights', () => {
    const config = { ...DEFAULT_RISK_CONFIG, attenuationWeights: [{ min: 0, max: 200, weight: 2 }] };
    expect(weightedMinutes(window(NOW, 5), config)).toBe(20);
  });
});

describe('day scoring', () => {
  const short = (at: number) => window(at, 5, scans(3, 60, 60)); // 2.4 weighted minutes

  it.each([
    ['one short window', 1, 'none'],
    ['two short windows (4.8 min)', 2, 'none'],
    ['three short windows (7.2 min)', 3, 'low'],
    ['four short windows (9.6 min)', 4, 'high'],
  ])('%s → %s', (_name, count, level) => {
    const [day] = scoreDays(Array.from({ length: count }, (_, i) => short(NOW - i * 3_600_000)), NOW);
    expect(day?.level).toBe(level);
    expect(day?.windows).toHaveLength(count);
    expect(day?.date).toBe('2021-07-15');
  });

  it('groups by UTC day, newest first, and ignores days more than 10 days back', () => {
    const days = scoreDays([window(NOW, 5), window(NOW - DAY, 3), window(NOW - 10 * DAY, 5), window(NOW - 11 * DAY, 8)], NOW);
    expect(days.map((d) => [d.date, d.level])).toEqual([
      ['2021-07-15', 'high'],
      ['2021-07-14', 'low'],
      ['2021-07-05', 'high'],
    ]);
  });
});

describe('exposure windows from sightings', () => {
  const every = (start: number, stepMs: number, count: number, attenuation = 65) =>
    Array.from({ length: count }, (_, i) => ({ seenAt: start + i * stepMs, attenuation }));

  it('splits at 30 minutes and counts one cadence per sighting', () => {
    const windows = buildExposureWindows(every(NOW, 60_000, 40), 5);
    expect(windows.map((w) => w.scans.length)).toEqual([30, 10]);
    expect(windows.every((w) => w.scans.every((s) => s.seconds === 60))).toBe(true);
    expect(windows[1]?.startedAt).toBe(NOW + 30 * 60_000);
    expect(windows.reduce((sum, w) => sum + weightedMinutes(w), 0)).toBe(40);
  });

  it('drops repeats within the dedupe window and caps long gaps', () => {
    const sightings = [{ seenAt: NOW, attenuation: 60 }, { seenAt: NOW + 2_000, attenuation: 60 }, { seenAt: NOW + 20 * 60_000, attenuation: 60 }];
    const [w] = buildExposureWindows(sightings, 5);
    expect(w?.scans.map((s) => s.seconds)).toEqual([300, 300]);
  });

  it('a lone sighting stands for one scan period', () => {
    expect(buildExposureWindows([{ seenAt: NOW, attenuation: 60 }], 2)).toEqual([
      { startedAt: NOW, transmissionRiskLevel: 2, scans: [{ seconds: 300, attenuation: 60 }] },
    ]);
  });
});
