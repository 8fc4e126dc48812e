import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { checkExposure, decodeExportBin, deriveRpi, deriveRpik, readExportZip, toBase64, verifyExport, type TemporaryExposureKey } from '@phongdich/exposure';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';
import { certify, issueCode, phoneKeys, publish } from './exposure.testing.js';
import { exportIfDue, purgeExposure } from './export.service.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe.each(TEST_DIALECTS)('Bluetooth key export, download and shared matches on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let admin: SignedIn;
  let health: SignedIn;
  let caseId: string;
  let keys: TemporaryExposureKey[];
  let firstFile: string;
  const download = async (url: string) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(200);
    return response.rawPayload;
  };
  const exportInfo = async () => (await app.inject({ url: '/api/v1/exposure/exports' })).json();
  const index = async () => (await download((await exportInfo()).index)).toString().split('\n').filter(Boolean);
  const runExport = async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/exposure/exports/run', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    return response.json() as { files: string[]; keys: number; padded: number };
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { EXPOSURE_MIN_BATCH_KEYS: '50', EXPOSURE_SIGNING_KEY_DAYS: '2' });
    app = await createTestApp(ctx);
    admin = await signIn(app, await createTestAccount(ctx, 'admin'));
    health = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: health.headers,
      payload: { phone: '0966000001', fullName: 'Hoàng Thị Mai', communeCode: '01843', classification: 'confirmed', testDate: '2026-10-31', testResult: 'positive' },
    });
    caseId = created.json().id;
    keys = phoneKeys(ctx.clock.now(), [0, 1, 2, 3], 6);
    const proof = await certify(app, (await issueCode(app, health, { caseId, testType: 'confirmed' })).shortCode, keys);
    expect((await publish(app, keys, proof)).statusCode).toBe(200);
  });
  afterAll(async () => ctx.cleanup());

  it('exports expired keys at once, padded with random keys, sorted, signed with a published key', async () => {
    expect(await index()).toEqual([]);
    const run = await runExport();
    expect(run).toMatchObject({ keys: 3, padded: 47 });
    expect(await index()).toEqual(run.files);
    firstFile = run.files[0] ?? '';
    expect(firstFile).toMatch(/^VN\/\d+-\d+-00001\.zip$/);

    const info = await exportInfo();
    expect(info.signingKeys).toHaveLength(1);
    const zip = await download(`${info.filesBase}${firstFile}`);
    const { exportBin, exportSig } = readExportZip(zip);
    expect(verifyExport(exportBin, exportSig, info.signingKeys[0].publicKey)).toBe(true);
    const file = decodeExportBin(exportBin);
    expect(file).toMatchObject({ region: 'VN', batchNum: 1, batchSize: 1, signatureInfos: [{ verificationKeyId: 'VN', verificationKeyVersion: 'v1', signatureAlgorithm: '1.2.840.10045.4.3.2' }] });
    expect(file.keys).toHaveLength(50);
    const hex = file.keys.map((k) => Buffer.from(k.keyData).toString('hex'));
    expect(hex).toEqual([...hex].sort());
    const published = file.keys.filter((k) => keys.some((mine) => Buffer.from(mine.keyData).equals(Buffer.from(k.keyData))));
    // Today's key is still being broadcast: held back.
    expect(published.map((k) => k.rollingStartIntervalNumber).sort()).toEqual(keys.slice(1).map((k) => k.rollingStartIntervalNumber).sort());
    // Test on 2026-10-31, no onset: days since onset counted from the test.
    expect(published.find((k) => k.rollingStartIntervalNumber === keys[1]?.rollingStartIntervalNumber)).toMatchObject({ reportType: 1, transmissionRiskLevel: 6, daysSinceOnsetOfSymptoms: 0 });
    expect(new Set(file.keys.map((k) => k.rollingStartIntervalNumber)).size).toBeLessThanOrEqual(3);

    const tampered = Uint8Array.from(exportBin);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(verifyExport(tampered, exportSig, info.signingKeys[0].publicKey)).toBe(false);
    expect((await app.inject({ url: '/exposure/VN/../keys/keyring.json' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/exposure/XX/index.txt' })).statusCode).toBe(404);
  });

  it('serves the files from a process that did not write them (another server of a cluster, or a lost directory)', async () => {
    const written = await download(`/exposure/${firstFile}`);
    fs.rmSync(path.join(ctx.config.dataDir, 'exposure'), { recursive: true, force: true });
    expect(await index()).toEqual([firstFile]);
    expect(Buffer.compare(await download(`/exposure/${firstFile}`), written)).toBe(0);
    // Written back, so the next request is a plain file read.
    expect(fs.existsSync(path.join(ctx.config.dataDir, 'exposure', firstFile))).toBe(true);
    expect((await app.inject({ url: '/exposure/VN/1-2-00001.zip' })).statusCode).toBe(404);
  });

  it('refuses an export to anyone but an administrator, and has nothing new to export right after one', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/exposure/exports/run', headers: health.headers })).statusCode).toBe(403);
    expect(await runExport()).toEqual({ files: [], keys: 0, padded: 0 });
    expect(await exportIfDue(ctx)).toBeNull();
  });

  it('finds the match on the other phone from the downloaded files', async () => {
    const met = keys[1] as TemporaryExposureKey;
    const interval = met.rollingStartIntervalNumber + 60;
    const heard = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((m) => ({ id: deriveRpi(deriveRpik(met.keyData), interval + Math.floor(m / 10)), seenAt: interval * 600_000 + m * MINUTE, rssi: -55, attenuation: 55 }));
    const zips = await Promise.all((await index()).map((f) => download(`/exposure/${f}`)));
    const result = checkExposure(heard, zips, { nowMs: ctx.clock.now(), publicKey: (await exportInfo()).signingKeys[0].publicKey });
    expect(result.days).toHaveLength(1);
    expect(result.days[0]).toMatchObject({ date: new Date(interval * 600_000).toISOString().slice(0, 10), level: 'high' });
  });

  it('publishes today’s key after its embargo, with the next scheduled export', async () => {
    ctx.clock.set(((keys[0]?.rollingStartIntervalNumber ?? 0) + 144) * 600_000 + 2 * 60 * MINUTE);
    admin = await signIn(app, await createTestAccount(ctx, 'admin'));
    const run = await exportIfDue(ctx);
    expect(run).toMatchObject({ keys: 1, padded: 49 });
    expect(await index()).toEqual([firstFile, ...(run?.files ?? [])]);
    const second = decodeExportBin(readExportZip(await download(`/exposure/${run?.files[0]}`)).exportBin);
    expect(second.startTimestamp).toBe(decodeExportBin(readExportZip(await download(`/exposure/${firstFile}`)).exportBin).endTimestamp);
  });

  it('lets a person share a match: they become a Bluetooth contact of the case', async () => {
    health = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    const citizen = await signInCitizen(app, ctx, '0966000002');
    const met = keys[1] as TemporaryExposureKey;
    const windowStart = met.rollingStartIntervalNumber * 600_000 + 10 * 3_600_000;
    const share = { keys: [{ key: toBase64(met.keyData), rollingStartNumber: met.rollingStartIntervalNumber }], exposureDate: new Date(windowStart).toISOString().slice(0, 10), windowStart, windowEnd: windowStart + 20 * MINUTE, weightedMinutes: 16, level: 'high' };
    const shared = await app.inject({ method: 'POST', url: '/api/v1/exposure/shares', headers: citizen.headers, payload: share });
    expect(shared.statusCode).toBe(201);
    expect(shared.json()).toEqual({ shared: 1, linkedToCase: true });
    const again = await app.inject({ method: 'POST', url: '/api/v1/exposure/shares', headers: citizen.headers, payload: share });
    expect(again.json()).toEqual({ shared: 1, linkedToCase: true });
    const contacts = (await app.inject({ url: `/api/v1/cases/${caseId}/contacts`, headers: health.headers })).json().items;
    expect(contacts.filter((c: { personId: string }) => c.personId === citizen.userId)).toMatchObject([{ sources: ['bluetooth'], generation: 1, exposureMinutes: 16, windowStart }]);

    const unknown = await app.inject({ method: 'POST', url: '/api/v1/exposure/shares', headers: citizen.headers, payload: { ...share, keys: [{ key: toBase64(new Uint8Array(16)), rollingStartNumber: 1 }] } });
    expect(unknown.json()).toMatchObject({ error: 'exposure_key_not_published' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/exposure/shares', payload: share })).statusCode).toBe(401);
  });

  it('rotates the export signing key and keeps the old public key while its files are served', async () => {
    ctx.clock.advance(2 * DAY);
    admin = await signIn(app, await createTestAccount(ctx, 'admin'));
    const fresh = phoneKeys(ctx.clock.now(), [1]);
    health = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    await publish(app, fresh, await certify(app, (await issueCode(app, health, { testType: 'likely' })).shortCode, fresh));
    const run = await runExport();
    const info = await exportInfo();
    expect(info.signingKeys.map((k: { verificationKeyVersion: string; retiredAt: number | null }) => [k.verificationKeyVersion, k.retiredAt === null])).toEqual([['v1', false], ['v2', true]]);
    const { exportBin, exportSig } = readExportZip(await download(`/exposure/${run.files[0]}`));
    expect(decodeExportBin(exportBin).signatureInfos[0]?.verificationKeyVersion).toBe('v2');
    expect(verifyExport(exportBin, exportSig, info.signingKeys[1].publicKey)).toBe(true);
    expect(verifyExport(exportBin, exportSig, info.signingKeys[0].publicKey)).toBe(false);
    const stored = await ctx.db.selectFrom('exposure_signing_keys').selectAll().where('purpose', '=', 'export').orderBy('version').execute();
    expect(stored.map((k) => k.private_key_enc === null)).toEqual([true, false]);
    expect(JSON.stringify(stored)).not.toMatch(/PRIVATE KEY/);
  });

  it('deletes keys, files and shares after 14 days', async () => {
    ctx.clock.advance(16 * DAY);
    const removed = await purgeExposure(ctx);
    expect(removed).toBe(3);
    expect(await index()).toEqual([]);
    expect(fs.readdirSync(path.join(ctx.config.dataDir, 'exposure', 'VN')).filter((f) => f.endsWith('.zip'))).toEqual([]);
    expect(await ctx.db.selectFrom('exposure_keys').selectAll().execute()).toEqual([]);
    expect(await ctx.db.selectFrom('exposure_shares').selectAll().execute()).toEqual([]);
    expect((await exportInfo()).signingKeys.map((k: { verificationKeyVersion: string }) => k.verificationKeyVersion)).toEqual(['v2']);
  });
});
