import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { localDateOf } from '@phongdich/core';
import { base32Decode, totpCode, TOTP_STEP_MS } from '../../crypto/totp.js';
import { AUTHORIZATION_MATRIX } from '../../http/authorization.matrix.js';
import { documentedRoutes, fillPath, takesJson } from '../../testing/route-probe.js';
import { CALLERS } from '../../testing/security-world.js';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestAccount, type TestContext } from '../../testing/test-context.js';

/** What an account that must enrol may still call: its own account set-up. */
const OPEN_BEFORE_ENROLMENT = ['GET /api/v1/auth/me', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password', 'POST /api/v1/auth/totp/enrol', 'POST /api/v1/auth/totp/confirm'];
const HEALTH_COLUMN = CALLERS.indexOf('health_official');

const square = (lon: number, lat: number, size = 0.005): Array<[number, number]> => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

describe.each(TEST_DIALECTS)('two-step verification required for a role (TOTP_REQUIRED_ROLES) on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let health: TestAccount;
  let official: TestAccount;
  let admin: TestAccount;
  let secret = '';
  let recoveryCodes: string[] = [];

  const get = (url: string, who?: SignedIn) => app.inject({ url, headers: who?.headers ?? {} });
  const post = (url: string, who: SignedIn, payload?: Record<string, unknown>) => app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });
  const codeAt = (offsetSteps = 0) => totpCode(base32Decode(secret), Math.floor(ctx.clock.now() / TOTP_STEP_MS) + offsetSteps);
  const loginWithCode = async (code: string): Promise<SignedIn> => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: health.username, password: health.password, code } });
    expect(response.statusCode).toBe(200);
    const cookie = `pd_session=${response.cookies.find((c) => c.name === 'pd_session')?.value}`;
    return { cookie, csrf: response.json().csrfToken, headers: { cookie, 'x-csrf-token': response.json().csrfToken } };
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { TOTP_REQUIRED_ROLES: 'health_official' });
    app = await createTestApp(ctx);
    health = await createTestAccount(ctx, 'health_official', { unitCode: '19' });
    official = await createTestAccount(ctx, 'official', { unitCode: '19' });
    admin = await createTestAccount(ctx, 'admin');
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('signs a health official in with the password alone, and says both at sign-in and in /auth/me that enrolment comes first', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: health.username, password: health.password } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ role: 'health_official', totpEnabled: false, totpRequired: true, totpEnrolmentRequired: true });
    const session = await signIn(app, health);
    const me = await get('/api/v1/auth/me', session);
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ totpEnabled: false, totpEnrolmentRequired: true });
  });

  it('answers every other route of the API with 403 totp_enrolment_required, and public routes as it would anyone', async () => {
    const session = await signIn(app, health);
    const routes = (await documentedRoutes(app)).filter((route) => route.key !== 'POST /api/v1/auth/logout');
    const failures: string[] = [];
    let restricted = 0;
    for (const route of routes) {
      const row = AUTHORIZATION_MATRIX[route.key]?.split(' ');
      if (!row) {
        failures.push(`${route.key}: no row in the authorisation matrix`);
        continue;
      }
      const json = takesJson(route);
      const response = await app.inject({
        method: route.method as 'GET',
        url: fillPath(route, {}, 'inside').url,
        headers: { ...session.headers, ...(json ? { 'content-type': 'application/json' } : {}) },
        ...(json ? { payload: '{}' } : {}),
      });
      const error = response.statusCode >= 400 ? (JSON.parse(response.body) as { error?: string }).error : undefined;
      const [anonymous, mine] = [row[0], row[HEALTH_COLUMN]];
      let expected: 'open' | 'unauthenticated' | 'forbidden' | 'totp_enrolment_required';
      if (OPEN_BEFORE_ENROLMENT.includes(route.key)) expected = 'open';
      else if (mine === 'U') expected = 'unauthenticated'; // other systems' routes, called with an API key
      // Refused to the role: by its declared access (forbidden, before the enrolment check: enrolling
      // would not help) or inside the route, which the enrolment check now stops first.
      else if (mine === 'F') expected = 'forbidden';
      else if (anonymous === 'A') expected = 'open'; // public: answered as to anyone without an account
      else expected = 'totp_enrolment_required';
      const ok = {
        open: response.statusCode !== 401 && response.statusCode !== 403,
        unauthenticated: response.statusCode === 401,
        forbidden: response.statusCode === 403 && (error === 'forbidden' || error === 'totp_enrolment_required'),
        totp_enrolment_required: response.statusCode === 403 && error === 'totp_enrolment_required',
      }[expected];
      if (!ok) failures.push(`${route.key}: expected ${expected}, got ${response.statusCode} ${error ?? ''}`);
      if (expected === 'totp_enrolment_required') restricted += 1;
    }
    expect(failures).toEqual([]);
    // Most of the API is behind the restriction (cases, contacts, places, reports…).
    expect(restricted).toBeGreaterThan(80);
    // Signing out stays open.
    expect((await post('/api/v1/auth/logout', session)).statusCode).toBe(204);
  });

  it('answers the public map as it would anyone: zones announced for later stay hidden until enrolment', async () => {
    const adminSession = await signIn(app, admin);
    const tomorrow = localDateOf(ctx.clock.now() + 86_400_000);
    const zone = await post('/api/v1/map/zones', adminSession, { name: 'Tổ 7 phường Bắc Kạn', kind: 'lockdown', startsOn: tomorrow, geometry: { type: 'Polygon', coordinates: [square(105.832, 22.145)] } });
    expect(zone.statusCode).toBe(201);
    const names = async (who?: SignedIn) => ((await get('/api/v1/map/zones', who)).json() as { items: Array<{ name: string }> }).items.map((z) => z.name);
    expect(await names(await signIn(app, official))).toContain('Tổ 7 phường Bắc Kạn');
    expect(await names()).not.toContain('Tổ 7 phường Bắc Kạn');
    expect(await names(await signIn(app, health))).not.toContain('Tổ 7 phường Bắc Kạn');
  });

  it('stays restricted while enrolment is only started, and opens everything once it is confirmed', async () => {
    const session = await signIn(app, health);
    const started = await post('/api/v1/auth/totp/enrol', session);
    expect(started.statusCode).toBe(200);
    ({ secret } = started.json());
    expect((await get('/api/v1/cases', session)).json().error).toBe('totp_enrolment_required');
    expect((await post('/api/v1/auth/totp/confirm', session, { code: '000000' })).json()).toMatchObject({ error: 'totp_invalid', field: 'code' });
    const confirmed = await post('/api/v1/auth/totp/confirm', session, { code: codeAt() });
    expect(confirmed.statusCode).toBe(200);
    recoveryCodes = confirmed.json().recoveryCodes;
    // The same session, at once: the cached account is not used any more.
    expect((await get('/api/v1/cases', session)).statusCode).toBe(200);
    expect((await get('/api/v1/auth/me', session)).json().user).toMatchObject({ totpEnabled: true, totpRequired: true, totpEnrolmentRequired: false });
    // The next sign-in asks for the code and opens everything.
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: health.username, password: health.password } })).json().error).toBe('totp_required');
    ctx.clock.advance(TOTP_STEP_MS);
    const next = await loginWithCode(codeAt());
    expect((await get('/api/v1/cases', next)).statusCode).toBe(200);
    expect((await get('/api/v1/places', next)).statusCode).toBe(200);
  });

  it('restricts again when the factor is turned off: after a lost phone, a recovery code signs in, and a new enrolment is the way back', async () => {
    const session = await loginWithCode(recoveryCodes[0] as string);
    expect((await post('/api/v1/auth/totp/disable', session, { password: health.password, code: recoveryCodes[1] as string })).statusCode).toBe(204);
    expect((await get('/api/v1/cases', session)).json().error).toBe('totp_enrolment_required');
    expect((await get('/api/v1/auth/me', session)).json().user).toMatchObject({ totpEnabled: false, totpEnrolmentRequired: true });
    // Nothing to turn off any more, and turning off is not part of enrolment.
    expect((await post('/api/v1/auth/totp/disable', session, { password: health.password, code: recoveryCodes[2] as string })).json().error).toBe('totp_enrolment_required');
    ({ secret } = (await post('/api/v1/auth/totp/enrol', session)).json());
    expect((await post('/api/v1/auth/totp/confirm', session, { code: codeAt() })).statusCode).toBe(200);
    expect((await get('/api/v1/cases', session)).statusCode).toBe(200);
  });

  it('leaves other roles and citizens alone', async () => {
    const officialSession = await signIn(app, official);
    expect((await get('/api/v1/auth/me', officialSession)).json().user).toMatchObject({ totpEnabled: false, totpRequired: false, totpEnrolmentRequired: false });
    expect((await get('/api/v1/places', officialSession)).statusCode).toBe(200);
    const adminSession = await signIn(app, admin);
    expect((await get('/api/v1/users', adminSession)).statusCode).toBe(200);
    const citizen = await signInCitizen(app, ctx, '0912345679');
    expect((await get('/api/v1/auth/me', citizen)).json().user).toMatchObject({ role: 'citizen', totpEnabled: false, totpRequired: false, totpEnrolmentRequired: false });
    expect((await get('/api/v1/places/mine', citizen)).statusCode).toBe(200);
  });
});

describe('TOTP_REQUIRED_ROLES at start', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

  it('refuses to start with a value that is not a staff role, naming it and the roles to choose from', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phongdich-test-'));
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
          cwd: root,
          env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', TOTP_REQUIRED_ROLES: 'health_official, doctor,citizen' },
          timeout: 30_000,
        });
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Invalid configuration');
      expect(result.stderr).toContain('TOTP_REQUIRED_ROLES: "doctor", "citizen" cannot be required to use two-step verification');
      expect(result.stderr).toContain('official, health_official, admin, place_owner, scanner_staff');
      // Refused before anything was set up.
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
