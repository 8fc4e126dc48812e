import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestContext, TEST_DIALECTS, type TestContext } from '../../testing/test-context.js';

describe.each(TEST_DIALECTS)('units API on %s', (dialect) => {
  describe('with the 2021 units', () => {
    let ctx: TestContext;
    let app: FastifyInstance;
    beforeAll(async () => {
      ctx = await createTestContext(dialect, { UNITS_DATASET: 'vn-2021' });
      app = await createTestApp(ctx);
    });
    afterAll(async () => {
      await app.close();
      await ctx.cleanup();
    });

    it("lists Bắc Kạn's 8 district-level units", async () => {
      const response = await app.inject({ url: '/api/v1/units?parent=06' });
      expect(response.statusCode).toBe(200);
      const items = (response.json() as { items: Array<{ code: string; name: string; tier: string }> }).items;
      expect(items.map((u) => u.code)).toEqual(['058', '060', '061', '062', '063', '064', '065', '066']);
      expect(items[0]).toMatchObject({ name: 'Thành phố Bắc Kạn', tier: 'district' });
    });

    it('lists the 63 provinces without a parent', async () => {
      const items = (await app.inject({ url: '/api/v1/units' })).json().items as unknown[];
      expect(items).toHaveLength(63);
    });

    it('gives a commune with its ancestors', async () => {
      const communes = (await app.inject({ url: '/api/v1/units?parent=061' })).json().items as Array<{ code: string }>;
      expect(communes).toHaveLength(15);
      const response = await app.inject({ url: `/api/v1/units/${communes[0]?.code}` });
      expect(response.statusCode).toBe(200);
      const unit = response.json();
      expect(unit.tier).toBe('commune');
      expect(unit.ancestors.map((a: { code: string }) => a.code)).toEqual(['06', '061']);
      expect(unit.childCount).toBe(0);
    });

    it('finds "bac kan" without diacritics, the province first', async () => {
      const items = (await app.inject({ url: '/api/v1/units?q=bac%20kan' })).json().items as Array<{ code: string; name: string }>;
      expect(items[0]).toMatchObject({ code: '06', name: 'Tỉnh Bắc Kạn' });
      expect(items.map((u) => u.code)).toContain('058');
    });

    it('limits a search to a unit', async () => {
      const items = (await app.inject({ url: '/api/v1/units?q=xa&within=061&limit=50' })).json().items as Array<{ code: string }>;
      expect(items.length).toBeGreaterThan(10);
      const codes = new Set(((await app.inject({ url: '/api/v1/units?parent=061' })).json().items as Array<{ code: string }>).map((u) => u.code));
      for (const unit of items) expect(codes.has(unit.code) || unit.code === '061').toBe(true);
    });
  });

  describe('with the 2025 units (default)', () => {
    let ctx: TestContext;
    let app: FastifyInstance;
    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      app = await createTestApp(ctx);
    });
    afterAll(async () => {
      await app.close();
      await ctx.cleanup();
    });

    it('has two tiers: the home province 19 holds communes directly', async () => {
      const items = (await app.inject({ url: '/api/v1/units?parent=19' })).json().items as Array<{ tier: string; name: string }>;
      expect(items.length).toBeGreaterThan(90);
      expect(new Set(items.map((u) => u.tier))).toEqual(new Set(['commune']));
      expect(items.map((u) => u.name)).toContain('Phường Bắc Kạn');
      expect((await app.inject({ url: '/api/v1/units' })).json().items).toHaveLength(34);
    });

    it('answers 404 for an unknown unit and 400 for a malformed code', async () => {
      const unknown = await app.inject({ url: '/api/v1/units/99999' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: 'unit_not_found' });
      const unknownParent = await app.inject({ url: '/api/v1/units?parent=98' });
      expect(unknownParent.statusCode).toBe(404);
      expect(unknownParent.json()).toMatchObject({ error: 'unit_not_found', field: 'parent' });
      const malformed = await app.inject({ url: '/api/v1/units/abc', headers: { 'accept-language': 'en' } });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ error: 'invalid_input', field: 'params.code' });
      expect(malformed.json().message).toContain('2, 3 or 5 digits');
    });

    it('refuses unknown query parameters, naming them', async () => {
      const response = await app.inject({ url: '/api/v1/units?parnet=19' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_input', field: 'querystring.parnet' });
    });
  });
});
