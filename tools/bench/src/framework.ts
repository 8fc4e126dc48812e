/** One line of the benchmark table: a measured figure beside its baseline from the same run. */
export interface BenchResult {
  name: string;
  figure: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  /** figure / baseline. */
  ratio: number;
  target: string;
  pass: boolean;
  details: Record<string, number | string>;
}

export interface Benchmark {
  name: string;
  /** Runs at the quick size unless full is true (the sizes named in the issues). */
  run(options: { full: boolean }): Promise<BenchResult[]>;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Times `fn` `count` times, returning each duration in milliseconds. */
export async function timeEach(count: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
