import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';
import { JOBS } from '../../jobs/runner.js';
import { domesticDeclaration } from '../../testing/declarations.js';

describe.each(TEST_DIALECTS)('citizen data export, account deletion and retention on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let official: SignedIn;
  let lan: SignedIn & { userId: string };
  let minh: SignedIn & { userId: string };
  let place: { id: string; points: Array<{ url: string }> };

  const send = (who: SignedIn, method: string, url: string, payload?: unknown) => app.inject({ method: method as 'POST', url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const storeEverything = async (who: SignedIn, name: string, phone: string) => {
    expect((await send(who, 'POST', '/api/v1/scans', { clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now(), token: place.points[0]?.url.split('/q/')[1] })).statusCode).toBe(200);
    expect((await send(who, 'POST', '/api/v1/declarations', { clientEventId: crypto.randomUUID(), declaration: domesticDeclaration({ fullName: name, phone, idNumber: `006190${phone.slice(-6)}` }) })).statusCode).toBe(201);
    expect((await send(who, 'POST', '/api/v1/family', { name: `Con của ${name}`, relation: 'child', birthYear: 2016 })).statusCode).toBe(201);
    expect((await send(who, 'POST', '/api/v1/reports', { kind: 'other', description: `Báo cáo của ${name}`, communeCode: '01843' })).statusCode).toBe(201);
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    official = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01843' }));
    const created = await send(official, 'POST', '/api/v1/places', { name: 'Chợ Bắc Kạn', type: 'market', sector: 'industry_trade', communeCode: '01843', streetAddress: 'Trung tâm', contactName: 'Ban quản lý', contactPhone: '0912000000', points: ['Cổng chính'] });
    place = created.json();
    lan = await signInCitizen(app, ctx, '0912345001');
    minh = await signInCitizen(app, ctx, '0912345002');
    await storeEverything(lan, 'Nguyễn Thị Lan', '0912345001');
    await storeEverything(minh, 'Trần Văn Minh', '0912345002');
    // An official opens Lan's declarations: the read is audited, and Lan's export says so.
    expect((await send(official, 'GET', '/api/v1/declarations')).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('exports everything stored about the citizen and the family, opened, and nothing about anybody else', async () => {
    const response = await send(lan, 'GET', '/api/v1/me/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json();
    expect(data.account).toMatchObject({ id: lan.userId, phone: '+84912345001', role: 'citizen' });
    expect(data.family).toHaveLength(1);
    expect(data.visits).toMatchObject([{ placeName: 'Chợ Bắc Kạn', pointLabel: 'Cổng chính' }]);
    expect(data.declarations).toHaveLength(1);
    expect(data.declarations[0].record.person.fullName).toBe('Nguyễn Thị Lan');
    expect(data.reports).toMatchObject([{ description: 'Báo cáo của Nguyễn Thị Lan' }]);
    expect(data.readsByOfficials.length).toBeGreaterThan(0);
    expect(data.readsByOfficials[0]).toMatchObject({ actorRole: 'official' });
    expect(response.body).not.toContain('Minh');
    expect(response.body).not.toContain('912345002');
  });

  it('deletes the account, the family members and what they stored, and nothing of anybody else', async () => {
    expect((await send(official, 'DELETE', '/api/v1/me')).statusCode).toBe(403);
    const family = (await ctx.db.selectFrom('users').select('id').where('guardian_id', '=', lan.userId).execute()).map((r) => r.id);
    const people = [lan.userId, ...family];
    const response = await send(lan, 'DELETE', '/api/v1/me');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accounts: 2, visits: 1, declarations: 1, reports: 1, keptForFollowUp: { openCases: 0, followedContacts: 0 } });
    expect((await send(lan, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const left = async (table: 'users' | 'visits' | 'declarations' | 'personal_qr' | 'sessions' | 'citizen_reports' | 'scan_receipts', column: string) =>
      Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where(column as 'id', 'in', people).executeTakeFirstOrThrow()).n);
    expect(await left('users', 'id')).toBe(0);
    expect(await left('sessions', 'user_id')).toBe(0);
    expect(await left('visits', 'person_id')).toBe(0);
    expect(await left('scan_receipts', 'actor_id')).toBe(0);
    expect(await left('declarations', 'subject_id')).toBe(0);
    expect(await left('personal_qr', 'user_id')).toBe(0);
    expect(await left('citizen_reports', 'reporter_id')).toBe(0);
    // Minh is untouched.
    const minhData = (await send(minh, 'GET', '/api/v1/me/export')).json();
    expect([minhData.visits.length, minhData.declarations.length, minhData.family.length, minhData.reports.length]).toEqual([1, 1, 1, 1]);
    // Signing in again with the same phone makes a new, empty account.
    const again = await signInCitizen(app, ctx, '0912345001');
    expect(again.userId).not.toBe(lan.userId);
    expect((await send(again, 'GET', '/api/v1/me/export')).json()).toMatchObject({ visits: [], declarations: [], family: [] });
  });

  it('runs a retention job for visits, declarations, Bluetooth keys, messages, cases and audit reads', async () => {
    const names = JOBS.map((j) => j.name);
    expect(names).toEqual(expect.arrayContaining(['visits.retention', 'declarations.retention', 'exposure.retention', 'outbox.retention', 'cases.retention', 'audit.retention']));
    const run = async (name: string) => JOBS.find((j) => j.name === name)?.run(ctx);
    const count = async (table: 'declarations' | 'outbox' | 'visits') => Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await ctx.db.updateTable('outbox').set({ status: 'sent' }).execute();
    ctx.clock.advance(20 * 86_400_000);
    for (const name of ['visits.retention', 'declarations.retention', 'outbox.retention']) await run(name);
    expect(await count('declarations')).toBe(1);
    expect(await count('visits')).toBe(1);
    ctx.clock.advance(2 * 86_400_000);
    for (const name of ['visits.retention', 'declarations.retention']) await run(name);
    expect(await count('declarations')).toBe(0);
    expect(await count('visits')).toBe(0);
    expect(await count('outbox')).toBeGreaterThan(0);
    ctx.clock.advance(9 * 86_400_000);
    await run('outbox.retention');
    expect(await count('outbox')).toBe(0);
  });
});
