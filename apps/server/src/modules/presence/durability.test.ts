import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Crash durability (PRODUCT.md §11): the real server takes staff scans and health declarations from
 * 48 concurrent clients and is killed with SIGKILL at a random moment, again and again. After every
 * restart, each acknowledged write must be stored exactly once, and a client resending it with the
 * same clientEventId (what the apps do when an answer was lost) gets the same record back, never a
 * second one. CRASH_CYCLES sets the number of kills (a few in CI, many more in the long run).
 */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
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
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ARGON2_MEMORY_KIB: '4096', RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_RATE_LIMIT_PER_MINUTE: '10000' },
    stdio: 'ignore',
  });
}

async function ready(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const declaration = (n: number) => ({
  formVersion: 'domestic@1',
  declaredFor: 'self',
  person: {
    fullName: `Hành khách ${n}`,
    idType: 'cccd',
    idNumber: `006190${String(n).padStart(6, '0')}`,
    birthYear: 1990,
    gender: 'female',
    nationality: 'VN',
    phone: `0912${String(n % 1_000_000).padStart(6, '0')}`,
    address: { provinceCode: '19', communeCode: '01843', street: 'Tổ 5' },
  },
  visitedPlaces: 'Hà Nội',
  visitedUnits: [],
  visitedCountries: [],
  symptoms: [],
  contactWithCase: false,
  contactWithTraveller: false,
  contactWithSymptomatic: false,
  chronicConditions: [],
});

/** A write the server acknowledged: what was sent, and the id it answered with. */
interface Acknowledged {
  kind: 'scan' | 'declaration';
  url: string;
  body: string;
  id: string;
}

describe('crash durability of acknowledged writes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-kill-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged scan and declaration exactly once across ${CYCLES} SIGKILLs`, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = start(dataDir, port);
    await ready(base);
    const password = /password: (\S+)/.exec(fs.readFileSync(path.join(dataDir, 'initial-admin.txt'), 'utf8'))?.[1];
    const signIn = async () => {
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      return { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
    };
    let headers = await signIn();
    const placeResponse = await fetch(`${base}/api/v1/places`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Bến xe Bắc Kạn', type: 'station_port', sector: 'transport', communeCode: '01843', streetAddress: 'Đường Hùng Vương', contactName: 'Ban quản lý', contactPhone: '0912000999' }),
    });
    const place = (await placeResponse.json()) as { id: string };

    const acknowledged: Acknowledged[] = [];
    let sent = 0;
    let killedWhileBusy = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      let killed = false;
      const worker = async () => {
        while (!killed) {
          const n = sent++;
          const write =
            n % 3 === 2
              ? { kind: 'declaration' as const, url: `${base}/api/v1/declarations`, body: JSON.stringify({ clientEventId: crypto.randomUUID(), declaration: declaration(n) }) }
              : { kind: 'scan' as const, url: `${base}/api/v1/scans/staff`, body: JSON.stringify({ placeId: place.id, clientEventId: crypto.randomUUID(), scannedAt: Date.now(), name: `Hành khách ${n}` }) };
          try {
            const response = await fetch(write.url, { method: 'POST', headers, body: write.body });
            if (response.ok) {
              const answer = (await response.json()) as { visitId?: string; id?: string };
              acknowledged.push({ ...write, id: (answer.visitId ?? answer.id) as string });
            }
          } catch {
            // The connection died with the server: this write was never acknowledged.
            await new Promise((r) => setTimeout(r, 1));
          }
        }
      };
      const before = acknowledged.length;
      const workers = Array.from({ length: 48 }, worker);
      // Killed at a random moment once writes flow: mid-batch, mid-commit, mid-answer.
      while (acknowledged.length < before + 20) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, crypto.randomInt(0, 400)));
      const exited = new Promise((r) => child?.once('exit', r));
      const inFlight = sent - acknowledged.length;
      child.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      await exited;
      if (inFlight > 0) killedWhileBusy++;

      child = start(dataDir, port);
      await ready(base);
      headers = await signIn();
      // Every acknowledged write resent as a client would after a lost answer: same record, none added.
      const sample = acknowledged.filter((_, i) => i >= before || i % 10 === 0);
      for (const write of sample) {
        const response = await fetch(write.url, { method: 'POST', headers, body: write.body });
        expect(response.status, write.kind).toBeLessThan(300);
        const answer = (await response.json()) as { visitId?: string; id?: string };
        expect(answer.visitId ?? answer.id).toBe(write.id);
      }
    }

    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    child = undefined;
    const db = new Database(path.join(dataDir, 'phongdich.sqlite'), { readonly: true });
    try {
      const visits = db.prepare('select id from visits where place_id = ?').all(place.id) as Array<{ id: string }>;
      const declarations = db.prepare('select id, client_event_id from declarations').all() as Array<{ id: string; client_event_id: string }>;
      const stored = new Map<string, number>();
      for (const row of [...visits, ...declarations]) stored.set(row.id, (stored.get(row.id) ?? 0) + 1);
      const lost = acknowledged.filter((w) => !stored.has(w.id));
      expect(lost).toEqual([]);
      // Exactly once: one visit per scan receipt, one declaration per client event.
      const receipts = db.prepare('select count(distinct visit_id) as n from scan_receipts where visit_id in (select id from visits where place_id = ?)').get(place.id) as { n: number };
      expect(visits.length).toBe(receipts.n);
      expect(new Set(declarations.map((d) => d.client_event_id)).size).toBe(declarations.length);
      expect(visits.length + declarations.length).toBeLessThanOrEqual(sent);
      console.log(
        `crash durability: ${CYCLES} SIGKILLs (${killedWhileBusy} with requests in flight), ${sent} writes sent, ${acknowledged.length} acknowledged, ${visits.length + declarations.length} stored, ${lost.length} acknowledged writes lost, 0 duplicated`,
      );
    } finally {
      db.close();
    }
  }, 60_000 + CYCLES * 60_000);
});
