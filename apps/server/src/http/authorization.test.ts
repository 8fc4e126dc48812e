import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestContext, TEST_DIALECTS, type TestContext } from '../testing/test-context.js';
import { buildSecurityWorld, CALLERS, type Caller, type SecurityWorld } from '../testing/security-world.js';
import { documentedRoutes, fillPath, takesJson, type DocumentedRoute } from '../testing/route-probe.js';
import { AUTHORIZATION_MATRIX, MATRIX_BODIES, type Cell } from './authorization.matrix.js';

/**
 * Calls every route of the served OpenAPI document as every kind of caller, with records inside and
 * outside the caller's reach, and compares each answer with the expected one in authorization.matrix.ts.
 * A route missing from the table fails the test: a new route must be given its row before it ships.
 * `AUTHZ_MATRIX_RECORD=1` prints the observed rows instead, for a new route's row to be reviewed.
 */
const RECORD = process.env.AUTHZ_MATRIX_RECORD === '1';

type Observation = { inside: number; outside: number | null };

const refused = (status: number | null) => status === 403 || status === 404;

function cellOf(o: Observation): Cell {
  if (o.inside === 401) return 'U';
  if (o.inside === 403) return 'F';
  if (o.outside !== null && refused(o.outside)) return o.inside === 404 ? 'N' : 'S';
  return 'A';
}

/** Why an observation breaks its expected cell, or null when it keeps it. */
function breach(expected: Cell, o: Observation): string | null {
  if (o.inside >= 500 || (o.outside ?? 0) >= 500) return `server error ${o.inside}/${o.outside}`;
  switch (expected) {
    case 'U':
      return o.inside === 401 ? null : `expected 401, got ${o.inside}`;
    case 'F':
      return o.inside === 403 ? null : `expected 403, got ${o.inside}`;
    case 'A':
      return o.inside === 401 || o.inside === 403 ? `expected access, got ${o.inside}` : null;
    case 'S':
      if (o.outside === null) return 'no outside record to probe the scope with';
      if (o.inside === 401 || o.inside === 403 || o.inside === 404) return `expected access inside scope, got ${o.inside}`;
      return refused(o.outside) ? null : `expected 403/404 outside scope, got ${o.outside}`;
    case 'N':
      if (o.outside === null) return 'no outside record to probe the scope with';
      return o.inside === 404 && refused(o.outside) ? null : `expected 404 inside and 403/404 outside, got ${o.inside}/${o.outside}`;
  }
}

// Probed last, in this order: deleting all one's visits would leave none to delete one by one;
// deleting one's account and signing out end the caller's session (the sign-out row shows that a
// deleted account's session no longer opens anything).
const LAST = ['DELETE /api/v1/visits/mine', 'DELETE /api/v1/me', 'POST /api/v1/auth/logout'];
const rank = (key: string) => LAST.indexOf(key);

describe.each(TEST_DIALECTS)('authorisation matrix on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let world: SecurityWorld;
  let routes: DocumentedRoute[];

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { OWNER_SEES_VISITORS: 'false' });
    app = await createTestApp(ctx);
    world = await buildSecurityWorld(app, ctx);
    routes = (await documentedRoutes(app)).sort((a, b) => rank(a.key) - rank(b.key));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('has one row per documented route, and no row for a route that is gone', () => {
    const documented = routes.map((r) => r.key).sort();
    expect(documented.filter((key) => !(key in AUTHORIZATION_MATRIX))).toEqual([]);
    expect(Object.keys(AUTHORIZATION_MATRIX).filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('answers every route × caller × inside/outside scope as the table says', async () => {
    const call = async (route: DocumentedRoute, caller: Caller, url: string) => {
      const session = caller === 'anonymous' ? undefined : world.sessions[caller];
      const body = takesJson(route) ? (MATRIX_BODIES[route.key] ?? {}) : undefined;
      const response = await app.inject({
        method: route.method as 'GET',
        url,
        headers: { ...(session?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      return response.statusCode;
    };
    const today = new Date(ctx.clock.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const failures: string[] = [];
    const recorded: string[] = [];
    let probes = 0;
    for (const route of routes) {
      const inside = fillPath(route, world.records, 'inside', today);
      const outside = fillPath(route, world.records, 'outside', today);
      const cells: Cell[] = [];
      const seen: string[] = [];
      for (const [column, caller] of CALLERS.entries()) {
        // Outside first: a refused request changes nothing, while an accepted inside write may.
        const outsideStatus = inside.scoped ? await call(route, caller, outside.url) : null;
        const observation = { inside: await call(route, caller, inside.url), outside: outsideStatus };
        probes += inside.scoped ? 2 : 1;
        cells.push(cellOf(observation));
        seen.push(`${observation.inside}/${observation.outside ?? '-'}`);
        const expected = AUTHORIZATION_MATRIX[route.key]?.split(' ')[column] as Cell | undefined;
        if (!expected) continue;
        const problem = breach(expected, observation);
        if (problem) failures.push(`${route.key} as ${caller}: ${problem}`);
      }
      recorded.push(`  '${route.key}': '${cells.join(' ')}', // ${seen.join(' ')}`);
    }
    if (RECORD) console.log(recorded.join('\n'));
    console.log(`authorisation matrix on ${dialect}: ${routes.length} routes × ${CALLERS.length} callers, ${probes} requests`);
    expect(failures).toEqual([]);
  }, 180_000);
});
