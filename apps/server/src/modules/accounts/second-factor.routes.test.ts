import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { base32Decode, totpCode, TOTP_STEP_MS } from '../../crypto/totp.js';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type TestAccount, type TestContext } from '../../testing/test-context.js';

describe.each(TEST_DIALECTS)('two-step verification for officials on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let account: TestAccount;
  let secret = '';
  let recoveryCodes: string[] = [];

  const login = (extra: Record<string, string> = {}) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: account.username, password: account.password, ...extra } });
  const codeAt = (offsetSteps = 0) => totpCode(base32Decode(secret), Math.floor(ctx.clock.now() / TOTP_STEP_MS) + offsetSteps);

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { LOGIN_MAX_FAILURES: '3' });
    app = await createTestApp(ctx);
    account = await createTestAccount(ctx, 'health_official', { unitCode: '19' });
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('enrols with a QR code and a confirming code, and stores the secret encrypted', async () => {
    const official = await signIn(app, account);
    const started = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: official.headers });
    expect(started.statusCode).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    ({ secret } = started.json());
    expect(started.json().qrSvg).toContain('<svg');
    expect(started.json().otpauthUrl).toContain(`secret=${secret}`);
    // Not on until confirmed: signing in still needs the password only.
    expect((await login()).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: official.headers, payload: { code: '000000' } })).json().error).toBe('totp_invalid');
    const confirmed = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: official.headers, payload: { code: codeAt() } });
    expect(confirmed.statusCode).toBe(200);
    recoveryCodes = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    const row = await ctx.db.selectFrom('users').select(['totp_secret_enc', 'totp_enabled_at']).where('id', '=', account.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
    expect(row.totp_secret_enc).not.toContain(secret);
    expect(row.totp_secret_enc).not.toContain(recoveryCodes[0]);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: official.headers })).json().error).toBe('totp_already_enabled');
  });

  it('then asks for a code at sign-in, accepts each code once, and locks out code guessing', async () => {
    expect((await login()).json()).toMatchObject({ error: 'totp_required', field: 'code' });
    ctx.clock.advance(TOTP_STEP_MS);
    const code = codeAt();
    expect((await login({ code })).statusCode).toBe(200);
    // The same code again (a replay by someone who saw it) is refused.
    expect((await login({ code })).json().error).toBe('totp_invalid');
    expect((await login({ code: '123456' })).json().error).toBe('totp_invalid');
    // Third failure (LOGIN_MAX_FAILURES=3): locked, even with a right code afterwards.
    expect((await login({ code: '654321' })).json().error).toBe('account_locked');
    ctx.clock.advance(TOTP_STEP_MS);
    expect((await login({ code: codeAt() })).json().error).toBe('account_locked');
    ctx.clock.advance(16 * 60_000);
    expect((await login({ code: codeAt() })).statusCode).toBe(200);
    // A wrong password still answers invalid_credentials, never revealing whether a code would do.
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: account.username, password: 'wrong password 1', code: codeAt() } })).json().error).toBe('invalid_credentials');
  });

  it('accepts each recovery code once, and turns off only with the password and a code', async () => {
    const recovery = recoveryCodes[0] as string;
    expect((await login({ code: recovery.toUpperCase() })).statusCode).toBe(200);
    expect((await login({ code: recovery })).json().error).toBe('totp_invalid');
    ctx.clock.advance(TOTP_STEP_MS);
    const official = await signIn(app, { ...account, password: account.password }).catch(() => null);
    expect(official).toBeNull();
    const signedIn = await login({ code: codeAt() });
    const cookie = `pd_session=${signedIn.cookies.find((c) => c.name === 'pd_session')?.value}`;
    const headers = { cookie, 'x-csrf-token': signedIn.json().csrfToken };
    ctx.clock.advance(TOTP_STEP_MS);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/disable', headers, payload: { password: 'not it 12345', code: codeAt() } })).json().error).toBe('current_password_incorrect');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/disable', headers, payload: { password: account.password, code: recoveryCodes[1] } })).statusCode).toBe(204);
    expect((await login()).statusCode).toBe(200);
  });

  it('can be turned off by an administrator for a colleague who lost phone and recovery codes, ending their sessions', async () => {
    const colleague = await createTestAccount(ctx, 'official', { unitCode: '19' });
    const session = await signIn(app, colleague);
    const started = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: session.headers });
    const code = totpCode(base32Decode(started.json().secret), Math.floor(ctx.clock.now() / TOTP_STEP_MS));
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: session.headers, payload: { code } })).statusCode).toBe(200);
    const admin = await signIn(app, await createTestAccount(ctx, 'admin'));
    const listed = (await app.inject({ url: '/api/v1/users?q=' + colleague.username, headers: admin.headers })).json().items;
    expect(listed[0]).toMatchObject({ id: colleague.id, totpEnabled: true });
    // Only administrators: an official cannot strip a colleague's second factor.
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/users/${colleague.id}`, headers: session.headers, payload: { resetTwoStep: true } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/users/${colleague.id}`, headers: admin.headers, payload: { resetTwoStep: false } })).statusCode).toBe(400);
    const reset = await app.inject({ method: 'PATCH', url: `/api/v1/users/${colleague.id}`, headers: admin.headers, payload: { resetTwoStep: true } });
    expect(reset.json()).toMatchObject({ totpEnabled: false });
    expect((await app.inject({ url: '/api/v1/auth/me', headers: session.headers })).statusCode).toBe(401);
    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: colleague.username, password: colleague.password } });
    expect(again.statusCode).toBe(200);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('subject_id', '=', colleague.id).where('action', '=', 'user.update').execute();
    expect(audit.map((a) => a.detail)).toEqual([expect.stringContaining('resetTwoStep')]);
  });

  it('is for password accounts: citizens, who sign in with a code sent to their phone, cannot enrol', async () => {
    const citizen = await signInCitizen(app, ctx, '0912345678');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: citizen.headers })).statusCode).toBe(403);
  });
});
