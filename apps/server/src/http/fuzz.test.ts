import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ERRORS } from '@phongdich/core';
import { createTestApp, createTestContext, TEST_DIALECTS, type TestContext } from '../testing/test-context.js';
import { buildSecurityWorld, CALLERS, type SecurityWorld } from '../testing/security-world.js';
import { bodySchema, documentedRoutes, fillPath, takesJson, type DocumentedRoute } from '../testing/route-probe.js';
import { brokenJson, deepJsonText, hostileBody, hostileString, hostileValue, plausibleValue, rowsWritten, storedDigest } from '../testing/hostile-input.js';

/**
 * Property-based request fuzzing (PRODUCT.md §11): for every route of the served OpenAPI document,
 * requests built from its schema with fields dropped, of the wrong type, huge, deeply nested, in odd
 * Unicode, or carrying SQL and script payloads, sent by every kind of caller. Whatever the request:
 * no 5xx, the process keeps answering, a refused request (4xx) stores nothing, and its error carries a
 * documented code. FUZZ_RUNS sets the cases per route (npm run bench runs many more).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
// The handlers are the same on both databases; what differs is how each stores hostile text (NUL
// bytes, lone surrogates, huge values), so PostgreSQL gets a third of the cases to keep CI short.
const RUNS_OF: Record<(typeof TEST_DIALECTS)[number], number> = { sqlite: RUNS, postgres: Math.max(2, Math.round(RUNS / 3)) };

interface FuzzRequest {
  caller: (typeof CALLERS)[number];
  url: string;
  /** Serialised here, not later: fast-check prints counterexamples, and a deep nest would overflow its printer. */
  body: { type: string; payload: string } | null;
}

/** Every UTF-8 byte escaped (lone surrogates included, which encodeURIComponent refuses). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function requestArbitrary(route: DocumentedRoute, world: SecurityWorld, today: string): fc.Arbitrary<FuzzRequest> {
  const segments = route.path.split('/');
  const pathArbs = segments.map((segment) => {
    if (!segment.includes('{')) return fc.constant(segment);
    const valid = fillPath({ ...route, path: segment, operation: {} }, world.records, 'inside').url;
    return fc.oneof(
      fc.constant(valid),
      hostileString.map((s) => segment.replace(/\{\w+\}/, percentEncoded(s))),
      // Broken escapes the router itself must refuse.
      fc.constantFrom('%E0%A4%A', '%ZZ', '%', '%00', '..%2F..%2F').map((raw) => segment.replace(/\{\w+\}/, raw)),
    );
  });
  const query = (route.operation.parameters ?? []).filter((p) => p.in === 'query');
  const queryArb = fc.tuple(
    fc.tuple(...query.map((p) => fc.option(fc.oneof(fc.constant(String(plausibleValue(p.schema, today))), hostileString), { nil: undefined }))),
    fc.option(fc.tuple(hostileString, hostileString), { nil: undefined }),
  );
  const json = (value: unknown) => ({ type: 'application/json', payload: JSON.stringify(value) ?? 'null' });
  const bodyArb: fc.Arbitrary<FuzzRequest['body']> = takesJson(route)
    ? fc.oneof(
        { weight: 6, arbitrary: hostileBody(bodySchema(route), today).map(json) },
        { weight: 1, arbitrary: fc.oneof(brokenJson, deepJsonText).map((payload) => ({ type: 'application/json', payload })) },
        { weight: 1, arbitrary: fc.tuple(hostileString, fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded')).map(([payload, type]) => ({ type, payload })) },
      )
    : fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileValue.map(json) });
  return fc.record({ caller: fc.constantFrom(...CALLERS), path: fc.tuple(...pathArbs), query: queryArb, body: bodyArb }).map(({ caller, path, query: [values, extra], body }) => {
    const search = new URLSearchParams();
    query.forEach((p, i) => values[i] !== undefined && search.set(p.name, values[i] as string));
    if (extra) search.set(extra[0], extra[1]);
    const qs = search.toString();
    return { caller, url: path.join('/') + (qs ? `?${qs}` : ''), body };
  });
}


/** The documented error code of an answer: `error` in the API's shape, the coded detail of a FHIR OperationOutcome. */
function errorCodeOf(body: unknown): unknown {
  const answer = body as { error?: unknown; resourceType?: string; issue?: Array<{ details?: { coding?: Array<{ code?: unknown }> } }> };
  if (answer.resourceType === 'OperationOutcome') return answer.issue?.[0]?.details?.coding?.[0]?.code;
  return answer.error;
}

describe.each(TEST_DIALECTS)('request fuzzing on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let world: SecurityWorld;
  let routes: DocumentedRoute[];

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    world = await buildSecurityWorld(app, ctx);
    // Signing out and deleting one's account would end the fuzzing caller's session for the routes
    // after them: they take no input to parse anyway.
    routes = (await documentedRoutes(app)).filter((r) => !['POST /api/v1/auth/logout', 'DELETE /api/v1/me'].includes(r.key));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('answers hostile requests to every route without a 5xx, and stores nothing when it refuses them', async () => {
    const today = new Date(ctx.clock.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    let cases = 0;
    const statuses = new Map<number, number>();
    let digest = await storedDigest(ctx);
    let written = await rowsWritten(ctx);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route, world, today), async (request) => {
          cases++;
          const session = request.caller === 'anonymous' ? undefined : world.sessions[request.caller];
          const headers: Record<string, string> = { ...(session?.headers ?? {}) };
          if (request.body) headers['content-type'] = request.body.type;
          const response = await app.inject({ method: route.method as 'GET', url: request.url, headers, ...(request.body ? { payload: request.body.payload } : {}) });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          expect(response.statusCode, `${route.key} ${request.url}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          const writtenNow = await rowsWritten(ctx);
          const after = writtenNow === written ? digest : await storedDigest(ctx);
          written = writtenNow;
          if (response.statusCode >= 400) {
            expect(after, `${route.key} refused with ${response.statusCode} but changed stored data`).toBe(digest);
            const code = errorCodeOf(response.json());
            expect(typeof code === 'string' && code in ERRORS, `${route.key}: undocumented error ${String(code)}`).toBe(true);
          }
          digest = after;
        }),
        { numRuns: RUNS_OF[dialect], ...(SEED === undefined ? {} : { seed: SEED }) },
      );
    }
    // The process still answers after all of it.
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    console.log(`request fuzzing on ${dialect}: ${cases} cases over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  }, 600_000);
});
