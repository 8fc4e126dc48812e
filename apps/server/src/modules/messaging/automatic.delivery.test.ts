import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../actor.js';
import { localDateOf } from '@phongdich/core';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';
import { startLoopbackSmsc, type LoopbackSmsc } from '../../testing/loopback-smsc.js';
import { findOrCreateCitizenByPhone } from '../accounts/index.js';
import { ensureMonitoring } from '../declarations/index.js';
import { deliverDueMessages } from './delivery.service.js';
import { closeProviders, providersOf } from './providers.js';
import { remindMonitoredPeople } from './reminders.js';

const HOUR = 3_600_000;

interface Installation {
  ctx: TestContext;
  app: FastifyInstance;
  smsc: LoopbackSmsc;
}

/** An installation whose SMS go to a real SMPP server on loopback. */
async function startInstallation(dialect: (typeof TEST_DIALECTS)[number], env: Record<string, string>): Promise<Installation> {
  const smsc = await startLoopbackSmsc({ password: 'secret' });
  const ctx = await createTestContext(dialect, { SMPP_URL: smsc.url, SMPP_SYSTEM_ID: 'phongdich', SMPP_PASSWORD: 'secret', ...env });
  return { ctx, app: await createTestApp(ctx), smsc };
}

async function stopInstallation({ ctx, app, smsc }: Installation): Promise<void> {
  await closeProviders(ctx);
  await app.close();
  await ctx.cleanup();
  await smsc.close();
}

// Automatic messages end to end, to a real SMPP server on loopback: what a phone would receive.
describe.each(TEST_DIALECTS)('automatic messages over SMPP on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let smsc: LoopbackSmsc;

  beforeAll(async () => ({ ctx, app, smsc } = await startInstallation(dialect, { DAILY_UPDATE_REMINDER_AT: '17:00' })));
  afterAll(() => stopInstallation({ ctx, app, smsc }));

  async function deliverAndSettle(): Promise<void> {
    await deliverDueMessages(ctx);
    await new Promise((r) => setTimeout(r, 150));
    await providersOf(ctx).events.flush();
  }

  it('a sign-in code arrives by SMS at the SMS centre, and signs the citizen in', async () => {
    const request = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { phone: '0912 700 001' } });
    expect(request.statusCode).toBe(200);
    await deliverAndSettle();
    const [sms] = smsc.messagesTo('84912700001');
    const code = /mã xác thực (\d{6})/.exec(sms ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone: '0912 700 001', code } });
    expect(verify.statusCode).toBe(200);
    expect(await ctx.db.selectFrom('outbox').select('status').where('template', '=', 'sign_in_code').executeTakeFirst()).toEqual({ status: 'delivered' });
  });

  it('reminds people under monitoring once a day after the set hour, even those who opted out of campaigns', async () => {
    const lan = await findOrCreateCitizenByPhone(ctx, '+84912700002');
    const minh = await findOrCreateCitizenByPhone(ctx, '+84912700003');
    const unit = { provinceCode: '19', districtCode: null, communeCode: '01843' };
    await ensureMonitoring(ctx, SYSTEM_ACTOR, lan.id, unit, '2026-11-14', 'contact');
    await ensureMonitoring(ctx, SYSTEM_ACTOR, minh.id, unit, '2026-11-14', 'contact');
    await ctx.db.insertInto('message_opt_outs').values({ address_index: ctx.cipher.blindIndex('phone', '+84912700003'), source: 'account', created_at: ctx.clock.now() }).execute();
    // 08:00 local: too early.
    expect(await remindMonitoredPeople(ctx)).toBe(0);
    ctx.clock.advance(9 * HOUR);
    expect(await remindMonitoredPeople(ctx)).toBe(2);
    expect(await remindMonitoredPeople(ctx)).toBe(0);
    await deliverAndSettle();
    const [toLan] = smsc.messagesTo('84912700002');
    expect(toLan).toBe(`PhongDich: hôm nay (01/11/2026) bạn chưa gửi cập nhật sức khỏe hằng ngày. Hãy mở ${ctx.config.baseUrl} để gửi (theo dõi đến hết ngày 14/11/2026). Nếu sốt, ho, khó thở hãy gọi ${ctx.config.healthHotline}.`);
    expect(smsc.messagesTo('84912700003')).toHaveLength(1);
    // The next day, again.
    ctx.clock.advance(24 * HOUR);
    expect(await remindMonitoredPeople(ctx)).toBe(2);
  });
});

// Tracing → outbox → SMPP in one go: the contact's phone gets the warning, as the user would see it.
describe.each(TEST_DIALECTS)('a contact found by tracing is warned over SMPP on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let smsc: LoopbackSmsc;

  beforeAll(async () => ({ ctx, app, smsc } = await startInstallation(dialect, { MESSAGE_QUIET_HOURS: 'none' })));
  afterAll(() => stopInstallation({ ctx, app, smsc }));

  it('registering a case warns the person who was at the market with them, by SMS at the SMS centre', async () => {
    const healthAccount = await createTestAccount(ctx, 'health_official', { unitCode: '19' });
    let health = await signIn(app, healthAccount);
    const registered = await app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: health.headers,
      payload: { name: 'Chợ Bắc Kạn', type: 'market', sector: 'health', communeCode: '01843', streetAddress: 'Trung tâm', location: { lat: 22.1468, lon: 105.8346 }, contactName: 'Ban quản lý', contactPhone: '0912000000', points: ['Cổng chính'] },
    });
    expect(registered.statusCode).toBe(201);
    const token = (registered.json() as { points: Array<{ url: string }> }).points[0]?.url.split('/q/')[1];
    const scan = (who: SignedIn) => app.inject({ method: 'POST', url: '/api/v1/scans', headers: who.headers, payload: { clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now(), token } });
    const sick = await signInCitizen(app, ctx, '0944100001');
    const neighbour = await signInCitizen(app, ctx, '0944100002');
    expect((await scan(sick)).statusCode).toBeLessThan(300);
    expect((await scan(neighbour)).statusCode).toBeLessThan(300);
    ctx.clock.advance(20 * 60_000);
    await scan(sick);
    await scan(neighbour);
    ctx.clock.advance(2 * HOUR);
    health = await signIn(app, healthAccount);

    const today = localDateOf(ctx.clock.now());
    const created = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: health.headers, payload: { phone: '0944100001', fullName: 'Hà Văn An', communeCode: '01843', classification: 'confirmed', testDate: today, testResult: 'positive' } });
    expect(created.statusCode).toBe(201);
    await deliverAndSettle(ctx);

    // The neighbour's first SMS was their sign-in code; the warning names the place and the day.
    const warnings = smsc.messagesTo('84944100002').filter((text) => text.includes('Chợ Bắc Kạn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`ngày ${today.split('-').reverse().join('/')}`);
    expect(smsc.received.find((r) => r.destination === '84944100002' && r.dataCoding === 8)).toBeDefined();
    // The case's own phone is not told it was near itself.
    expect(smsc.messagesTo('84944100001').filter((text) => text.includes('Chợ Bắc Kạn'))).toEqual([]);
    expect(await ctx.db.selectFrom('outbox').select('status').where('template', '=', 'contact_warning').execute()).toEqual([{ status: 'delivered' }]);
  });
});

async function deliverAndSettle(ctx: TestContext): Promise<void> {
  await deliverDueMessages(ctx);
  await new Promise((r) => setTimeout(r, 150));
  await providersOf(ctx).events.flush();
}
