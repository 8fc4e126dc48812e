import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, createTestApp, createTestContext, signIn, TEST_DIALECTS, type TestAccount, type TestContext } from '../../testing/test-context.js';
import { deliverDueMessages } from '../messaging/index.js';

describe.each(TEST_DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let official: TestAccount;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });
    app = await createTestApp(ctx);
    official = await createTestAccount(ctx, 'official', { unitCode: '01843' });
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('signs in with username and password and sets an HttpOnly SameSite cookie', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: official.username, password: official.password } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'pd_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = response.json();
    expect(me.user).toMatchObject({ role: 'official', unitCode: '01843', username: official.username });
    expect(me.scopeUnit).toMatchObject({ code: '01843', name: 'Phường Bắc Kạn' });
    expect(me.scopeUnit.ancestors.map((u: { code: string }) => u.code)).toEqual(['19']);
    expect(typeof me.csrfToken).toBe('string');
  });

  it('accepts usernames in any case', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: official.username.toUpperCase(), password: official.password } });
    expect(response.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user with the same generic 401', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: official.username, password: 'nope nope 1' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody-here', password: 'nope nope 1' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toBe('invalid_credentials');
  });

  it('locks the account after repeated failures, then lets it in after the lock expires', async () => {
    const victim = await createTestAccount(ctx, 'official', { unitCode: '01843' });
    const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: victim.username, password } });
    expect((await attempt('wrong one 1')).statusCode).toBe(401);
    expect((await attempt('wrong one 2')).statusCode).toBe(401);
    const third = await attempt('wrong one 3');
    expect(third.statusCode).toBe(429);
    expect(third.json().error).toBe('account_locked');
    expect((await attempt(victim.password)).json().error).toBe('account_locked');
    ctx.clock.advance(16 * 60_000);
    expect((await attempt(victim.password)).statusCode).toBe(200);
  });

  it('requires a session for /me and refuses a forged cookie', async () => {
    expect((await app.inject({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const forged = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'pd_session=forged' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error).toBe('unauthenticated');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const session = await signIn(app, official);
    const noToken = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toBe('csrf_failed');
    const wrongToken = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session.cookie, 'x-csrf-token': 'x' } });
    expect(wrongToken.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
  });

  it('signs out: the session stops working', async () => {
    const session = await signIn(app, official);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: session.headers })).statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const session = await signIn(app, official);
    ctx.clock.advance(13 * 3_600_000);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: session.headers })).statusCode).toBe(401);
  });

  it('changes the password, signing out other devices but not this one', async () => {
    const account = await createTestAccount(ctx, 'health_official', { unitCode: '19' });
    const here = await signIn(app, account);
    const elsewhere = await signIn(app, account);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: here.headers, payload: { currentPassword: 'bad password 1', newPassword: 'new password 2026' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'current_password_incorrect', field: 'currentPassword' });
    const weak = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: here.headers, payload: { currentPassword: account.password, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().field).toBe('newPassword');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: here.headers, payload: { currentPassword: account.password, newPassword: 'new password 2026' } });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: here.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: elsewhere.headers })).statusCode).toBe(401);
    await signIn(app, { username: account.username, password: 'new password 2026' });
  });

  describe('citizens by phone and one-time code', () => {
    // Each request one second after the last, so "latest" is unambiguous.
    async function requestCode(phone: string) {
      ctx.clock.advance(1000);
      return app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { phone } });
    }

    async function latestCode(): Promise<string> {
      const rows = await ctx.db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      const body = ctx.cipher.decrypt('outbox.body', rows[0]?.body_enc ?? '');
      return /(\d{6})/.exec(body)?.[1] ?? '';
    }

    it('sends a code through the outbox, signs in and creates the account once', async () => {
      const request = await requestCode('0912 345 678');
      expect(request.statusCode).toBe(200);
      expect(request.json()).toEqual({ expiresInSeconds: 300 });
      const code = await latestCode();
      expect(code).toMatch(/^\d{6}$/);
      const stored = await ctx.db.selectFrom('outbox').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain('912345678');
      expect(await deliverDueMessages(ctx)).toBeGreaterThan(0);
      expect((await ctx.db.selectFrom('outbox').select('status').execute()).every((r) => r.status === 'sent')).toBe(true);

      const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone: '+84912345678', code } });
      expect(verify.statusCode).toBe(200);
      const me = verify.json();
      expect(me.user).toMatchObject({ role: 'citizen', phoneMasked: '•••••••678', unitCode: null });
      const cookie = verify.cookies.find((c) => c.name === 'pd_session');
      expect(cookie?.maxAge).toBe(180 * 86_400);
      const users = await ctx.db.selectFrom('users').selectAll().where('role', '=', 'citizen').execute();
      expect(users).toHaveLength(1);
      expect(JSON.stringify(users)).not.toContain('912345678');

      await requestCode('0912345678');
      const again = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone: '0912345678', code: await latestCode() } });
      expect(again.json().user.id).toBe(me.user.id);
    });

    it('refuses a wrong code, a used code, an expired code, and too many attempts', async () => {
      const phone = '0987654321';
      await requestCode(phone);
      const code = await latestCode();
      const wrongCode = code === '000000' ? '111111' : '000000';
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone, code: wrongCode } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ error: 'otp_invalid', field: 'code' });
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone, code } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone, code } })).json().error).toBe('otp_expired');

      await requestCode(phone);
      for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone, code: wrongCode } });
      const blocked = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone, code: await latestCode() } });
      expect(blocked.json().error).toBe('otp_too_many_attempts');

      await requestCode(phone);
      ctx.clock.advance(6 * 60_000);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone, code: await latestCode() } })).json().error).toBe('otp_expired');
    });

    it('limits codes per phone per hour', async () => {
      const phone = '0355555555';
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await requestCode(phone)).statusCode);
      expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
    });

    it('refuses an invalid phone number in the request language', async () => {
      const vi = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { phone: '12345' } });
      expect(vi.statusCode).toBe(400);
      expect(vi.json()).toMatchObject({ error: 'invalid_input', field: 'phone' });
      expect(vi.json().message).toContain('Số điện thoại không hợp lệ');
      const en = await app.inject({ method: 'POST', url: '/api/v1/auth/otp/request?lang=en', payload: { phone: '12345' } });
      expect(en.json().message).toContain('Not a valid phone number');
    });
  });
});
