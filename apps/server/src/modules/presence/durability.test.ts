import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function start(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ARGON2_MEMORY_KIB: '4096', RATE_LIMIT_PER_MINUTE: '1000000' },
    stdio: 'ignore',
  });
}

async function ready(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

describe('durability of acknowledged scans', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-kill-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every acknowledged scan after the server is killed with SIGKILL in the middle of a burst', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = start(dataDir, port);
    await ready(base);

    const password = /password: (\S+)/.exec(fs.readFileSync(path.join(dataDir, 'initial-admin.txt'), 'utf8'))?.[1];
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
    const placeResponse = await fetch(`${base}/api/v1/places`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Bến xe Bắc Kạn', type: 'station_port', sector: 'transport', communeCode: '01843', streetAddress: 'Đường Hùng Vương', contactName: 'Ban quản lý', contactPhone: '0912000999' }),
    });
    const place = (await placeResponse.json()) as { id: string };

    // A burst of staff check-ins, 64 at a time; the server is killed while they are in flight.
    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    let errors = 0;
    const worker = async () => {
      while (!killed) {
        const n = sent++;
        try {
          const response = await fetch(`${base}/api/v1/scans/staff`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ placeId: place.id, clientEventId: crypto.randomUUID(), scannedAt: Date.now(), name: `Hành khách ${n}` }),
          });
          if (response.ok) acknowledged.push(((await response.json()) as { visitId: string }).visitId);
        } catch {
          errors++;
          // The connection died with the server: this scan was never acknowledged.
          await new Promise((r) => setTimeout(r, 1));
        }
      }
    };
    const workers = Array.from({ length: 64 }, worker);
    while (acknowledged.length < 400) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGKILL');
    killed = true;
    await Promise.all(workers);
    await exited;
    expect(errors).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);

    child = start(dataDir, port);
    await ready(base);
    const relogin = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    const cookie = (relogin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const stored = new Set<string>();
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const list = (await (await fetch(`${base}/api/v1/places/${place.id}/visits?date=${today}`, { headers: { cookie } })).json()) as { items: Array<{ id: string }> };
    for (const visit of list.items) stored.add(visit.id);
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
  }, 120_000);
});
