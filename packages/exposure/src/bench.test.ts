import { describe, expect, it } from 'vitest';
import { benchMatching } from './bench.js';

describe('benchMatching', () => {
  it('finds every planted RPI and reports timings', () => {
    let t = 0;
    const result = benchMatching({ keys: 300, heard: 200, planted: 5, clock: () => (t += 1) });
    expect(result).toMatchObject({ keys: 300, heard: 200, planted: 5, generateMs: 1, indexMs: 1, matchMs: 1 });
    expect(result.matches).toBeGreaterThanOrEqual(5);
  });
});
