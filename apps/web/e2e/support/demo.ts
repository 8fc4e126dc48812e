import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** What `npm run demo` prints, as the demo builder answers it with --json. */
export interface DemoProvince {
  homeUnit: string;
  password: string;
  commune: { code: string; name: string };
  logins: Array<{ role: string; label: string; username?: string; phone?: string; unitCode: string | null }>;
  place: { id: string; name: string };
  chainCase: { id: string; code: string };
  campaigns: Array<{ id: string; name: string; status: string; recurrence: object | null; runsDone: number; runCount: number; totals: { recipients: number; sent: number; delivered: number } }>;
}

/**
 * Builds a demo province of the given size into a new data directory, with the same code as `npm
 * run demo` (in its own process, as the server runs in its own). Start the server on `dataDir` then.
 */
export async function buildDemo(size: { people: number; places: number }): Promise<{ dataDir: string; demo: DemoProvince }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-e2e-demo-'));
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/simulator/src/demo.ts', '--json'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DEMO_DATA_DIR: dataDir, DEMO_PEOPLE: String(size.people), DEMO_PLACES: String(size.places), ARGON2_MEMORY_KIB: '4096' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the demo builder failed (${code}):\n${stderr}`);
  return { dataDir, demo: JSON.parse(stdout) as DemoProvince };
}
