import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestContext, signInCitizen, TEST_DIALECTS, type TestContext } from '../testing/test-context.js';
import { fieldWithNul } from './text-input.js';

describe('the NUL character in input', () => {
  it('is found wherever it hides, by the path of its field', () => {
    expect(fieldWithNul({ a: [{ b: 'x' }, { c: 'y\u0000' }] })).toBe('a.1.c');
    expect(fieldWithNul({ ['k\u0000']: 1 }, 'querystring')).toBe('querystring.k\u0000');
    // Uploaded files (an XLSX is a zip full of zero bytes) are left to their own parsers.
    expect(fieldWithNul(Buffer.from([0x50, 0x4b, 0x00]))).toBeUndefined();
    expect(fieldWithNul({ a: 'tiếng Việt', n: 1, z: null })).toBeUndefined();
  });
});

describe.each(TEST_DIALECTS)('requests carrying NUL on %s', (dialect) => {
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

  it('are refused with 400 naming the field, in a path, a query or a body, and store nothing', async () => {
    expect((await app.inject({ url: '/api/v1/units/01%00' })).json()).toMatchObject({ error: 'invalid_input', field: 'params.code' });
    expect((await app.inject({ url: '/api/v1/map/search?q=ch%00' })).json()).toMatchObject({ error: 'invalid_input', field: 'querystring.q' });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin\u0000', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ error: 'invalid_input', field: 'username' });
    const citizen = await signInCitizen(app, ctx, '0912000777');
    const report = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.headers, payload: { kind: 'other', description: 'Quán\u0000 karaoke', communeCode: '01843' } });
    expect(report.json()).toMatchObject({ error: 'invalid_input', field: 'description' });
    expect(await ctx.db.selectFrom('citizen_reports').select('id').execute()).toEqual([]);
  });
});
