import { deriveRpik, deriveRpis } from './gaen.js';
import { DAY_MS, ROLLING_PERIOD, intervalNumberFromMs } from './intervals.js';
import { matchKeys, type MatchOptions } from './matching.js';
import { indexSightings } from './sighting-index.js';
import type { Sighting, TemporaryExposureKey } from './types.js';

/** Timings in milliseconds of one matching run over synthetic data. */
export interface MatchingBenchResult {
  keys: number;
  heard: number;
  /** Heard RPIs planted from published keys, which matching must find. */
  planted: number;
  matches: number;
  generateMs: number;
  indexMs: number;
  matchMs: number;
  keysPerSecond: number;
}

// Deterministic xorshift32 so runs are comparable; benchmark data only, never key material.
function pseudoRandom(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}

function defaultClock(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  if (!perf) throw new Error('no performance.now() here: pass options.clock');
  return perf.now();
}

/**
 * Matches `keys` random published keys (spread over 14 days before `nowMs`) against `heard` sightings, of which
 * `planted` are real RPIs of published keys and the rest random. No output; the caller prints the result.
 */
export function benchMatching(options: {
  keys: number;
  heard: number;
  planted?: number;
  nowMs?: number;
  seed?: number;
  clock?: () => number;
  /** Passed to matchKeys (e.g. a faster deriver). */
  match?: MatchOptions;
}): MatchingBenchResult {
  const clock = options.clock ?? defaultClock;
  const nowMs = options.nowMs ?? Date.UTC(2021, 6, 15);
  const random = pseudoRandom(options.seed ?? 0x5eed);
  const planted = Math.min(options.planted ?? 10, options.keys, options.heard);
  const today = intervalNumberFromMs(nowMs) - (intervalNumberFromMs(nowMs) % ROLLING_PERIOD);
  const pick = (n: number) => (((random(1)[0] ?? 0) << 16) | ((random(1)[0] ?? 0) << 8) | (random(1)[0] ?? 0)) % n;

  const t0 = clock();
  const keys: TemporaryExposureKey[] = [];
  for (let i = 0; i < options.keys; i++) {
    const rollingStartIntervalNumber = today - (1 + (i % 14)) * ROLLING_PERIOD;
    keys.push({ keyData: random(16), transmissionRiskLevel: 5, rollingStartIntervalNumber, rollingPeriod: ROLLING_PERIOD });
  }
  const heard: Sighting[] = [];
  for (let i = 0; i < options.heard; i++) {
    const seenAt = nowMs - 1 - pick(14 * DAY_MS / 1000) * 1000;
    heard.push({ id: random(16), seenAt, rssi: -70, attenuation: 65 });
  }
  for (let i = 0; i < planted; i++) {
    const key = keys[pick(keys.length)];
    if (!key) continue;
    const j = pick(ROLLING_PERIOD);
    const id = deriveRpis(deriveRpik(key.keyData), key.rollingStartIntervalNumber + j, 1);
    heard[i] = { id, seenAt: (key.rollingStartIntervalNumber + j) * 600_000 + 1_000, rssi: -70, attenuation: 65 };
  }
  const t1 = clock();
  const index = indexSightings(heard);
  const t2 = clock();
  const matches = matchKeys(index, keys, options.match);
  const t3 = clock();
  return {
    keys: options.keys,
    heard: options.heard,
    planted,
    matches: matches.reduce((n, m) => n + m.sightings.length, 0),
    generateMs: t1 - t0,
    indexMs: t2 - t1,
    matchMs: t3 - t2,
    keysPerSecond: options.keys / ((t3 - t2) / 1000),
  };
}
