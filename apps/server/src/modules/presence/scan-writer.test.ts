import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, type SignedIn, type TestContext } from '../../testing/test-context.js';
import { laneOf } from './scan-writer.js';
import { WalSync } from './wal-sync.js';

/**
 * Scans on a SQLite file commit without their own fsync and are answered after WalSync has synced the
 * WAL in the thread pool. These tests hold that sync back or make it fail, and look at the answers.
 */
describe('scan batches on a SQLite file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-wal-'));
  let ctx: TestContext;
  let app: FastifyInstance;
  let citizen: SignedIn;
  let token = '';

  const scan = (clientEventId: string) =>
    app.inject({ method: 'POST', url: '/api/v1/scans', headers: citizen.headers, payload: { clientEventId, scannedAt: ctx.clock.now(), token } });
  const visitsOf = async (clientEventId: string) =>
    (await ctx.db.selectFrom('scan_receipts').select('visit_id').where('client_event_id', '=', clientEventId).execute()).length;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { DATABASE_URL: `sqlite:${path.join(dir, 'phongdich.db')}` });
    app = await createTestApp(ctx);
    const official = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '19' }));
    const place = await app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: official.headers,
      payload: { name: 'Chợ Đức Xuân', type: 'market', sector: 'industry_trade', communeCode: '01843', streetAddress: 'Tổ 1', location: { lat: 22.14, lon: 105.83 }, contactName: 'Ban quản lý', contactPhone: '0912000000', points: ['Cổng chính'] },
    });
    token = (place.json() as { points: Array<{ url: string }> }).points[0]?.url.split('/q/')[1] ?? '';
    citizen = await signInCitizen(app, ctx, '0912555001');
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a scan only once the WAL is synced, and leaves the connection at synchronous=FULL', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sync = vi.spyOn(WalSync.prototype, 'sync').mockImplementation(async () => held);
    let answered = false;
    const answer = scan(crypto.randomUUID()).then((response) => {
      answered = true;
      return response;
    });
    await vi.waitFor(() => expect(sync).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    // FULL is 2: every write other than a scan batch still syncs on its own commit.
    expect(ctx.sqlite?.pragma('synchronous', { simple: true })).toBe(2);
    release();
    expect((await answer).statusCode).toBe(200);
  });

  it('does not acknowledge a batch whose sync failed; the resend is answered from its receipt, stored once', async () => {
    vi.spyOn(WalSync.prototype, 'sync').mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    const id = crypto.randomUUID();
    const first = await scan(id);
    expect(first.statusCode).toBe(500);
    expect(first.body).not.toContain('EIO');
    const again = await scan(id);
    expect(again.statusCode).toBe(200);
    expect(await visitsOf(id)).toBe(1);
  });

  it('syncs the real WAL file of the database', async () => {
    const sync = vi.spyOn(WalSync.prototype, 'sync');
    expect((await scan(crypto.randomUUID())).statusCode).toBe(200);
    expect(sync).toHaveBeenCalled();
    await expect(sync.mock.results[0]?.value).resolves.toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'phongdich.db-wal'))).toBe(true);
  });
});

describe('lanes of scans on PostgreSQL', () => {
  it("puts one person's scans in one lane whoever records them, and spreads people over the lanes", () => {
    const person = { personId: 'u-1', visitor: null, actorId: 'u-1' };
    const byStaff = { personId: 'u-1', visitor: null, actorId: 'staff-9' };
    expect(laneOf(byStaff, 2)).toBe(laneOf(person, 2));
    const visitor = (phoneIndex: string | null, actorId: string) => ({ personId: null, visitor: { nameEnc: 'x', phoneEnc: null, phoneIndex }, actorId });
    expect(laneOf(visitor('p-7', 'staff-1'), 4)).toBe(laneOf(visitor('p-7', 'staff-2'), 4));
    const counts = [0, 0];
    for (let i = 0; i < 1000; i++) counts[laneOf({ personId: crypto.randomUUID(), visitor: null, actorId: 'a' }, 2)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(400);
    expect(laneOf(person, 1)).toBe(0);
  });
});
