import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../../testing/test-context.js';
import { startLoopbackSmsc, type LoopbackSmsc } from '../../testing/loopback-smsc.js';
import { deliverDueMessages } from './delivery.service.js';
import { enqueueMessage } from './outbox.service.js';
import { closeProviders, providersOf } from './providers.js';

// A real SMPP server from the npm `smpp` package on 127.0.0.1 plays the telecom's SMS centre: what it
// receives is checked byte for byte (data_coding, UDH), and its receipts drive the outbox statuses.
describe.each(TEST_DIALECTS)('SMS over SMPP to a loopback SMS centre on %s', (dialect) => {
  let ctx: TestContext;
  let smsc: LoopbackSmsc;

  beforeAll(async () => {
    smsc = await startLoopbackSmsc({ password: 'secret' });
    ctx = await createTestContext(dialect, {
      SMPP_URL: smsc.url,
      SMPP_SYSTEM_ID: 'phongdich',
      SMPP_PASSWORD: 'secret',
      SMPP_SOURCE_ADDR: 'PhongDich',
      MESSAGE_MAX_ATTEMPTS: '3',
      MESSAGE_RETRY_SECONDS: '10',
      MESSAGE_QUIET_HOURS: 'none',
    });
  });
  afterEach(() => {
    smsc.behaviour = { password: 'secret', receipts: true };
  });
  afterAll(async () => {
    await closeProviders(ctx);
    await ctx.cleanup();
    await smsc.close();
  });

  const rows = () => ctx.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('id').execute();
  const byKey = async (key: string) => (await ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow());
  async function deliverAndSettle(): Promise<void> {
    await deliverDueMessages(ctx);
    // Receipts come back as deliver_sm a moment after each submit_sm_resp.
    await new Promise((r) => setTimeout(r, 150));
    await providersOf(ctx).events.flush();
  }

  it('binds as a transceiver and sends a Vietnamese sign-in code in UCS-2; the receipt marks it delivered', async () => {
    await enqueueMessage(ctx, { channel: 'sms', recipient: '+84912000001', template: 'sign_in_code', language: 'vi', vars: { code: '123456', minutes: 5 }, dedupeKey: 'code-1' });
    await deliverAndSettle();
    expect(smsc.binds.at(-1)).toEqual({ command: 'bind_transceiver', systemId: 'phongdich' });
    const sms = smsc.received.filter((r) => r.destination === '84912000001');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ dataCoding: 8, esmClass: 0, udh: null, registeredDelivery: 1, source: 'PhongDich' });
    expect(sms[0]?.text).toBe('PhongDich: mã xác thực 123456, hết hạn sau 5 phút. Đừng chia sẻ mã.');
    const row = await byKey('code-1');
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, parts: 1 });
    expect(row.provider_answer).toContain(sms[0]?.messageId);
    expect(row.delivered_at).not.toBeNull();
  });

  it('splits a long Vietnamese warning into concatenated UCS-2 parts of at most 67 characters, each with its receipt', async () => {
    const vars = { place: 'Chợ Đêm Bắc Kạn', date: '01/11/2026', time: '08:30', until: '15/11/2026', hotline: '1900 9095' };
    await enqueueMessage(ctx, { channel: 'sms', recipient: '+84912000002', template: 'contact_warning', language: 'vi', vars, dedupeKey: 'warn-1' });
    await deliverAndSettle();
    const parts = smsc.received.filter((r) => r.destination === '84912000002');
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, i) => {
      expect(part.dataCoding).toBe(8);
      expect(part.esmClass & 0x40).toBe(0x40);
      expect([...(part.udh ?? [])]).toEqual([0x05, 0x00, 0x03, parts[0]?.udh?.[3], parts.length, i + 1]);
      expect(part.text.length).toBeLessThanOrEqual(67);
    });
    const [joined] = smsc.messagesTo('84912000002');
    expect(joined).toContain('Chợ Đêm Bắc Kạn');
    expect(joined).toContain('15/11/2026');
    expect(await byKey('warn-1')).toMatchObject({ status: 'delivered', parts: parts.length });
  });

  it('sends plain ASCII in the default alphabet', async () => {
    await enqueueMessage(ctx, { channel: 'sms', recipient: '+84912000003', template: 'sign_in_code', language: 'en', vars: { code: '654321', minutes: 5 }, dedupeKey: 'code-en' });
    await deliverAndSettle();
    expect(smsc.received.find((r) => r.destination === '84912000003')).toMatchObject({ dataCoding: 0, text: expect.stringContaining('654321') });
  });

  it('fails at once, with the reason, when the SMS centre refuses the destination', async () => {
    smsc.behaviour = { password: 'secret', refuseWith: 0x0b };
    await enqueueMessage(ctx, { channel: 'sms', recipient: '+84912000004', template: 'sign_in_code', language: 'vi', vars: { code: '1', minutes: 5 }, dedupeKey: 'refused' });
    await deliverAndSettle();
    const row = await byKey('refused');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.provider_answer).toContain('ESME_RINVDSTADR');
  });

  it('retries a throttled message with a doubling delay, then fails it with the reason after the last attempt', async () => {
    smsc.behaviour = { password: 'secret', refuseWith: 0x58 };
    await enqueueMessage(ctx, { channel: 'sms', recipient: '+84912000005', template: 'sign_in_code', language: 'vi', vars: { code: '1', minutes: 5 }, dedupeKey: 'throttled' });
    await deliverAndSettle();
    let row = await byKey('throttled');
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.next_attempt_at - ctx.clock.now()).toBe(10_000);
    await deliverAndSettle();
    expect((await byKey('throttled')).attempts).toBe(1);
    ctx.clock.advance(10_000);
    await deliverAndSettle();
    row = await byKey('throttled');
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row.next_attempt_at - ctx.clock.now()).toBe(20_000);
    ctx.clock.advance(20_000);
    await deliverAndSettle();
    row = await byKey('throttled');
    expect(row.status).toBe('failed');
    expect(row.provider_answer).toMatch(/gave up after 3 attempts: .*ESME_RTHROTTLED/);
  });

  it('loses nothing when the connection drops mid-batch: the unanswered messages go again after reconnecting', async () => {
    const before = smsc.received.length;
    for (let i = 0; i < 20; i++) await enqueueMessage(ctx, { channel: 'sms', recipient: `+8491210${String(i).padStart(4, '0')}`, template: 'sign_in_code', language: 'vi', vars: { code: String(i), minutes: 5 }, dedupeKey: `drop-${i}` });
    smsc.behaviour = { password: 'secret', receipts: true, dropNext: 1 };
    await deliverAndSettle();
    ctx.clock.advance(10_000);
    await deliverAndSettle();
    const sent = smsc.received.slice(before);
    expect(new Set(sent.map((s) => s.destination)).size).toBe(20);
    const mine = (await rows()).filter((r) => r.dedupe_key?.startsWith('drop-'));
    expect(mine.every((r) => r.status === 'delivered')).toBe(true);
    expect(mine.some((r) => r.attempts === 2)).toBe(true);
  });

  it('never sends a message twice when two senders run at once', async () => {
    const before = smsc.received.length;
    for (let i = 0; i < 60; i++) await enqueueMessage(ctx, { channel: 'sms', recipient: `+8491220${String(i).padStart(4, '0')}`, template: 'sign_in_code', language: 'vi', vars: { code: String(i), minutes: 5 }, dedupeKey: `pair-${i}` });
    await Promise.all([deliverDueMessages(ctx, { holder: 'instance-a' }), deliverDueMessages(ctx, { holder: 'instance-b' })]);
    const sent = smsc.received.slice(before).map((s) => s.destination);
    expect(sent).toHaveLength(60);
    expect(new Set(sent).size).toBe(60);
  });

  it('marks a message failed when its receipt says it could not be delivered', async () => {
    smsc.behaviour = { password: 'secret', receipts: true, receiptStat: 'UNDELIV' };
    await enqueueMessage(ctx, { channel: 'sms', recipient: '+84912000006', template: 'sign_in_code', language: 'vi', vars: { code: '1', minutes: 5 }, dedupeKey: 'undeliv' });
    await deliverAndSettle();
    expect(await byKey('undeliv')).toMatchObject({ status: 'failed', provider_answer: 'receipt: UNDELIV err:001' });
  });

  it('records a "TC" reply as an opt-out of campaign messages', async () => {
    smsc.reply('84912000007', 'TC');
    await new Promise((r) => setTimeout(r, 150));
    await closeProviders(ctx);
    const index = ctx.cipher.blindIndex('phone', '+84912000007');
    expect(await ctx.db.selectFrom('message_opt_outs').selectAll().where('address_index', '=', index).executeTakeFirst()).toMatchObject({ source: 'keyword' });
  });

  it('retries, then fails with the reason, while the SMS centre refuses the bind', async () => {
    smsc.behaviour = { password: 'other' };
    smsc.dropAll();
    await enqueueMessage(ctx, { channel: 'sms', recipient: '+84912000008', template: 'sign_in_code', language: 'vi', vars: { code: '1', minutes: 5 }, dedupeKey: 'bindfail' });
    for (let i = 0; i < 3; i++) {
      await deliverAndSettle();
      ctx.clock.advance(3_600_000);
    }
    const row = await byKey('bindfail');
    expect(row.status).toBe('failed');
    expect(row.provider_answer).toMatch(/gave up after 3 attempts: smpp: (bind refused: ESME_RBINDFAIL|SMSC unreachable \(bind refused: ESME_RBINDFAIL)/);
    await closeProviders(ctx);
  });
});
