import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Benchmark, BenchResult } from './framework.js';
import { round } from './framework.js';
import { placesListBenchmark } from './benchmarks/places-list.js';
import { scansBenchmark } from './benchmarks/scans.js';
import { declarationSearchBenchmark } from './benchmarks/declaration-search.js';
import { tracingBenchmark } from './benchmarks/tracing.js';
import { reportsBenchmark } from './benchmarks/reports.js';
import { exposureMatchingBenchmark } from './benchmarks/exposure-matching.js';
import { messagingBenchmark } from './benchmarks/messaging.js';
import { mapBenchmark } from './benchmarks/map.js';

const BENCHMARKS: Benchmark[] = [placesListBenchmark, scansBenchmark, declarationSearchBenchmark, tracingBenchmark, reportsBenchmark, exposureMatchingBenchmark, mapBenchmark, messagingBenchmark];

function table(results: BenchResult[]): string {
  const rows = [['benchmark', 'figure', 'baseline', 'ratio', 'target', 'result']];
  for (const r of results) {
    rows.push([r.name, `${round(r.figure)} ${r.unit}`, `${round(r.baseline)} ${r.unit} (${r.baselineLabel})`, `${round(r.ratio, 3)}`, r.target, r.pass ? 'pass' : 'FAIL']);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const full = process.argv.includes('--full');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const results: BenchResult[] = [];
  for (const benchmark of BENCHMARKS) {
    if (only && !benchmark.name.includes(only)) continue;
    process.stdout.write(`running ${benchmark.name}${full ? ' (full size)' : ''}…\n`);
    results.push(...(await benchmark.run({ full })));
  }
  process.stdout.write(`\n${table(results)}\n`);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.type()} ${os.release()}` };
  const dir = path.resolve('bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), full, machine, results }, null, 2));
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file)}\n`);
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}

await main();
