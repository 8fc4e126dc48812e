import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { criteriaSetFor, localDateOf } from '@phongdich/core';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';
import { computeRiskLevelsIfDue } from './risk.service.js';

type Feature = { geometry: { coordinates: unknown }; properties: Record<string, unknown> };

const BAC_KAN_BOX = '105.80,22.10,105.90,22.20';
const square = (lon: number, lat: number, size = 0.005): Array<[number, number]> => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

describe.each(TEST_DIALECTS)('the epidemic map on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let health: SignedIn;
  let admin: SignedIn;
  let owner: SignedIn;
  let placeId: string;

  const get = (url: string, who?: SignedIn) => app.inject({ url, headers: who?.headers ?? {} });
  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who: SignedIn, payload?: unknown) => app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const layers = async (query: string): Promise<Feature[]> => (await get(`/api/v1/map/layers?bbox=${BAC_KAN_BOX}&${query}`)).json().features;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    health = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    admin = await signIn(app, await createTestAccount(ctx, 'admin'));
    const place = await send('POST', '/api/v1/places', health, { name: 'Quán cơm Bình Dân', type: 'restaurant_cafe', sector: 'industry_trade', communeCode: '01843', streetAddress: 'Tổ 2', location: { lat: 22.1468, lon: 105.8346 }, contactName: 'Chủ quán', contactPhone: '0912000000', ownerPhone: '0955000001', points: ['Cửa chính'] });
    placeId = place.json().id;
    owner = await signInCitizen(app, ctx, '0955000001');
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('computes commune levels from new community cases per 100,000, keeps the history, and takes overrides with a reason', async () => {
    expect((await get('/api/v1/map/config')).json()).toMatchObject({ homeUnit: { code: '19' }, styleUrl: null });
    expect(await computeRiskLevelsIfDue(ctx)).toBe(true);
    expect(await computeRiskLevelsIfDue(ctx)).toBe(false);
    let risk = (await get('/api/v1/map/risk')).json();
    expect(risk.items.find((c: { code: string }) => c.code === '01843')).toMatchObject({ level: 1, newCases7d: 0 });
    expect(risk.items.length).toBeGreaterThan(50);

    expect((await send('PUT', '/api/v1/map/statistics', health, { communeCode: '01843', population: 2000, vaccinationCoverage: 85 })).statusCode).toBe(200);
    for (const phone of ['0955100001', '0955100002']) {
      expect((await send('POST', '/api/v1/cases', health, { phone, fullName: 'Ca bệnh', communeCode: '01843', classification: 'confirmed', testDate: localDateOf(ctx.clock.now()) })).statusCode).toBe(201);
    }
    expect((await send('POST', '/api/v1/map/risk/recompute', health)).json()).toMatchObject({ changed: expect.any(Number) });
    risk = (await get('/api/v1/map/risk')).json();
    // Two cases among 2,000 people is 100 per 100,000 a week: level 3 (orange).
    expect(risk.items.find((c: { code: string }) => c.code === '01843')).toMatchObject({ level: 3, computedLevel: 3, newCases7d: 2, casesPer100k: 100, population: 2000 });

    const noReason = await send('POST', '/api/v1/map/risk/01843/override', health, { level: 4, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const overridden = await send('POST', '/api/v1/map/risk/01843/override', health, { level: 4, reason: 'Ổ dịch mới ở chợ, chưa truy vết xong' });
    expect(overridden.json()).toMatchObject({ level: 4, computedLevel: 3, overridden: true });
    const history = (await get('/api/v1/map/risk/01843/history', health)).json().items;
    expect(history[0]).toMatchObject({ source: 'override', level: 4, computedLevel: 3, reason: 'Ổ dịch mới ở chợ, chưa truy vết xong' });
    expect((await send('DELETE', '/api/v1/map/risk/01843/override', health)).json()).toMatchObject({ level: 3, overridden: false });
    expect((await get('/api/v1/map/risk/01843/history')).statusCode).toBe(401);
  });

  it('takes zones drawn inside the province and refuses crossing, enormous or outside ones, naming the problem', async () => {
    const zone = { name: 'Tổ 5 phường Bắc Kạn', kind: 'lockdown', startsOn: localDateOf(ctx.clock.now()) };
    const bowTie = await send('POST', '/api/v1/map/zones', health, { ...zone, geometry: { type: 'Polygon', coordinates: [[[105.83, 22.14], [105.84, 22.15], [105.84, 22.14], [105.83, 22.15], [105.83, 22.14]]] } });
    expect(bowTie.json()).toMatchObject({ error: 'zone_self_intersecting', field: 'geometry' });
    const hanoi = await send('POST', '/api/v1/map/zones', health, { ...zone, geometry: { type: 'Polygon', coordinates: [square(105.85, 21.02)] } });
    expect(hanoi.json().error).toBe('zone_outside_province');
    const huge = await send('POST', '/api/v1/map/zones', health, { ...zone, geometry: { type: 'Polygon', coordinates: [square(105.7, 22.0, 0.4)] } });
    expect(huge.json().error).toBe('zone_too_large');
    const drawn = await send('POST', '/api/v1/map/zones', health, { ...zone, geometry: { type: 'Polygon', coordinates: [square(105.832, 22.145)] } });
    expect(drawn.statusCode).toBe(201);
    expect(drawn.json().communeCodes).toContain('01843');
    const onMap = (await layers('zoom=14&layers=zones')).filter((f) => f.properties.layer === 'zone');
    expect(onMap.map((f) => f.properties.name)).toEqual(['Tổ 5 phường Bắc Kạn']);
    expect((await send('DELETE', `/api/v1/map/zones/${drawn.json().id}`, health)).statusCode).toBe(204);
  });

  it("lets a commune official draw and change zones in their commune only, never in a neighbour's", async () => {
    const ward = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01843' }));
    const zone = { name: 'Ngõ 3 tổ 7', kind: 'isolation', startsOn: localDateOf(ctx.clock.now()) };
    const own = await send('POST', '/api/v1/map/zones', ward, { ...zone, geometry: { type: 'Polygon', coordinates: [square(105.858, 22.11, 0.002)] } });
    expect(own.json(), own.body).toMatchObject({ communeCodes: ['01843'] });
    const neighbours = await send('POST', '/api/v1/map/zones', ward, { ...zone, geometry: { type: 'Polygon', coordinates: [square(105.76, 22.2, 0.002)] } });
    expect(neighbours.json()).toMatchObject({ error: 'out_of_scope', field: 'geometry' });
    const moved = await send('PATCH', `/api/v1/map/zones/${own.json().id}`, ward, { geometry: { type: 'Polygon', coordinates: [square(105.76, 22.2, 0.002)] } });
    expect(moved.json()).toMatchObject({ error: 'out_of_scope', field: 'geometry' });
    const theirs = await send('POST', '/api/v1/map/zones', health, { ...zone, geometry: { type: 'Polygon', coordinates: [square(105.76, 22.2, 0.002)] } });
    expect(theirs.json().communeCodes).toEqual(['01849']);
    expect((await send('DELETE', `/api/v1/map/zones/${theirs.json().id}`, ward)).statusCode).toBe(403);
    expect((await send('PATCH', `/api/v1/map/zones/${theirs.json().id}`, ward, { name: 'Đổi tên' })).statusCode).toBe(403);
    expect((await send('DELETE', `/api/v1/map/zones/${own.json().id}`, ward)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/v1/map/zones/${theirs.json().id}`, health)).statusCode).toBe(204);
  });

  it('shows sites and finds them, places and units by name', async () => {
    const site = await send('POST', '/api/v1/map/sites', health, { name: 'Điểm xét nghiệm Trạm y tế Bắc Kạn', kind: 'test', communeCode: '01843', address: 'Đường Trường Chinh', location: { lat: 22.15, lon: 105.835 }, openingHours: '7:00–17:00' });
    expect(site.statusCode).toBe(201);
    expect((await layers('zoom=15&layers=sites')).map((f) => f.properties.name)).toContain('Điểm xét nghiệm Trạm y tế Bắc Kạn');
    const found = (await get('/api/v1/map/search?q=bac kan')).json().items;
    expect(found.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['unit', 'site']));
    expect((await get('/api/v1/map/search?q=binh dan')).json().items[0]).toMatchObject({ kind: 'place', name: 'Quán cơm Bình Dân', lat: 22.1468 });
  });

  it("a place's self-assessment colours its marker; officials can override it; answers must match the checklist", async () => {
    const before = (await layers('zoom=16&layers=checkpoints')).find((f) => f.properties.id === placeId);
    expect(before?.properties.safetyLevel).toBeNull();
    const { criteriaSet } = (await get(`/api/v1/places/${placeId}/assessment`, owner)).json();
    expect(criteriaSet.id).toBe(criteriaSetFor('restaurant_cafe').id);
    expect(criteriaSet.criteria.length).toBeGreaterThanOrEqual(10);
    const allYes = Object.fromEntries(criteriaSet.criteria.map((c: { id: string }) => [c.id, true]));
    const wrong = await send('POST', `/api/v1/places/${placeId}/assessments`, owner, { criteriaSet: criteriaSet.id, answers: { ...allYes, invented: true } });
    expect(wrong.json()).toMatchObject({ error: 'criteria_mismatch', field: 'answers' });
    const good = await send('POST', `/api/v1/places/${placeId}/assessments`, owner, { criteriaSet: criteriaSet.id, answers: allYes });
    expect(good.json()).toMatchObject({ riskPercent: 0, level: 'very_low' });
    expect((await layers('zoom=16&layers=checkpoints')).find((f) => f.properties.id === placeId)?.properties.safetyLevel).toBe('very_low');
    const noMasks = { ...Object.fromEntries(criteriaSet.criteria.map((c: { id: string }) => [c.id, false])) };
    expect((await send('POST', `/api/v1/places/${placeId}/assessments`, owner, { criteriaSet: criteriaSet.id, answers: noMasks })).json()).toMatchObject({ riskPercent: 100, level: 'very_high' });
    const inspected = await send('POST', `/api/v1/places/${placeId}/assessments/override`, health, { level: 'medium', reason: 'Kiểm tra thực tế ngày hôm nay' });
    expect(inspected.json()).toMatchObject({ level: 'very_high', overriddenLevel: 'medium' });
    expect((await layers('zoom=16&layers=checkpoints')).find((f) => f.properties.id === placeId)?.properties.safetyLevel).toBe('medium');
    expect((await send('POST', `/api/v1/places/${placeId}/assessments/override`, owner, { level: 'low', reason: 'Tự sửa mức' })).statusCode).toBe(403);
  });

  it('clusters checkpoints when zoomed out', async () => {
    for (let i = 0; i < 5; i++) {
      await send('POST', '/api/v1/places', health, { name: `Cửa hàng số ${i}`, type: 'other', sector: 'industry_trade', communeCode: '01843', streetAddress: `Số ${i}`, location: { lat: 22.147 + i * 0.0001, lon: 105.835 }, contactName: 'Chủ', contactPhone: '0912000000', points: ['Cửa'] });
    }
    // An official's registrations are active at once, and on the public map at once.
    const zoomedOut = await get(`/api/v1/map/layers?bbox=${BAC_KAN_BOX}&zoom=9&layers=checkpoints`);
    expect(zoomedOut.headers['cache-control']).toContain('max-age=60');
    const clusters = zoomedOut.json().features.filter((f: Feature) => f.properties.layer === 'checkpoint_cluster');
    expect(clusters).toHaveLength(1);
    expect(clusters[0].properties).toMatchObject({ count: 6, worst: 'medium' });
    const zoomedIn = (await layers('zoom=17&layers=checkpoints')).filter((f) => f.properties.layer === 'checkpoint');
    expect(zoomedIn).toHaveLength(6);
  });

  it('serves guides to everyone and lets administrators rewrite them', async () => {
    const list = (await get('/api/v1/guides')).json().items;
    expect(list.map((g: { slug: string }) => g.slug)).toEqual(expect.arrayContaining(['install', 'scan', 'declare', 'register-place']));
    const text = { title: { vi: 'Quét mã QR', en: 'Scanning QR codes' }, body: { vi: '- Mở camera', en: '- Open the camera' } };
    expect((await send('PUT', '/api/v1/guides/scan', health, text)).statusCode).toBe(403);
    expect((await send('PUT', '/api/v1/guides/scan', admin, text)).statusCode).toBe(200);
    expect((await get('/api/v1/guides/scan')).json()).toMatchObject({ title: { vi: 'Quét mã QR' }, body: { en: '- Open the camera' } });
    expect((await get('/api/v1/guides/nothing')).statusCode).toBe(404);
  });
});
