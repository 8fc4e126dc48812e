import { utcDateOfDay, utcDayNumber } from './intervals.js';

/** One scan of an exposure window: how long it stands for, and the attenuation heard. */
export interface Scan {
  seconds: number;
  attenuation: number;
}

/** Sightings of one key close together in time (at most 30 minutes, as in the EN framework). */
export interface ExposureWindow {
  /** Unix milliseconds of the first scan; its UTC day is the window's day. */
  startedAt: number;
  transmissionRiskLevel: number;
  scans: Scan[];
}

/** Weight of scans whose attenuation is in [min, max) dB. */
export interface AttenuationWeight {
  min: number;
  max: number;
  weight: number;
}

/** Risk parameters; defaults are the Corona-Warn-App's. */
export interface RiskConfig {
  attenuationWeights: AttenuationWeight[];
  /** Transmission-risk value by transmission-risk level (index 0–8). */
  transmissionRiskValues: number[];
  /** A window with at least this many weighted minutes is high risk. */
  windowHighMinutes: number;
  /** A day's total from this many weighted minutes is low risk … */
  dayLowMinutes: number;
  /** … and from this many high risk. */
  dayHighMinutes: number;
  /** Windows more than this many UTC days before today are ignored. */
  maxAgeDays: number;
}

/**
 * Corona-Warn-App defaults (section E of docs/protocols/exposure.md). Level 0 ("not set" in older
 * exports) is our choice: it counts as 1.0 so a key without a level is not silently ignored.
 */
export const DEFAULT_RISK_CONFIG: RiskConfig = Object.freeze({
  attenuationWeights: [
    { min: 0, max: 63, weight: 0.8 },
    { min: 63, max: 73, weight: 1.0 },
    { min: 73, max: 79, weight: 0.1 },
  ],
  transmissionRiskValues: [1.0, 0, 0, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6],
  windowHighMinutes: 9,
  dayLowMinutes: 5,
  dayHighMinutes: 9,
  maxAgeDays: 10,
});

/** Risk level of a window. */
export type WindowRisk = 'low' | 'high';
/** Risk level of a day; 'none' below the low threshold. */
export type DayRiskLevel = 'none' | 'low' | 'high';

/** A window with its score. */
export interface ScoredWindow extends ExposureWindow {
  weightedMinutes: number;
  level: WindowRisk;
}

/** A UTC day's windows and combined risk. */
export interface DayRisk {
  /** UTC day number (days since 1970-01-01). */
  day: number;
  /** The same day as YYYY-MM-DD. */
  date: string;
  weightedMinutes: number;
  level: DayRiskLevel;
  windows: ScoredWindow[];
}

/** Attenuation weight of one scan; attenuations outside every range weigh 0 (too far away). */
export function attenuationWeight(attenuation: number, config: RiskConfig = DEFAULT_RISK_CONFIG): number {
  return config.attenuationWeights.find((w) => attenuation >= w.min && attenuation < w.max)?.weight ?? 0;
}

/** CWA: Σ(seconds × attenuation weight) / 60 × transmission-risk value. */
export function weightedMinutes(window: ExposureWindow, config: RiskConfig = DEFAULT_RISK_CONFIG): number {
  const seconds = window.scans.reduce((sum, s) => sum + s.seconds * attenuationWeight(s.attenuation, config), 0);
  return (seconds / 60) * (config.transmissionRiskValues[window.transmissionRiskLevel] ?? 0);
}

/** Scores one window. */
export function scoreWindow(window: ExposureWindow, config: RiskConfig = DEFAULT_RISK_CONFIG): ScoredWindow {
  const minutes = weightedMinutes(window, config);
  return { ...window, weightedMinutes: minutes, level: minutes >= config.windowHighMinutes ? 'high' : 'low' };
}

/**
 * Groups windows by UTC day, drops days older than `maxAgeDays` before `nowMs`, and classifies each day
 * by its summed weighted minutes (a high window always makes its day high). Days come newest first.
 */
export function scoreDays(windows: readonly ExposureWindow[], nowMs: number, config: RiskConfig = DEFAULT_RISK_CONFIG): DayRisk[] {
  const today = utcDayNumber(nowMs);
  const byDay = new Map<number, ScoredWindow[]>();
  for (const window of windows) {
    const day = utcDayNumber(window.startedAt);
    if (today - day > config.maxAgeDays) continue;
    const list = byDay.get(day) ?? [];
    list.push(scoreWindow(window, config));
    byDay.set(day, list);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => b - a)
    .map(([day, scored]) => {
      const minutes = scored.reduce((sum, w) => sum + w.weightedMinutes, 0);
      const high = minutes >= config.dayHighMinutes || scored.some((w) => w.level === 'high');
      const level: DayRiskLevel = high ? 'high' : minutes >= config.dayLowMinutes ? 'low' : 'none';
      return { day, date: utcDateOfDay(day), weightedMinutes: minutes, level, windows: scored };
    });
}
