import crypto from 'node:crypto';

/** Where "now" comes from; tests and the simulator pass a controllable one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(startMs: number): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** Where randomness comes from; the simulator and tests pass a seeded one. */
export interface Rng {
  bytes(length: number): Uint8Array;
  /** A uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

// Asking the kernel for a few bytes at a time costs more than the scan it is for (ids, request ids);
// bytes are drawn from a pool refilled 4 KiB at a time.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

export const cryptoRng: Rng = {
  bytes(length) {
    if (length > POOL_SIZE / 4) return crypto.randomBytes(length);
    if (poolOffset + length > pool.length) {
      pool = crypto.randomBytes(POOL_SIZE);
      poolOffset = 0;
    }
    const out = Uint8Array.prototype.slice.call(pool, poolOffset, poolOffset + length);
    poolOffset += length;
    return out;
  },
  int: (maxExclusive) => crypto.randomInt(maxExclusive),
};

/** Deterministic generator (SplitMix64) for reproducible simulations and tests; not for secrets. */
export function seededRng(seed: number): Rng {
  let state = BigInt.asUintN(64, BigInt(seed));
  const next = (): bigint => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
  return {
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 8) {
        let word = next();
        for (let j = i; j < Math.min(i + 8, length); j++) {
          out[j] = Number(word & 0xffn);
          word >>= 8n;
        }
      }
      return out;
    },
    int(maxExclusive) {
      return Number(next() % BigInt(maxExclusive));
    },
  };
}
