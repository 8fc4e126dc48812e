import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../../testing/test-context.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './channels/webhook-signature.js';
import { deliverDueMessages } from './delivery.service.js';
import { CAMPAIGN_TEST_TEMPLATE } from './messaging.templates.js';
import { insertMessage } from './outbox.repository.js';
import { enqueueMessage, outboxRow } from './outbox.service.js';
import { closeProviders } from './providers.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server (the npm `smtp-server` package) on 127.0.0.1; it can refuse recipients with a 4xx or 5xx. */
async function startLoopbackSmtp(): Promise<{ url: string; mails: Mail[]; refuse: Map<string, number>; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const refuse = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuse.get(address.address);
      if (!code) return callback();
      callback(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'mailbox busy, try later'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface Hook {
  body: string;
  verified: boolean;
  idempotencyKey: string | undefined;
}

/** An OTT provider's receiver on 127.0.0.1 that verifies the HMAC signature as a real provider would. */
async function startWebhookReceiver(secret: string, nowS: () => number): Promise<{ url: string; hooks: Hook[]; answer: { status: number }; close(): Promise<void> }> {
  const hooks: Hook[] = [];
  const answer = { status: 200 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhook(secret, request.headers[TIMESTAMP_HEADER] as string | undefined, request.headers[SIGNATURE_HEADER] as string | undefined, body, nowS());
      hooks.push({ body, verified, idempotencyKey: request.headers['idempotency-key'] as string | undefined });
      response.writeHead(verified ? answer.status : 401, { 'content-type': 'application/json' });
      response.end(verified ? JSON.stringify({ accepted: answer.status < 300 }) : '{"error":"bad signature"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/ott`, hooks, answer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Decodes the quoted-printable or base64 text part of a simple message, as a mail client would. */
function textOf(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe.each(TEST_DIALECTS)('e-mail over SMTP and the signed OTT webhook, to loopback servers, on %s', (dialect) => {
  const secret = 'shared-secret-with-the-ott-provider';
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  // How far the receiver's clock is ahead of the sender's.
  const receiverSkew = { ms: 0 };
  const byKey = (key: string) => ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();

  beforeAll(async () => {
    smtp = await startLoopbackSmtp();
    let clockNow = () => 0;
    hook = await startWebhookReceiver(secret, () => Math.floor((clockNow() + receiverSkew.ms) / 1000));
    ctx = await createTestContext(dialect, { SMTP_URL: smtp.url, SMTP_FROM: 'PhongDich <no-reply@phongdich.invalid>', OTT_WEBHOOK_URL: hook.url, OTT_WEBHOOK_SECRET: secret, MESSAGE_MAX_ATTEMPTS: '2', MESSAGE_RETRY_SECONDS: '10', MESSAGE_QUIET_HOURS: 'none' });
    // The receiver checks the signature's age against the same (test) clock the sender signs with.
    clockNow = () => ctx.clock.now();
  });
  afterAll(async () => {
    await closeProviders(ctx);
    await ctx.cleanup();
    await smtp.close();
    await hook.close();
  });

  it('sends a Vietnamese e-mail that the SMTP server receives intact, with its subject', async () => {
    const row = outboxRow(ctx, { channel: 'email', recipient: 'lan.nguyen@example.vn', body: 'Người dân Phường Bắc Kạn hãy khai báo y tế hằng tuần.', template: CAMPAIGN_TEST_TEMPLATE, language: 'vi', dedupeKey: 'mail-1', subject: 'Nhắc khai báo y tế' });
    await insertMessage(ctx.db, row);
    await deliverDueMessages(ctx);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0] as Mail;
    expect(mail.to).toEqual(['lan.nguyen@example.vn']);
    expect(mail.from).toBe('no-reply@phongdich.invalid');
    expect(mail.raw).toMatch(/^X-PhongDich-Message: /im);
    expect(mail.raw).toContain(row.id);
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(textOf(mail.raw).trim()).toBe('Người dân Phường Bắc Kạn hãy khai báo y tế hằng tuần.');
    expect(await byKey('mail-1')).toMatchObject({ status: 'sent', attempts: 1, provider_answer: expect.stringMatching(/^smtp: 250/) });
  });

  it('fails a refused mailbox at once (5xx) and retries a busy one (4xx), with the server answer', async () => {
    smtp.refuse.set('gone@example.vn', 550);
    smtp.refuse.set('busy@example.vn', 451);
    await insertMessage(ctx.db, outboxRow(ctx, { channel: 'email', recipient: 'gone@example.vn', body: 'x', template: CAMPAIGN_TEST_TEMPLATE, language: 'vi', dedupeKey: 'mail-gone' }));
    await insertMessage(ctx.db, outboxRow(ctx, { channel: 'email', recipient: 'busy@example.vn', body: 'x', template: CAMPAIGN_TEST_TEMPLATE, language: 'vi', dedupeKey: 'mail-busy' }));
    await deliverDueMessages(ctx);
    expect(await byKey('mail-gone')).toMatchObject({ status: 'failed', attempts: 1, provider_answer: expect.stringContaining('550') });
    expect(await byKey('mail-busy')).toMatchObject({ status: 'queued', attempts: 1, provider_answer: expect.stringContaining('451') });
    smtp.refuse.delete('busy@example.vn');
    ctx.clock.advance(10_000);
    await deliverDueMessages(ctx);
    expect(await byKey('mail-busy')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.mails.filter((m) => m.to.includes('busy@example.vn'))).toHaveLength(1);
  });

  it('posts an OTT message signed with HMAC that the receiver verifies, keyed for idempotency', async () => {
    await enqueueMessage(ctx, { channel: 'ott', recipient: '+84912000111', template: 'sign_in_code', language: 'vi', vars: { code: '246810', minutes: 5 }, dedupeKey: 'ott-1' });
    await deliverDueMessages(ctx);
    expect(hook.hooks).toHaveLength(1);
    const received = hook.hooks[0] as Hook;
    expect(received.verified).toBe(true);
    const payload = JSON.parse(received.body) as Record<string, string>;
    const row = await byKey('ott-1');
    expect(payload).toEqual({ id: row.id, channel: 'ott', to: '+84912000111', text: 'PhongDich: mã xác thực 246810, hết hạn sau 5 phút. Đừng chia sẻ mã.', template: 'sign_in_code', language: 'vi' });
    expect(received.idempotencyKey).toBe(row.id);
    expect(row).toMatchObject({ status: 'sent', provider_answer: 'webhook: HTTP 200 {"accepted":true}' });
  });

  it('retries when the provider answers 503 and fails for good on a 401 (a signature the receiver refuses), with the answer', async () => {
    hook.answer.status = 503;
    await enqueueMessage(ctx, { channel: 'ott', recipient: '+84912000112', template: 'sign_in_code', language: 'vi', vars: { code: '1', minutes: 5 }, dedupeKey: 'ott-503' });
    await deliverDueMessages(ctx);
    expect(await byKey('ott-503')).toMatchObject({ status: 'queued', attempts: 1, provider_answer: expect.stringContaining('HTTP 503') });
    hook.answer.status = 200;
    ctx.clock.advance(10_000);
    await deliverDueMessages(ctx);
    expect(await byKey('ott-503')).toMatchObject({ status: 'sent', attempts: 2 });

    // A signature an hour old when it arrives (a sender clock gone wrong, or a replay) is refused: never retried.
    const before = hook.hooks.length;
    receiverSkew.ms = 3_600_000;
    await enqueueMessage(ctx, { channel: 'ott', recipient: '+84912000113', template: 'sign_in_code', language: 'vi', vars: { code: '2', minutes: 5 }, dedupeKey: 'ott-stale' });
    await deliverDueMessages(ctx);
    receiverSkew.ms = 0;
    expect(hook.hooks.length).toBe(before + 1);
    expect(hook.hooks.at(-1)?.verified).toBe(false);
    expect(await byKey('ott-stale')).toMatchObject({ status: 'failed', attempts: 1, provider_answer: expect.stringContaining('HTTP 401') });
  });
});
