import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPrivateSchema,
  freePort,
  initialAdminPassword,
  killServer,
  signInOverHttp,
  startServer,
  waitReady,
  type PrivateSchema,
  type ServerProcess,
} from '../../testing/server-process.js';
import { TEST_DIALECTS } from '../../testing/test-context.js';
import { PLACE, answerOf, auditWrites, declarationWrite, keyUploadWrite, scanWrite, type Acknowledged, type Query, type Write } from '../../testing/write-load.js';

/**
 * Crash durability (PRODUCT.md §11): the real server takes staff scans, health declarations and
 * Bluetooth key uploads from 48 concurrent clients and is killed with SIGKILL at a random moment,
 * again and again, on SQLite and (when TEST_DATABASE_URL is set) on PostgreSQL. After every restart
 * the writes left without an answer are sent again, as the apps do, and each acknowledged write is
 * resent with its idempotency key (clientEventId; for keys, the same certificate): it must get the
 * same answer, never a second record. At the end every write is stored exactly once. CRASH_CYCLES
 * sets the number of kills (a few in CI, many more in the long run).
 */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const CLIENTS = 48;
const JSON_BODY = { 'content-type': 'application/json' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sqliteQuery(file: string): { query: Query; close(): void } {
  const db = new Database(file, { readonly: true });
  return { query: async <Row>(text: string) => db.prepare(text).all() as Row[], close: () => db.close() };
}

describe.each(TEST_DIALECTS)('crash durability of acknowledged writes on %s', (dialect) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-kill-'));
  let server: ServerProcess | undefined;
  let schema: PrivateSchema | undefined;
  afterAll(async () => {
    if (server) await killServer(server);
    await schema?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged scan, declaration and key upload exactly once across ${CYCLES} SIGKILLs`, async () => {
    const began = Date.now();
    if (dialect === 'postgres') schema = await createPrivateSchema(process.env.TEST_DATABASE_URL as string);
    const env: Record<string, string> = schema ? { DATABASE_URL: schema.url } : {};
    const port = await freePort();
    const start = async () => {
      server = startServer({ dataDir, port, env });
      await waitReady(server);
      return server;
    };
    const { base } = await start();
    const password = initialAdminPassword(dataDir);
    let headers = (await signInOverHttp(base, 'admin', password)).headers;
    const post = (url: string, body: unknown, extra: Record<string, string> = JSON_BODY) => fetch(`${base}${url}`, { method: 'POST', headers: extra, body: JSON.stringify(body) });
    const created = await post('/api/v1/places', PLACE, headers);
    expect(created.status).toBe(201);
    const place = (await created.json()) as { id: string };
    // Uploads come from phones: no session, only the certificate.
    const send = (write: Write) => fetch(`${base}${write.path}`, { method: 'POST', headers: write.kind === 'keys' ? JSON_BODY : headers, body: write.body });

    const acknowledged: Acknowledged[] = [];
    const unexpected: string[] = [];
    let numbered = 0;
    let sent = 0;
    let inFlight = 0;
    let killedWhileBusy = 0;
    let resentAfterRestart = 0;
    let resends = 0;
    let abandonedUploads = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      let killed = false;
      const unanswered: Write[] = [];
      const worker = async () => {
        while (!killed) {
          const n = numbered++;
          let write: Write;
          try {
            write = n % 10 === 9 ? await keyUploadWrite(post, headers) : n % 3 === 2 ? declarationWrite(n) : scanWrite(place.id, n);
          } catch (error) {
            // Code, token and certificate are each usable once: a step cut by the kill ends that upload.
            if (killed) abandonedUploads++;
            else unexpected.push(error instanceof Error ? error.message : String(error));
            continue;
          }
          sent++;
          inFlight++;
          try {
            const response = await send(write);
            if (response.ok) acknowledged.push({ ...write, answer: answerOf(write, await response.json()) });
            else unexpected.push(`${write.kind}: ${response.status} ${await response.text()}`);
          } catch {
            // The connection died with the server: not acknowledged, perhaps stored. Sent again after the restart.
            unanswered.push(write);
          } finally {
            inFlight--;
          }
        }
      };
      const before = acknowledged.length;
      const workers = Array.from({ length: CLIENTS }, worker);
      // Killed at a random moment once writes flow: mid-batch, mid-commit, mid-answer.
      while (acknowledged.length < before + 20) await sleep(5);
      await sleep(Math.floor(Math.random() * 400));
      if (inFlight > 0) killedWhileBusy++;
      const dying = server as ServerProcess;
      dying.child.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      await killServer(dying);

      await start();
      headers = (await signInOverHttp(base, 'admin', password)).headers;
      // What had no answer is sent again, as the apps do: stored once, whether or not it was stored before the kill.
      for (const write of unanswered) {
        const response = await send(write);
        expect(response.status, `${write.kind} sent again after the restart`).toBeLessThan(300);
        acknowledged.push({ ...write, answer: answerOf(write, await response.json()) });
        resentAfterRestart++;
      }
      // Acknowledged writes resent as after a lost answer: the same answer, nothing added.
      const sample = acknowledged.filter((_, i) => i >= before || i % 10 === 0);
      for (const write of sample) {
        const response = await send(write);
        expect(response.status, write.kind).toBeLessThan(300);
        expect(answerOf(write, await response.json()), `${write.kind} resent`).toBe(write.answer);
        resends++;
      }
    }
    await killServer(server as ServerProcess);
    server = undefined;

    const reader = schema ? { query: schema.query, close: () => undefined } : sqliteQuery(path.join(dataDir, 'phongdich.sqlite'));
    const audit = await auditWrites(reader.query, acknowledged).finally(() => reader.close());
    const count = (kind: Write['kind']) => acknowledged.filter((w) => w.kind === kind).length;
    console.log(
      `crash durability on ${dialect}: ${CYCLES} SIGKILLs (${killedWhileBusy} with requests in flight), ${sent} writes sent ` +
        `(${count('scan')} scans, ${count('declaration')} declarations, ${count('keys')} key uploads acknowledged), ${resentAfterRestart} left unanswered by a kill and sent again after the restart, ` +
        `${resends} acknowledged writes resent, ${audit.stored.scan + audit.stored.declaration + audit.stored.keys} stored, ${audit.lost.length} acknowledged writes lost, ${audit.duplicated} duplicated, ` +
        `${abandonedUploads} uploads abandoned before publishing, ${Date.now() - began} ms`,
    );
    expect(unexpected).toEqual([]);
    expect(audit.lost).toEqual([]);
    expect(audit.duplicated).toBe(0);
    // Every write sent was acknowledged in the end (some only after a restart), and each is stored once.
    expect(acknowledged.length).toBe(sent);
    expect(audit.stored).toEqual({ scan: count('scan'), declaration: count('declaration'), keys: count('keys') });
    expect(count('keys')).toBeGreaterThan(0);
  }, 60_000 + CYCLES * 60_000);
});
