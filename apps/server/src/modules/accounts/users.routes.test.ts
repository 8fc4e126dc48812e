import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, createTestApp, createTestContext, signIn, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';

describe.each(TEST_DIALECTS)('account administration on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let admin: SignedIn;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { UNITS_DATASET: 'vn-2021' });
    app = await createTestApp(ctx);
    admin = await signIn(app, await createTestAccount(ctx, 'admin'));
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  const newOfficial = {
    username: 'xa.namMau',
    password: 'Mat khau 2021',
    displayName: 'Hoàng Văn Thụ',
    role: 'official',
    unitCode: '01909',
  };

  it('creates a commune official who must change the password, and audits it', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: newOfficial });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ username: 'xa.nammau', role: 'official', unitCode: '01909', sector: null, status: 'active' });
    expect(user).not.toHaveProperty('passwordHash');

    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xa.nammau', password: 'Mat khau 2021' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    expect(login.json().scopeUnit.ancestors.map((u: { code: string }) => u.code)).toEqual(['06', '061']);

    const audit = await app.inject({ url: `/api/v1/audit?subjectId=${user.id}`, headers: admin.headers });
    expect(audit.json().items[0]).toMatchObject({ action: 'user.create', subjectType: 'user', unitCode: '01909', actorRole: 'admin' });
  });

  it('refuses a duplicate username, naming the field', async () => {
    const again = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: newOfficial });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'username_taken', field: 'username' });
  });

  it('refuses the second of two accounts with one username created at once (two server processes at first start)', async () => {
    const send = () => app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { ...newOfficial, username: 'xa.cungluc', unitCode: '061' } });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json()).toMatchObject({ error: 'username_taken', field: 'username' });
  });

  it.each([
    [{ ...newOfficial, username: 'aa1', unitCode: undefined }, 400, 'unit_required', 'unitCode'],
    [{ ...newOfficial, username: 'aa2', unitCode: '99999' }, 404, 'unit_not_found', 'unitCode'],
    [{ ...newOfficial, username: 'aa3', unitCode: '01' }, 400, 'unit_outside_installation', 'unitCode'],
    [{ ...newOfficial, username: 'aa4', role: 'health_official', sector: 'education' }, 400, 'invalid_input', 'sector'],
    [{ ...newOfficial, username: 'aa5', role: 'citizen' }, 400, 'invalid_input', 'role'],
    [{ ...newOfficial, username: 'aa6', password: 'password' }, 400, 'invalid_input', 'password'],
    [{ ...newOfficial, username: 'Bad Name!' }, 400, 'invalid_input', 'username'],
    [{ ...newOfficial, username: 'aa7', isAdmin: true }, 400, 'invalid_input', 'isAdmin'],
    [{ ...newOfficial, username: 'aa8', displayName: 'x'.repeat(500) }, 400, 'invalid_input', 'displayName'],
  ])('refuses %j with %i %s on %s', async (payload, status, error, field) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error, field });
  });

  it('lists, filters and searches accounts', async () => {
    await createTestAccount(ctx, 'health_official', { unitCode: '06', username: 'cdc.backan' });
    const all = (await app.inject({ url: '/api/v1/users', headers: admin.headers })).json();
    expect(all.total).toBeGreaterThanOrEqual(3);
    const health = (await app.inject({ url: '/api/v1/users?role=health_official', headers: admin.headers })).json();
    expect(health.items.map((u: { username: string }) => u.username)).toEqual(['cdc.backan']);
    const byName = (await app.inject({ url: '/api/v1/users?q=VĂN', headers: admin.headers })).json();
    expect(byName.items.map((u: { username: string }) => u.username)).toContain('xa.nammau');
    const byUnit = (await app.inject({ url: '/api/v1/users?unit=01909', headers: admin.headers })).json();
    expect(byUnit.items.map((u: { username: string }) => u.username)).toEqual(['xa.nammau']);
  });

  it('disables an account: its sessions end and it cannot sign in', async () => {
    const account = await createTestAccount(ctx, 'official', { unitCode: '061' });
    const session = await signIn(app, account);
    const disabled = await app.inject({ method: 'PATCH', url: `/api/v1/users/${account.id}`, headers: admin.headers, payload: { status: 'disabled' } });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    expect((await app.inject({ url: '/api/v1/auth/me', headers: session.headers })).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: account.username, password: account.password } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error).toBe('account_disabled');
  });

  it('moves an official to another unit and resets a password', async () => {
    const account = await createTestAccount(ctx, 'official', { unitCode: '061' });
    const moved = await app.inject({ method: 'PATCH', url: `/api/v1/users/${account.id}`, headers: admin.headers, payload: { unitCode: '058', sector: 'education', password: 'Tam thoi 12345' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ unitCode: '058', sector: 'education' });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: account.username, password: 'Tam thoi 12345' } });
    expect(login.json().user).toMatchObject({ mustChangePassword: true, sector: 'education' });
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/users/nope', headers: admin.headers, payload: { displayName: 'x' } })).statusCode).toBe(404);
  });

  it('does not let an administrator disable or demote themselves', async () => {
    const me = (await app.inject({ url: '/api/v1/auth/me', headers: admin.headers })).json();
    const response = await app.inject({ method: 'PATCH', url: `/api/v1/users/${me.user.id}`, headers: admin.headers, payload: { status: 'disabled' } });
    expect(response.statusCode).toBe(403);
  });

  it('keeps account administration to administrators', async () => {
    const official = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '06' }));
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/users' },
      { method: 'POST' as const, url: '/api/v1/users', payload: { ...newOfficial, username: 'sneaky' } },
      { method: 'GET' as const, url: '/api/v1/audit' },
      { method: 'GET' as const, url: '/api/v1/outbox' },
    ]) {
      const response = await app.inject({ ...request, headers: official.headers });
      expect(response.statusCode, request.url).toBe(403);
      expect(response.json().error).toBe('forbidden');
      expect((await app.inject(request)).statusCode, request.url).toBe(401);
    }
  });
});
