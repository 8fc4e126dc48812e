import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';
import { closeOverdueVisits, purgeOldVisits } from './visits.service.js';

type Place = { id: string; points: Array<{ id: string; url: string; shortCode: string }> };

describe.each(TEST_DIALECTS)('check-in and check-out on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let official: SignedIn;
  let owner: SignedIn & { userId: string };
  let staff: SignedIn & { userId: string };
  let citizen: SignedIn & { userId: string };
  let market: Place;
  let farAway: Place;

  const tokenOf = (place: Place, i = 0) => place.points[i]?.url.split('/q/')[1] ?? '';
  const scan = (who: SignedIn, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/scans', headers: who.headers, payload: { clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now(), ...body } });
  const staffScan = (body: Record<string, unknown>, who: SignedIn = staff) =>
    app.inject({ method: 'POST', url: '/api/v1/scans/staff', headers: who.headers, payload: { placeId: market.id, clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now(), ...body } });

  async function register(name: string, communeCode: string, location: { lat: number; lon: number }, type = 'market'): Promise<Place> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: official.headers,
      payload: { name, type, sector: 'industry_trade', communeCode, streetAddress: 'Trung tâm', location, contactName: 'Ban quản lý', contactPhone: '0912000000', ownerPhone: '0933000001', points: ['Cổng A', 'Cổng B'] },
    });
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json();
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    official = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '19' }));
    market = await register('Chợ Bắc Kạn', '01843', { lat: 22.1468, lon: 105.8346 });
    farAway = await register('Chợ Thái', '01849', { lat: 21.594, lon: 105.848 });
    owner = await signInCitizen(app, ctx, '0933000001');
    await app.inject({ method: 'POST', url: `/api/v1/places/${market.id}/members`, headers: owner.headers, payload: { phone: '0933000002', name: 'Bảo vệ Hùng' } });
    staff = await signInCitizen(app, ctx, '0933000002');
    citizen = await signInCitizen(app, ctx, '0933000003');
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('a scan checks in, a scan of another gate of the same place checks out, and the diary shows one visit', async () => {
    const first = await scan(citizen, { token: tokenOf(market, 0) });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ action: 'check_in', placeName: 'Chợ Bắc Kạn', pointLabel: 'Cổng A', method: 'self_scan' });
    expect((await app.inject({ url: `/api/v1/places/${market.id}/open-visit`, headers: citizen.headers })).json().visit.visitId).toBe(first.json().visitId);
    ctx.clock.advance(20 * 60_000);
    const second = await scan(citizen, { token: tokenOf(market, 1) });
    expect(second.json()).toMatchObject({ action: 'check_out', visitId: first.json().visitId, pointLabel: 'Cổng B' });
    const diary = (await app.inject({ url: '/api/v1/visits/mine', headers: citizen.headers })).json();
    expect(diary.items).toHaveLength(1);
    expect(diary.items[0]).toMatchObject({ placeName: 'Chợ Bắc Kạn', pointLabel: 'Cổng A', checkoutMethod: 'scan', communeName: 'Phường Bắc Kạn' });
    expect(diary.items[0].checkedOutAt - diary.items[0].checkedInAt).toBe(20 * 60_000);
  });

  it('answers a replayed client event id with the first answer and stores nothing new', async () => {
    const clientEventId = crypto.randomUUID();
    const body = { token: tokenOf(market), clientEventId, scannedAt: ctx.clock.now() };
    const answers = await Promise.all([1, 2, 3].map(() => app.inject({ method: 'POST', url: '/api/v1/scans', headers: citizen.headers, payload: body })));
    expect(new Set(answers.map((a) => a.json().visitId)).size).toBe(1);
    expect(answers.map((a) => a.json().action)).toEqual(['check_in', 'check_in', 'check_in']);
    ctx.clock.advance(60_000);
    await scan(citizen, { token: tokenOf(market) });
    expect((await app.inject({ method: 'POST', url: '/api/v1/scans', headers: citizen.headers, payload: body })).json().action).toBe('check_in');
    expect((await app.inject({ url: '/api/v1/visits/mine', headers: citizen.headers })).json().items).toHaveLength(2);
  });

  it('accepts scans typed by short code, and offline scans with their real time', async () => {
    const someone = await signInCitizen(app, ctx, '0933000004');
    const typed = await scan(someone, { code: market.points[0]?.shortCode.toLowerCase() });
    expect(typed.json()).toMatchObject({ action: 'check_in', method: 'manual_code' });
    const tenMinutesAgo = ctx.clock.now() - 10 * 60_000;
    ctx.clock.advance(60_000);
    const late = await scan(someone, { token: tokenOf(market), scannedAt: tenMinutesAgo + 11 * 60_000 });
    expect(late.json()).toMatchObject({ action: 'check_out' });
    const offline = await signInCitizen(app, ctx, '0933000005');
    const queued = await scan(offline, { token: tokenOf(market), scannedAt: tenMinutesAgo });
    expect(queued.json()).toMatchObject({ action: 'check_in', at: tenMinutesAgo });
    const stored = await ctx.db.selectFrom('visits').select(['checked_in_at', 'received_at']).where('id', '=', queued.json().visitId).executeTakeFirstOrThrow();
    expect(stored.checked_in_at).toBe(tenMinutesAgo);
    expect(stored.received_at - stored.checked_in_at).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it.each([
    ['a scan time in the future', { scannedAt: 'FUTURE' }, 400, 'scan_time_future'],
    ['a scan older than the limit', { scannedAt: 'OLD' }, 400, 'scan_too_old'],
    ['a forged token', { token: 'A'.repeat(35) }, 400, 'qr_invalid'],
    ['a malformed time', { scannedAt: 'yesterday' }, 400, 'invalid_input'],
    ['a client event id that is not a UUID', { clientEventId: '1' }, 400, 'invalid_input'],
    ['neither token nor code', { token: undefined }, 400, 'invalid_input'],
  ] as Array<[string, Record<string, unknown>, number, string]>)('refuses %s, storing nothing', async (_name, change, status, error) => {
    const before = await ctx.db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const scannedAt = change.scannedAt === 'FUTURE' ? ctx.clock.now() + 10 * 60_000 : change.scannedAt === 'OLD' ? ctx.clock.now() - 4 * 86_400_000 : change.scannedAt;
    const response = await scan(citizen, { token: tokenOf(farAway), ...change, ...(scannedAt !== undefined ? { scannedAt } : {}) });
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toBe(error);
    const after = await ctx.db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a scan 60 km away a minute after the last one', async () => {
    const traveller = await signInCitizen(app, ctx, '0933000006');
    await scan(traveller, { token: tokenOf(market) });
    ctx.clock.advance(60_000);
    const response = await scan(traveller, { token: tokenOf(farAway) });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toBe('impossible_travel');
    ctx.clock.advance(3 * 3_600_000);
    expect((await scan(traveller, { token: tokenOf(farAway) })).json().action).toBe('check_in');
  });

  it('refuses scans at a suspended place and of withdrawn points', async () => {
    const place = await register('Quán tạm', '01843', { lat: 22.14, lon: 105.83 }, 'restaurant_cafe');
    await app.inject({ method: 'POST', url: `/api/v1/points/${place.points[1]?.id}/revoke`, headers: official.headers });
    expect((await scan(citizen, { token: tokenOf(place, 1) })).statusCode).toBe(410);
    await app.inject({ method: 'POST', url: `/api/v1/places/${place.id}/status`, headers: official.headers, payload: { status: 'suspended' } });
    expect((await scan(citizen, { token: tokenOf(place, 0) })).json().error).toBe('place_not_active');
  });

  describe('staff', () => {
    it("scan a visitor's personal QR in and out, with the count of people inside", async () => {
      const visitor = await signInCitizen(app, ctx, '0933000010');
      const qr = (await app.inject({ url: '/api/v1/me/qr', headers: visitor.headers })).json();
      expect(qr.token).toMatch(/^PD1\.[A-Za-z0-9_-]{35}$/);
      const before = (await app.inject({ url: `/api/v1/places/${market.id}/occupancy`, headers: staff.headers })).json().inside;
      const entering = await staffScan({ personalToken: qr.token });
      expect(entering.json()).toMatchObject({ action: 'check_in', method: 'staff_personal_qr', inside: before + 1 });
      ctx.clock.advance(5 * 60_000);
      const leaving = await staffScan({ personalToken: qr.token });
      expect(leaving.json()).toMatchObject({ action: 'check_out', inside: before });
    });

    it('refuse a replaced personal QR, a forged one, and a place they do not work at', async () => {
      const visitor = await signInCitizen(app, ctx, '0933000011');
      const old = (await app.inject({ url: '/api/v1/me/qr', headers: visitor.headers })).json().token;
      const fresh = (await app.inject({ method: 'POST', url: '/api/v1/me/qr/replace', headers: visitor.headers })).json();
      expect(fresh.version).toBe(2);
      expect((await staffScan({ personalToken: old })).json().error).toBe('personal_qr_revoked');
      expect((await staffScan({ personalToken: `PD1.${'B'.repeat(35)}` })).json().error).toBe('personal_qr_invalid');
      expect((await staffScan({ personalToken: fresh.token }, citizen)).statusCode).toBe(403);
      expect((await staffScan({ personalToken: fresh.token, placeId: farAway.id })).statusCode).toBe(403);
    });

    it("record a visit by the visitor's phone once the visitor reads out the code sent to it", async () => {
      const sent = await app.inject({ method: 'POST', url: '/api/v1/scans/staff/code', headers: staff.headers, payload: { placeId: market.id, phone: '0933000012' } });
      expect(sent.statusCode).toBe(200);
      const message = await ctx.db.selectFrom('outbox').selectAll().where('template', '=', 'visit_code').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      const code = /(\d{6})/.exec(ctx.cipher.decrypt('outbox.body', message.body_enc))?.[1];
      expect((await staffScan({ phone: '0933000012', code: code === '000000' ? '111111' : '000000' })).json().error).toBe('otp_invalid');
      const recorded = await staffScan({ phone: '0933000012', code, name: 'Lý Thị Mai' });
      expect(recorded.json()).toMatchObject({ action: 'check_in', method: 'staff_phone', visitorLabel: 'Lý T. M.' });
    });

    it('record a visitor without a phone by name, and check them out from the list', async () => {
      const recorded = await staffScan({ name: 'Nông Văn Dũng' });
      expect(recorded.json()).toMatchObject({ action: 'check_in', method: 'staff_manual', visitorLabel: 'Nông V. D.' });
      const row = await ctx.db.selectFrom('visits').selectAll().where('id', '=', recorded.json().visitId).executeTakeFirstOrThrow();
      expect(row.visitor_name_enc).not.toContain('Dũng');
      expect((await app.inject({ method: 'POST', url: `/api/v1/visits/${recorded.json().visitId}/checkout`, headers: staff.headers })).statusCode).toBe(204);
      expect((await app.inject({ method: 'POST', url: `/api/v1/visits/${recorded.json().visitId}/checkout`, headers: staff.headers })).statusCode).toBe(404);
    });

    it('cannot check out someone who is not inside, and must say who the visitor is', async () => {
      const visitor = await signInCitizen(app, ctx, '0933000013');
      const qr = (await app.inject({ url: '/api/v1/me/qr', headers: visitor.headers })).json();
      expect((await staffScan({ personalToken: qr.token, action: 'check_out' })).json().error).toBe('no_open_visit');
      expect((await staffScan({ personalToken: undefined })).json()).toMatchObject({ error: 'invalid_input', field: 'personalToken' });
    });
  });

  it('shows owners occupancy and masked visitors; officials see names, and their reading is audited', async () => {
    const occupancy = (await app.inject({ url: `/api/v1/places/${market.id}/occupancy`, headers: owner.headers })).json();
    expect(occupancy.days).toHaveLength(14);
    expect(occupancy.today).toBeGreaterThan(5);
    const date = occupancy.days[13].date;
    const masked = (await app.inject({ url: `/api/v1/places/${market.id}/visits?date=${date}`, headers: owner.headers })).json().items;
    expect(masked.map((v: { visitor: string }) => v.visitor)).toContain('Nông V. D.');
    expect(masked.map((v: { visitor: string }) => v.visitor)).not.toContain('Nông Văn Dũng');
    const full = (await app.inject({ url: `/api/v1/places/${market.id}/visits?date=${date}`, headers: official.headers })).json().items;
    expect(full.map((v: { visitor: string }) => v.visitor)).toContain('Nông Văn Dũng');
    const audited = await ctx.db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'place_visits').execute();
    expect(audited).toHaveLength(1);
    expect((await app.inject({ url: `/api/v1/places/${market.id}/occupancy`, headers: citizen.headers })).statusCode).toBe(404);
  });

  it('closes visits left open past the place type’s usual stay, and deletes visits past retention', async () => {
    const forgetful = await signInCitizen(app, ctx, '0933000020');
    const visit = (await scan(forgetful, { token: tokenOf(market) })).json();
    ctx.clock.advance(119 * 60_000);
    await closeOverdueVisits(ctx);
    expect((await ctx.db.selectFrom('visits').select('checked_out_at').where('id', '=', visit.visitId).executeTakeFirstOrThrow()).checked_out_at).toBeNull();
    ctx.clock.advance(2 * 60_000);
    expect(await closeOverdueVisits(ctx)).toBeGreaterThan(0);
    const closed = await ctx.db.selectFrom('visits').selectAll().where('id', '=', visit.visitId).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ checkout_method: 'auto', checked_out_at: closed.checked_in_at + 120 * 60_000 });
    ctx.clock.advance(22 * 86_400_000);
    expect(await purgeOldVisits(ctx)).toBeGreaterThan(5);
    const left = await ctx.db.selectFrom('visits').select('id').where('checked_in_at', '<', ctx.clock.now() - 21 * 86_400_000).execute();
    expect(left).toEqual([]);
    expect((await app.inject({ url: '/api/v1/visits/mine', headers: forgetful.headers })).json().items).toEqual([]);
  });

  it('lets citizens delete one visit or their whole diary', async () => {
    const person = await signInCitizen(app, ctx, '0933000030');
    const first = (await scan(person, { token: tokenOf(market) })).json();
    ctx.clock.advance(60_000);
    await scan(person, { token: tokenOf(market) });
    ctx.clock.advance(60_000);
    await scan(person, { token: tokenOf(market) });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/visits/mine/${first.visitId}`, headers: person.headers })).json()).toEqual({ deleted: 1 });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/visits/mine/${first.visitId}`, headers: citizen.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/visits/mine', headers: person.headers })).json()).toEqual({ deleted: 1 });
  });

  it('stores a burst of concurrent scans from many people, each exactly once', async () => {
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await signInCitizen(app, ctx, `09440000${String(i).padStart(2, '0')}`));
    const bodies = people.map(() => ({ token: tokenOf(market), clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now() }));
    const sends = people.flatMap((p, i) => [1, 2].map(() => app.inject({ method: 'POST', url: '/api/v1/scans', headers: p.headers, payload: bodies[i] })));
    const answers = await Promise.all(sends);
    expect(answers.every((a) => a.statusCode === 200 && a.json().action === 'check_in')).toBe(true);
    const ids = new Set(answers.map((a) => a.json().visitId));
    expect(ids.size).toBe(20);
  });

  it('answers a scan that another server process is storing at that very moment with its visit, and stores no second one', async () => {
    const visitId = (await staffScan({ name: 'Khách vãng lai' })).json().visitId as string;
    const countVisits = async () => (await ctx.db.selectFrom('visits').select(ctx.db.fn.countAll<number>().as('n')).where('place_id', '=', market.id).executeTakeFirstOrThrow()).n;
    const visitsBefore = Number(await countVisits());
    // Another process (the same scan resent to it by an impatient phone) has stored the receipt and not committed yet.
    const clientEventId = crypto.randomUUID();
    let commit = () => {};
    let stored = () => {};
    const receiptStored = new Promise<void>((resolve) => (stored = resolve));
    const other = ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('scan_receipts').values({ actor_id: staff.userId, client_event_id: clientEventId, visit_id: visitId, action: 'check_in', created_at: ctx.clock.now() }).execute();
      stored();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await receiptStored;
    const racing = staffScan({ name: 'Khách vãng lai', clientEventId });
    // PostgreSQL: our batch inserts its own visit, then its receipt waits for the other transaction. SQLite: the write waits for the connection.
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await other;
    const answer = await racing;
    expect(answer.statusCode).toBe(200);
    expect(answer.json().visitId).toBe(visitId);
    expect(Number(await countVisits())).toBe(visitsBefore);
  });
});
