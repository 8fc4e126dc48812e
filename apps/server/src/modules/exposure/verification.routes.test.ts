import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';
import { certify, issueCode, phoneKeys, publish, wireKeys } from './exposure.testing.js';

const MINUTE = 60_000;

describe.each(TEST_DIALECTS)('Bluetooth verification codes and key upload on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let health: SignedIn;
  let healthAccount: Awaited<ReturnType<typeof createTestAccount>>;
  let caseId: string;
  const keyCount = async () => Number((await ctx.db.selectFrom('exposure_keys').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const newCode = async () => (await issueCode(app, health, { caseId, testType: 'confirmed' })).shortCode;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    healthAccount = await createTestAccount(ctx, 'health_official', { unitCode: '19' });
    health = await signIn(app, healthAccount);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: health.headers,
      payload: { phone: '0955000001', fullName: 'Đặng Văn Lâm', communeCode: '01843', classification: 'confirmed', onsetDate: '2026-10-30', testDate: '2026-10-31', testResult: 'positive' },
    });
    expect(created.statusCode).toBe(201);
    caseId = created.json().id;
  });
  afterAll(async () => ctx.cleanup());

  it('issues codes to health officials only, shows them once and keeps only their hashes', async () => {
    const issued = await issueCode(app, health, { caseId, testType: 'confirmed' });
    expect(issued.shortCode).toMatch(/^\d{8}$/);
    expect(issued.longCode).toMatch(/^[a-z2-9]{16}$/);
    expect(issued).toMatchObject({ caseCode: 'BN-00001', shortExpiresAt: ctx.clock.now() + 15 * MINUTE, longExpiresAt: ctx.clock.now() + 24 * 60 * MINUTE });
    const stored = JSON.stringify(await ctx.db.selectFrom('exposure_codes').selectAll().execute());
    expect(stored).not.toContain(issued.shortCode);
    expect(stored).not.toContain(issued.longCode);
    const listed = await app.inject({ url: '/api/v1/exposure/codes', headers: health.headers });
    expect(listed.json().items[0]).toMatchObject({ id: issued.id, caseCode: 'BN-00001', state: 'unused' });
    expect(listed.body).not.toContain(issued.shortCode);

    const citizen = await signInCitizen(app, ctx, '0955000009');
    const refused = await app.inject({ method: 'POST', url: '/api/v1/exposure/codes', headers: citizen.headers, payload: { testType: 'confirmed' } });
    expect(refused.statusCode).toBe(403);
    const commune = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '01849' }));
    const outside = await app.inject({ method: 'POST', url: '/api/v1/exposure/codes', headers: commune.headers, payload: { caseId, testType: 'confirmed' } });
    expect(outside.json()).toMatchObject({ error: 'out_of_scope' });
  });

  it('exchanges a code for a token once, asking for keys from two days before onset', async () => {
    const code = await newCode();
    const first = await app.inject({ method: 'POST', url: '/api/v1/exposure/verify', payload: { code: `${code.slice(0, 4)} ${code.slice(4)}` } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ testType: 'confirmed', symptomDate: '2026-10-30', testDate: '2026-10-31', keysFrom: '2026-10-28' });
    const again = await app.inject({ method: 'POST', url: '/api/v1/exposure/verify', payload: { code } });
    expect(again.json()).toMatchObject({ error: 'exposure_code_used', field: 'code' });
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/exposure/verify', payload: { code: code === '00000000' ? '00000001' : '00000000' } });
    expect(wrong.json()).toMatchObject({ error: 'exposure_code_invalid' });
  });

  it('lets the 8-digit code expire after 15 minutes and the link code after 24 hours', async () => {
    const issued = await issueCode(app, health, { testType: 'likely' });
    ctx.clock.advance(15 * MINUTE);
    const late = await app.inject({ method: 'POST', url: '/api/v1/exposure/verify', payload: { code: issued.shortCode } });
    expect(late.statusCode).toBe(410);
    expect(late.json().error).toBe('exposure_code_expired');
    const link = await app.inject({ method: 'POST', url: '/api/v1/exposure/verify', payload: { code: issued.longCode.toUpperCase() } });
    expect(link.json()).toMatchObject({ testType: 'likely', symptomDate: null });

    const other = await issueCode(app, health, { testType: 'confirmed' });
    ctx.clock.advance(24 * 60 * MINUTE);
    expect((await app.inject({ method: 'POST', url: '/api/v1/exposure/verify', payload: { code: other.longCode } })).json().error).toBe('exposure_code_expired');
    health = await signIn(app, healthAccount);
  });

  it('issues one certificate per token, then publishes the keys it covers and embargoes today’s', async () => {
    const keys = phoneKeys(ctx.clock.now(), [0, 1, 2, 3]);
    const proof = await certify(app, await newCode(), keys);
    const reused = await app.inject({ method: 'POST', url: '/api/v1/exposure/certificate', payload: { token: proof.verified.token, ekeyhmac: 'A'.repeat(44) } });
    expect(reused.json()).toMatchObject({ error: 'exposure_token_invalid' });

    const before = await keyCount();
    const published = await publish(app, keys, proof);
    expect(published.statusCode).toBe(200);
    const today = keys[0]?.rollingStartIntervalNumber ?? 0;
    expect(published.json()).toEqual({ insertedExposures: 4, embargoedUntil: (today + 144) * 600_000 + 2 * 60 * MINUTE });
    expect(await keyCount()).toBe(before + 4);
    const stored = await ctx.db.selectFrom('exposure_keys').selectAll().where('rolling_start', '=', today).execute();
    expect(stored.find((k) => k.case_ref)).toBeDefined();
    expect(stored[0]).toMatchObject({ report_type: 1, publish_after: (today + 144) * 600_000 + 2 * 60 * MINUTE });

    // A retry (the network dropped the answer) changes nothing and answers the same.
    const retry = await publish(app, keys, proof);
    expect(retry.json()).toEqual(published.json());
    expect(await keyCount()).toBe(before + 4);
  });

  it.each([
    ['a key of 15 bytes', (k: ReturnType<typeof phoneKeys>) => [{ ...k[0], keyData: k[0]?.keyData.slice(0, 15) }, k[1]], 'exposure_key_invalid', 'temporaryExposureKeys.0.key'],
    ['a rolling period of 0', (k: ReturnType<typeof phoneKeys>) => [k[0], { ...k[1], rollingPeriod: 0 }], 'exposure_key_invalid', 'temporaryExposureKeys.1.rollingPeriod'],
    ['a rolling period of 145', (k: ReturnType<typeof phoneKeys>) => [{ ...k[0], rollingPeriod: 145 }, k[1]], 'exposure_key_invalid', 'temporaryExposureKeys.0.rollingPeriod'],
    ['a key from tomorrow', (k: ReturnType<typeof phoneKeys>) => [k[0], { ...k[1], rollingStartIntervalNumber: (k[1]?.rollingStartIntervalNumber ?? 0) + 3 * 144 }], 'exposure_key_invalid', 'temporaryExposureKeys.1.rollingStartNumber'],
    ['a key 15 days old', (k: ReturnType<typeof phoneKeys>) => [k[0], { ...k[1], rollingStartIntervalNumber: (k[1]?.rollingStartIntervalNumber ?? 0) - 14 * 144 }], 'exposure_key_invalid', 'temporaryExposureKeys.1.rollingStartNumber'],
    ['the same key twice', (k: ReturnType<typeof phoneKeys>) => [k[0], { ...k[1], keyData: k[0]?.keyData }], 'exposure_key_duplicate', 'temporaryExposureKeys.1.key'],
    ['two keys for one day', (k: ReturnType<typeof phoneKeys>) => [k[0], { ...k[1], rollingStartIntervalNumber: k[0]?.rollingStartIntervalNumber }], 'exposure_key_duplicate', 'temporaryExposureKeys.1.rollingStartNumber'],
    ['31 keys', () => phoneKeys(ctx.clock.now(), Array.from({ length: 31 }, (_, i) => i % 14)), 'exposure_too_many_keys', 'temporaryExposureKeys'],
  ])('refuses %s and publishes nothing', async (_name, change, error, field) => {
    const keys = change(phoneKeys(ctx.clock.now(), [1, 2])) as ReturnType<typeof phoneKeys>;
    const proof = await certify(app, await newCode(), keys);
    const before = await keyCount();
    const response = await publish(app, keys, proof);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error, field });
    expect(await keyCount()).toBe(before);
  });

  it('refuses keys that are not the ones certified, a forged or expired certificate, and stores nothing', async () => {
    const keys = phoneKeys(ctx.clock.now(), [1, 2]);
    const proof = await certify(app, await newCode(), keys);
    const before = await keyCount();
    const swapped = phoneKeys(ctx.clock.now(), [1, 2]);
    expect((await publish(app, swapped, proof)).json()).toMatchObject({ error: 'exposure_hmac_mismatch' });
    const [header, payload, signature] = proof.verificationPayload.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, reportType: 'likely' })).toString('base64url')}.${signature}`;
    expect((await publish(app, keys, { ...proof, verificationPayload: forged })).json()).toMatchObject({ error: 'exposure_certificate_invalid', field: 'verificationPayload' });
    expect((await publish(app, keys, { ...proof, verificationPayload: 'not.a.certificate.from.this-server' })).json()).toMatchObject({ error: 'exposure_certificate_invalid' });
    ctx.clock.advance(16 * MINUTE);
    expect((await publish(app, keys, proof)).json()).toMatchObject({ error: 'exposure_certificate_invalid' });
    expect(await keyCount()).toBe(before);
  });

  it('answers decoy requests (X-Chaff) like real ones and does nothing', async () => {
    const codes = await ctx.db.selectFrom('exposure_codes').select('used_at').execute();
    const before = await keyCount();
    const verify = await app.inject({ method: 'POST', url: '/api/v1/exposure/verify', headers: { 'x-chaff': '1' }, payload: { code: '00000000', padding: 'x'.repeat(100) } });
    expect(verify.statusCode).toBe(200);
    expect(Object.keys(verify.json()).sort()).toEqual(['expiresAt', 'keysFrom', 'symptomDate', 'testDate', 'testType', 'token']);
    expect(verify.json().token).toHaveLength(43);
    const certificate = await app.inject({ method: 'POST', url: '/api/v1/exposure/certificate', headers: { 'x-chaff': '1' }, payload: { token: 'x', ekeyhmac: 'y' } });
    expect(certificate.json().certificate.split('.')).toHaveLength(3);
    const keys = phoneKeys(ctx.clock.now(), [1, 2, 3]);
    const published = await app.inject({ method: 'POST', url: '/api/v1/exposure/publish', headers: { 'x-chaff': '1' }, payload: { temporaryExposureKeys: wireKeys(keys), hmacKey: 'AAAA', verificationPayload: 'decoy' } });
    expect(published.json()).toEqual({ insertedExposures: 3, embargoedUntil: null });
    // The app's own decoy carries no keys: it is answered like a typical upload, today's key held back.
    const decoy = await app.inject({ method: 'POST', url: '/api/v1/exposure/publish', headers: { 'x-chaff': '1' }, payload: { temporaryExposureKeys: [], hmacKey: '', verificationPayload: '', padding: 'x'.repeat(100) } });
    const endOfToday = (Math.floor(ctx.clock.now() / 86_400_000) + 1) * 86_400_000;
    expect(decoy.json()).toEqual({ insertedExposures: 14, embargoedUntil: endOfToday + 2 * 3_600_000 });
    expect(await keyCount()).toBe(before);
    expect(await ctx.db.selectFrom('exposure_codes').select('used_at').execute()).toEqual(codes);
  });
});
