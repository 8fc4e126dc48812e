import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../../apps/server/src/modules/presence/presence.rules.js';
import { closeOverdueVisits } from '../../../apps/server/src/modules/presence/index.js';
import { pointToken } from '../../../apps/server/src/modules/places/points.service.js';
import { createTestApp, createTestContext, signInCitizen, TEST_DIALECTS, TEST_START, type TestContext } from '../../../apps/server/src/testing/test-context.js';
import { DAY_MS } from './calendar.js';
import { loadSimulation, type LoadResult } from './load.js';
import { simulateProvince, type Simulation } from './model.js';
import { personName, personPhone } from './names.js';
import { provinceSetup } from './province.js';

async function indexNames(ctx: TestContext): Promise<string[]> {
  const rows =
    ctx.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'visits' order by name`.execute(ctx.db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'visits' order by indexname`.execute(ctx.db);
  return rows.rows.map((r) => r.name);
}

async function count(ctx: TestContext, table: 'users' | 'places' | 'qr_points' | 'place_members' | 'personal_qr' | 'visits', open = false): Promise<number> {
  let query = ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (open) query = query.where('checked_out_at' as never, 'is', null);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

describe.each(TEST_DIALECTS)('loadSimulation on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let sim: Simulation;
  let loaded: LoadResult;
  let indexesBefore: string[];

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    sim = simulateProvince({ seed: 11, ...provinceSetup(ctx), people: 600, places: 60, startAt: TEST_START - 7 * DAY_MS, days: 7, outbreak: { seedDay: 1, seedCases: 3 } });
    indexesBefore = await indexNames(ctx);
    loaded = await loadSimulation(ctx, sim, { chunkRows: 1000 });
    ctx.clock.set(sim.endAt);
    app = await createTestApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('writes every person, place, point, owner and visit', async () => {
    const points = sim.places.points.reduce((a, b) => a + b, 0);
    expect(await count(ctx, 'users')).toBe(sim.people.count);
    expect(await count(ctx, 'places')).toBe(sim.places.count);
    expect(await count(ctx, 'qr_points')).toBe(points);
    expect(await count(ctx, 'place_members')).toBe(sim.places.count);
    expect(await count(ctx, 'personal_qr')).toBe(sim.people.smartphone.filter((s) => s === 0).length);
    expect(await count(ctx, 'visits')).toBe(sim.visits.count);
    expect(await count(ctx, 'visits', true)).toBe(loaded.counts.open);
    expect(loaded.counts).toMatchObject({ users: sim.people.count, places: sim.places.count, points, visits: sim.visits.count });
    expect(new Set(loaded.userIdByPerson).size).toBe(sim.people.count);
    expect(loaded.userIdByPerson[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(loaded.householdByPerson).toBe(sim.people.household);
  });

  it('restores the visits indexes it set aside while loading', async () => {
    expect(await indexNames(ctx)).toEqual(indexesBefore);
  });

  it('leaves nothing for the auto check-out job to close', async () => {
    expect(loaded.counts.autoClosed).toBeGreaterThan(0);
    expect(await closeOverdueVisits(ctx)).toBe(0);
  });

  it('stores personal data encrypted as the server does', async () => {
    const place = await ctx.db.selectFrom('places').selectAll().where('id', '=', loaded.placeIdByPlace[0] as string).executeTakeFirstOrThrow();
    expect(ctx.cipher.decrypt('places.contact_name', place.contact_name_enc)).toBe(personName(sim.places.owner[0] ?? 0));
    expect(ctx.cipher.decrypt('places.contact_phone', place.contact_phone_enc)).toBe(personPhone(sim.places.owner[0] ?? 0));
    const manual = await ctx.db.selectFrom('visits').selectAll().where('method', '=', 'staff_manual').limit(1).executeTakeFirstOrThrow();
    expect(manual.person_id).toBeNull();
    const name = ctx.cipher.decrypt('visits.visitor_name', manual.visitor_name_enc ?? '');
    expect(name).toMatch(/^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u);
    expect(manual.visitor_phone_index).toBe(ctx.cipher.blindIndex('phone', ctx.cipher.decrypt('visits.visitor_phone', manual.visitor_phone_enc ?? '')));
  });

  it('lets a simulated citizen sign in by phone, see their diary and scan', async () => {
    const visitsOf = new Map<number, number[]>();
    for (let v = 0; v < sim.visits.count; v++) {
      if (sim.visits.method[v] !== 0) continue;
      const p = sim.visits.personIndex[v] ?? 0;
      visitsOf.set(p, [...(visitsOf.get(p) ?? []), v]);
    }
    const [person, own] = [...visitsOf.entries()].find(([p]) => sim.people.smartphone[p] === 1) ?? [0, []];
    const session = await signInCitizen(app, ctx, personPhone(person));
    expect(session.userId).toBe(loaded.userIdByPerson[person]);

    const diary = await app.inject({ method: 'GET', url: '/api/v1/visits/mine?days=21', headers: session.headers });
    const mine = await ctx.db.selectFrom('visits').select('id').where('person_id', '=', session.userId).execute();
    expect(diary.statusCode).toBe(200);
    expect((diary.json() as { items: unknown[] }).items).toHaveLength(mine.length);
    expect(mine.length).toBeGreaterThanOrEqual(own.length);

    const last = own.at(-1) ?? 0;
    const place = sim.visits.placeIndex[last] ?? 0;
    const open = await ctx.db.selectFrom('visits').select('id').where('person_id', '=', session.userId).where('place_id', '=', loaded.placeIdByPlace[place] as string).where('checked_out_at', 'is', null).executeTakeFirst();
    const token = pointToken(ctx, { id: loaded.pointIdsByPlace[place]?.[0] as string, version: 1 });
    ctx.clock.advance(60_000);
    const scan = await app.inject({ method: 'POST', url: '/api/v1/scans', headers: session.headers, payload: { token, clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now() } });
    expect(scan.statusCode, scan.body).toBe(200);
    expect((scan.json() as { action: string }).action).toBe(open ? 'check_out' : 'check_in');
  });

  it("shows a place's owner the day's visits", async () => {
    const place = sim.places.count - 1;
    const session = await signInCitizen(app, ctx, personPhone(sim.places.owner[place] ?? 0));
    const day = sim.startAt + 2 * DAY_MS;
    let expected = 0;
    for (let v = 0; v < sim.visits.count; v++) {
      const at = sim.visits.checkedInAt[v] ?? 0;
      if (sim.visits.placeIndex[v] === place && at >= day && at < day + DAY_MS) expected++;
    }
    const response = await app.inject({ method: 'GET', url: `/api/v1/places/${loaded.placeIdByPlace[place]}/visits?date=${localDate(day)}`, headers: session.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as { items: unknown[] }).items).toHaveLength(expected);
  });
});
