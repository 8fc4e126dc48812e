import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../actor.js';
import { createTestApp, createTestContext, TEST_DIALECTS, type TestContext } from '../../testing/test-context.js';
import { startLoopbackSmsc, type LoopbackSmsc } from '../../testing/loopback-smsc.js';
import { findOrCreateCitizenByPhone } from '../accounts/index.js';
import { ensureMonitoring } from '../declarations/index.js';
import { deliverDueMessages } from './delivery.service.js';
import { closeProviders, providersOf } from './providers.js';
import { remindMonitoredPeople } from './reminders.js';

const HOUR = 3_600_000;

// Automatic messages end to end, to a real SMPP server on loopback: what a phone would receive.
describe.each(TEST_DIALECTS)('automatic messages over SMPP on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let smsc: LoopbackSmsc;

  beforeAll(async () => {
    smsc = await startLoopbackSmsc({ password: 'secret' });
    ctx = await createTestContext(dialect, { SMPP_URL: smsc.url, SMPP_SYSTEM_ID: 'phongdich', SMPP_PASSWORD: 'secret', DAILY_UPDATE_REMINDER_AT: '17:00' });
    app = await createTestApp(ctx);
  });
  afterAll(async () => {
    await closeProviders(ctx);
    await app.close();
    await ctx.cleanup();
    await smsc.close();
  });

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
