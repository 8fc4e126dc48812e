import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestContext, type TestContext } from '../testing/test-context.js';

describe('HTTP basics', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { BODY_LIMIT_BYTES: '2048' });
    app = await createTestApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('answers liveness and readiness', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('serves the OpenAPI document with every API route, and the interactive docs', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/units', '/api/v1/units/{code}', '/api/v1/auth/login', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/audit']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('gives every response a request id, and echoes a given one', async () => {
    const fresh = await app.inject({ url: '/healthz' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe('abc-123');
  });

  it('sets security headers', async () => {
    const response = await app.inject({ url: '/api/v1/units' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['malformed JSON', { payload: '{"username": ', headers: { 'content-type': 'application/json' } }, 400, 'malformed_json'],
    ['an empty JSON body', { payload: '', headers: { 'content-type': 'application/json' } }, 400, 'malformed_json'],
    ['a body that is not JSON', { payload: 'username=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
    ['a body over the limit', { payload: JSON.stringify({ username: 'a'.repeat(5000), password: 'b' }), headers: { 'content-type': 'application/json' } }, 413, 'payload_too_large'],
    ['JSON that is an array', { payload: '[1,2]', headers: { 'content-type': 'application/json' } }, 400, 'invalid_input'],
    ['JSON null', { payload: 'null', headers: { 'content-type': 'application/json' } }, 400, 'invalid_input'],
  ])('answers %s with a clear 4xx', async (_name, request, status, error) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', ...request });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error });
    expect(typeof response.json().message).toBe('string');
  });

  it('answers unknown API paths with 404 not_found', async () => {
    const response = await app.inject({ url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers in English when asked', async () => {
    const response = await app.inject({ url: '/api/v1/units/99999', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(response.json().message).toBe('No administrative unit has this code.');
    const cookie = await app.inject({ url: '/api/v1/units/99999', headers: { cookie: 'pd_lang=en' } });
    expect(cookie.json().message).toBe('No administrative unit has this code.');
  });

  it('refuses, at start-up, an API route that does not declare who may call it', async () => {
    const { buildApp } = await import('../app.js');
    const bare = await buildApp(ctx, { serveWebApp: false });
    expect(() => bare.get('/api/v1/undeclared', async () => 'x')).toThrow(/declares no access/);
    await bare.close();
  });
});
