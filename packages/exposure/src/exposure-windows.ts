import { RADIO } from './bluezone.js';
import type { ExposureWindow } from './risk.js';

/** How sightings become exposure windows. */
export interface WindowOptions {
  /** Longest window; later sightings of the same key open a new one (EN framework: 30 minutes). */
  maxWindowMs: number;
  /** Longest time one scan can stand for (EN framework scans about every 5 minutes). */
  maxScanSeconds: number;
  /** Sightings closer than this to the previous one are repeats of it (RADIO.dedupeMs). */
  dedupeMs: number;
}

/** EN-framework-like defaults. */
export const DEFAULT_WINDOW_OPTIONS: WindowOptions = Object.freeze({
  maxWindowMs: 30 * 60 * 1000,
  maxScanSeconds: 300,
  dedupeMs: RADIO.dedupeMs,
});

/**
 * Turns the sightings of one key into exposure windows. Each sighting stands for the time since the one
 * before it (capped at `maxScanSeconds`); a lone first sighting stands for the gap to the next, or the cap,
 * so k sightings at a steady cadence count as k cadences.
 */
export function buildExposureWindows(
  sightings: readonly { seenAt: number; attenuation: number }[],
  transmissionRiskLevel: number,
  options: WindowOptions = DEFAULT_WINDOW_OPTIONS,
): ExposureWindow[] {
  const sorted = [...sightings].sort((a, b) => a.seenAt - b.seenAt);
  const kept = sorted.filter((s, i) => i === 0 || s.seenAt - (sorted[i - 1]?.seenAt ?? -Infinity) >= options.dedupeMs);
  const windows: ExposureWindow[] = [];
  let current: ExposureWindow | undefined;
  kept.forEach((s, i) => {
    const prev = kept[i - 1];
    const next = kept[i + 1];
    const gapMs = prev ? s.seenAt - prev.seenAt : next ? next.seenAt - s.seenAt : Infinity;
    const seconds = Math.min(gapMs / 1000, options.maxScanSeconds);
    if (!current || s.seenAt - current.startedAt >= options.maxWindowMs) {
      current = { startedAt: s.seenAt, transmissionRiskLevel, scans: [] };
      windows.push(current);
    }
    current.scans.push({ seconds, attenuation: s.attenuation });
  });
  return windows;
}
