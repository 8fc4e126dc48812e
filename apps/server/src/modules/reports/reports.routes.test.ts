import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { localDateOf } from '@phongdich/core';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';
import { addDays } from './period.js';
import { rollUpVisits } from './rollup.js';

type Place = { id: string; points: Array<{ url: string }> };

describe.each(TEST_DIALECTS)('reports on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let province: SignedIn;
  let commune: SignedIn;
  const places: Place[] = [];
  let today: string;

  const get = (url: string, who: SignedIn) => app.inject({ url, headers: who.headers });
  const post = (url: string, who: SignedIn, payload: unknown) => app.inject({ method: 'POST', url, headers: who.headers, payload: payload as Record<string, unknown> });
  const scan = (who: SignedIn, place: Place) => post('/api/v1/scans', who, { clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now(), token: place.points[0]?.url.split('/q/')[1] });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    province = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    const communeAccount = await createTestAccount(ctx, 'official', { unitCode: '01843' });
    for (const [i, name] of ['Chợ Phường Bắc Kạn', 'Trường Tiểu học Bắc Kạn', 'Tiệm thuốc Hà Linh'].entries()) {
      const response = await post('/api/v1/places', province, { name, type: i === 1 ? 'school' : 'market', sector: i === 1 ? 'education' : 'industry_trade', communeCode: '01843', streetAddress: `Số ${i}`, location: { lat: 22.1468 + i * 0.001, lon: 105.8346 }, contactName: 'Quản lý', contactPhone: '0912000000', ownerPhone: `095600000${i}`, points: ['Cổng'] });
      places.push(response.json());
    }
    await post('/api/v1/targets', province, { name: 'Chợ Phường Bắc Kạn', type: 'market', sector: 'industry_trade', communeCode: '01843' });
    await post('/api/v1/targets', province, { name: 'Nhà văn hóa tổ 7', type: 'other', sector: 'culture_sports_tourism', communeCode: '01843' });
    const visitors = [await signInCitizen(app, ctx, '0956100001'), await signInCitizen(app, ctx, '0956100002')];
    // Two days of scans at the market and the school; the pharmacy never scanned.
    for (let day = 0; day < 2; day++) {
      for (const visitor of visitors) {
        await scan(visitor, places[0] as Place);
        await scan(visitor, places[0] as Place);
      }
      await scan(visitors[0] as SignedIn, places[1] as Place);
      await scan(visitors[0] as SignedIn, places[1] as Place);
      ctx.clock.advance(86_400_000);
    }
    expect(await rollUpVisits(ctx)).toBe(6);
    expect(await rollUpVisits(ctx)).toBe(0);
    today = localDateOf(ctx.clock.now());
    province = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    commune = await signIn(app, communeAccount);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('the province report has a row per commune and a total, from the roll-ups', async () => {
    const report = (await get(`/api/v1/reports/deployment?from=${addDays(today, -6)}&to=${today}`, province)).json();
    expect(report.unit).toMatchObject({ code: '19', tier: 'province' });
    const row = report.rows.find((r: { code: string }) => r.code === '01843');
    expect(row).toMatchObject({ required: 2, registeredOfRequired: 1, shareRegistered: 0.5, registered: 3, active7d: 2, neverScanned: 1 });
    expect(row.scansPerDay).toBeCloseTo(6 / 7, 1);
    expect(report.total).toMatchObject({ registered: 3, active7d: 2, required: 2 });
    expect(report.rows.length).toBeGreaterThan(50);
    expect(report.bySector.find((b: { key: string }) => b.key === 'education')).toMatchObject({ registered: 1, active7d: 1 });
    const own = (await get(`/api/v1/reports/deployment?from=${today}&to=${today}`, commune)).json();
    expect(own.unit.code).toBe('01843');
    expect(own.places.find((p: { name: string }) => p.name === 'Chợ Phường Bắc Kạn')).toMatchObject({ required: true, active7d: true, lastScanDate: addDays(today, -1) });
  });

  it('refuses reversed or overlong periods and other units, naming the field', async () => {
    expect((await get(`/api/v1/reports/deployment?from=${today}&to=${addDays(today, -1)}`, province)).json()).toMatchObject({ error: 'period_reversed', field: 'to' });
    expect((await get(`/api/v1/reports/deployment?from=${addDays(today, -400)}&to=${today}`, province)).json()).toMatchObject({ error: 'period_too_long', field: 'from' });
    expect((await get(`/api/v1/reports/deployment?unit=01840&from=${today}&to=${today}`, commune)).statusCode).toBe(403);
    expect((await get(`/api/v1/reports/deployment?from=2026-13-01&to=${today}`, province)).statusCode).toBe(400);
  });

  it('lists the places to remind and sends their owners one SMS a day', async () => {
    const lagging = (await get(`/api/v1/reports/lagging?to=${today}`, commune)).json();
    expect(lagging.places).toEqual([expect.objectContaining({ name: 'Tiệm thuốc Hà Linh', reason: 'never', ownerCount: 1 })]);
    const ids = lagging.places.map((p: { id: string }) => p.id);
    expect((await post('/api/v1/reports/reminders', commune, { placeIds: ids })).json()).toEqual({ queued: 1 });
    expect((await post('/api/v1/reports/reminders', commune, { placeIds: ids })).json()).toEqual({ queued: 0 });
    expect(await ctx.db.selectFrom('outbox').select('id').where('template', '=', 'place_reminder').execute()).toHaveLength(1);
  });

  it('exports the report as XLSX with Vietnamese headings and a totals row', async () => {
    const response = await get(`/api/v1/reports/deployment.xlsx?from=${addDays(today, -6)}&to=${today}`, province);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Triển khai');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Đơn vị');
    const last = sheet?.getRow(sheet.rowCount);
    expect(last?.getCell(1).value).toBe('Tổng cộng Tỉnh Thái Nguyên');
    expect(last?.getCell(5).value).toBe(3);
    expect(book.getWorksheet('Kỳ báo cáo')?.getRow(1).getCell(2).value).toContain('đến ngày');
    const csv = await get(`/api/v1/reports/deployment.csv?from=${today}&to=${today}`, commune);
    expect(csv.body.startsWith('\uFEFFĐơn vị')).toBe(true);
  });

  it('writes any report table shown on screen as XLSX, and refuses what is not a table', async () => {
    const table = { fileName: 'bao-cao-nguoi-dan-su-dung-01843', title: ['Người dân sử dụng – Phường Bắc Kạn', 'Kỳ báo cáo: 01/11/2026 – 07/11/2026'], headings: ['Đơn vị', 'Dân số', 'Tờ khai y tế'], rows: [['Phường Bắc Kạn', 12000, 35], ['Tổng cộng', 12000, 35]] };
    const response = await post('/api/v1/reports/sheet', commune, table);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('bao-cao-nguoi-dan-su-dung-01843.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Đơn vị', 'Dân số', 'Tờ khai y tế']);
    expect(sheet?.getRow(3).values).toEqual([undefined, 'Tổng cộng', 12000, 35]);
    expect(book.getWorksheet('Kỳ báo cáo')?.getRow(1).getCell(1).value).toBe(table.title[0]);
    expect((await post('/api/v1/reports/sheet', commune, { ...table, fileName: '../x' })).statusCode).toBe(400);
    expect((await post('/api/v1/reports/sheet', commune, { ...table, headings: [] })).statusCode).toBe(400);
    const citizen = await signInCitizen(app, ctx, '0956100009');
    expect((await post('/api/v1/reports/sheet', citizen, table)).statusCode).toBe(403);
  });

  it('a commune submits, a second time only with a reason; the province sees completeness', async () => {
    const period = { unit: '01843', from: addDays(today, -6), to: today };
    const first = await post('/api/v1/reports/submissions', commune, period);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, late: false, snapshot: { total: { registered: 3 } } });
    expect((await post('/api/v1/reports/submissions', commune, period)).json()).toMatchObject({ error: 'submission_exists', field: 'reason' });
    expect((await post('/api/v1/reports/submissions', commune, { ...period, reason: 'Bổ sung địa điểm mới đăng ký' })).json()).toMatchObject({ version: 2 });
    expect((await post('/api/v1/reports/submissions', commune, { ...period, unit: '01840' })).statusCode).toBe(403);
    const status = (await get(`/api/v1/reports/submissions?from=${period.from}&to=${period.to}`, province)).json();
    expect(status.children.find((c: { code: string }) => c.code === '01843')).toMatchObject({ status: 'submitted', submission: { version: 2 } });
    expect(status.children.find((c: { code: string }) => c.code === '01840')).toMatchObject({ status: 'missing', submission: null });
    expect(status.completeness).toEqual({ submitted: 1, total: status.children.length });
    const consolidated = await post('/api/v1/reports/submissions', province, { ...period, unit: '19' });
    expect(consolidated.statusCode).toBe(201);
    expect(consolidated.json().snapshot.children).toContainEqual({ code: '01843', name: 'Phường Bắc Kạn', status: 'submitted', submissionId: expect.any(String) });
  });

  it('reports adoption, the epidemic curve and the dashboard trend', async () => {
    await post('/api/v1/cases', province, { phone: '0956200001', fullName: 'Ca bệnh', communeCode: '01843', classification: 'confirmed', onsetDate: addDays(today, -2) });
    const epidemic = (await get(`/api/v1/reports/epidemic?from=${addDays(today, -6)}&to=${today}`, province)).json();
    expect(epidemic.curve.find((p: { date: string }) => p.date === addDays(today, -2))).toMatchObject({ byOnset: 1 });
    expect(epidemic.curve.find((p: { date: string }) => p.date === today)).toMatchObject({ byReport: 1 });
    expect(epidemic.rows.find((r: { code: string }) => r.code === '01843')).toMatchObject({ cases: 1, activeCases: 1 });
    const adoption = (await get(`/api/v1/reports/adoption?from=${addDays(today, -6)}&to=${today}`, province)).json();
    expect(adoption.total).toMatchObject({ citizens: 0, declarations: 0 });
    const series = (await get('/api/v1/reports/trend?days=7', commune)).json().series;
    expect(series).toHaveLength(7);
    expect(series.find((p: { date: string }) => p.date === addDays(today, -2))).toMatchObject({ scans: 3, activePlaces: 2 });
  });

  it('counts contacts not reached per unit, and shows the indicators of the unit viewed', async () => {
    // The first visitor tests positive: the second, with them at the market, is an F1 in the commune of the market.
    const registered = await post('/api/v1/cases', province, { phone: '0956100001', fullName: 'Ca bệnh hai', communeCode: '01843', classification: 'confirmed', onsetDate: addDays(today, -1) });
    expect(registered.statusCode).toBe(201);
    // Nobody reaches the contact for three days.
    ctx.clock.advance(3 * 86_400_000);
    const later = addDays(today, 3);
    const officialNow = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    const epidemic = (await get(`/api/v1/reports/epidemic?from=${addDays(later, -6)}&to=${later}`, officialNow)).json();
    expect(epidemic.rows.find((r: { code: string }) => r.code === '01843').contactsNotReached).toBeGreaterThanOrEqual(1);
    expect(epidemic.indicators.contactsNotReached).toBe(epidemic.rows.reduce((n: number, r: { contactsNotReached: number }) => n + r.contactsNotReached, 0));
    expect(epidemic.indicators.activeCases).toBe(2);
    const elsewhere = (await get(`/api/v1/reports/epidemic?unit=01840&from=${addDays(later, -6)}&to=${later}`, officialNow)).json();
    expect(elsewhere.indicators).toMatchObject({ activeCases: 0, contactsNotReached: 0 });
  });
});
