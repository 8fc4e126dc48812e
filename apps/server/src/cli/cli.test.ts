import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './main.js';

// The CLI reads its configuration from the environment, like the server.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-cli-'));
vi.stubEnv('DATA_DIR', dataDir);
vi.stubEnv('UNITS_DATASET', 'vn-2021');
vi.stubEnv('ARGON2_MEMORY_KIB', '1024');
// Vitest exposes Vite's BASE_URL ('/') in process.env; the platform's BASE_URL is a full URL.
vi.stubEnv('BASE_URL', undefined);
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe('phongdich CLI', () => {
  it('lists units one per line, code first', async () => {
    const { code, out } = await run('units', 'list', '--parent', '06');
    expect(code).toBe(0);
    expect(out).toHaveLength(8);
    expect(out[0]).toBe('058\tThành phố Bắc Kạn\tdistrict');
  });

  it('searches units by name without diacritics', async () => {
    const { out } = await run('units', 'list', '--q', 'ba be');
    expect(out[0]?.startsWith('061\t')).toBe(true);
  });

  it('creates an official, who can then sign in', async () => {
    const created = await run('admin', 'create', '--username', 'xa.nammau', '--password', 'Mat khau 2021', '--role', 'official', '--unit', '01909');
    expect(created).toMatchObject({ code: 0 });
    expect(created.out[0]).toMatch(/^created official xa\.nammau \(.+\) in unit 01909$/);
    const again = await run('admin', 'create', '--username', 'xa.nammau', '--password', 'Mat khau 2021', '--role', 'official', '--unit', '01909');
    expect(again.code).toBe(1);
    expect(again.err.join()).toContain('username_taken');
  });

  it('explains bad input instead of failing obscurely', async () => {
    const weak = await run('admin', 'create', '--username', 'someone', '--password', 'short', '--role', 'admin');
    expect(weak.code).toBe(1);
    expect(weak.err.join()).toContain('password: Passwords need at least 10 characters');
    const noUnit = await run('admin', 'create', '--username', 'someone', '--password', 'Mat khau 2021', '--role', 'official');
    expect(noUnit.err.join()).toContain('unit_required');
    const badRole = await run('admin', 'create', '--username', 'someone', '--password', 'Mat khau 2021', '--role', 'king');
    expect(badRole.code).not.toBe(0);
  });
});
