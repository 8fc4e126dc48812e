import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROLES, type Me } from '@phongdich/core';
import { createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type TestContext } from '../../../apps/server/src/testing/test-context.js';
import { seedDemo, type DemoProvince } from './demo-province.js';

// The demo at a tiny size: what `npm run demo` prints and the README's screenshots show must be in it.
describe.each(TEST_DIALECTS)('the demo province on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let demo: DemoProvince;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    demo = await seedDemo(ctx, { people: 1_000, places: 100 });
    app = await createTestApp(ctx);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('has three campaigns: a weekly reminder with three runs sent, a finished announcement and one scheduled', async () => {
    const byStatus = Object.fromEntries(demo.campaigns.map((c) => [c.status, c]));
    expect(demo.campaigns).toHaveLength(3);
    expect(byStatus.running).toMatchObject({ audience: { kind: 'custom' }, runsDone: 3, runCount: 8 });
    expect(byStatus.completed).toMatchObject({ audience: { kind: 'citizens', unitCode: demo.commune.code }, runsDone: 1, runCount: 1 });
    expect(byStatus.scheduled).toMatchObject({ runsDone: 0 });
    expect(byStatus.scheduled?.nextRunAt).toBeGreaterThan(ctx.clock.now());
    // Each run was materialised and every one of its messages went through the outbox to the log channel.
    const runs = await ctx.db.selectFrom('campaign_runs').selectAll().orderBy('scheduled_at').execute();
    expect(runs).toHaveLength(4);
    for (const run of runs) {
      expect(run.queued_at).not.toBeNull();
      expect(run.recipients).toBeGreaterThan(0);
      const messages = await ctx.db.selectFrom('outbox').select(['status', 'provider_answer', 'sent_at']).where('run_id', '=', run.id).execute();
      expect(messages).toHaveLength(run.recipients);
      expect(messages.every((m) => m.status === 'sent' && m.provider_answer === 'log' && (m.sent_at as number) >= run.scheduled_at)).toBe(true);
    }
    expect(byStatus.running?.totals.sent).toBe(runs.filter((r) => r.campaign_id === byStatus.running?.id).reduce((n, r) => n + r.recipients, 0));
  });

  it('has sent every message of its weeks (campaigns and the warnings to traced contacts) before the server starts', async () => {
    const statuses = await ctx.db.selectFrom('outbox').select(['template', 'status']).execute();
    expect(statuses.some((m) => m.template === 'contact_warning')).toBe(true);
    expect(statuses.filter((m) => m.status !== 'sent')).toEqual([]);
  });

  it("has the demo commune's report of last week, Monday to Sunday", async () => {
    const submissions = await ctx.db.selectFrom('report_submissions').selectAll().execute();
    expect(submissions).toHaveLength(1);
    const [submission] = submissions;
    expect(submission?.unit_code).toBe(demo.commune.code);
    expect(new Date(`${submission?.period_from}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(new Date(`${submission?.period_to}T00:00:00Z`).getUTCDay()).toBe(0);
    expect(JSON.parse(submission?.snapshot ?? '{}').total.registered).toBeGreaterThan(0);
  });

  it('has cases with traced contacts, and a chain that grew through a contact who tested positive', async () => {
    const contacts = await ctx.db.selectFrom('contacts').select(['case_id']).execute();
    expect(new Set(contacts.map((c) => c.case_id)).size).toBeGreaterThan(3);
    expect(contacts.filter((c) => c.case_id === demo.chainCase.id).length).toBeGreaterThan(0);
    const grown = await ctx.db.selectFrom('cases').innerJoin('contacts', 'contacts.id', 'cases.from_contact_id').select('cases.code').where('contacts.case_id', '=', demo.chainCase.id).execute();
    expect(grown.length).toBeGreaterThan(0);
  });

  it('prints a login for every role, and each signs in as that role', async () => {
    expect(new Set(demo.logins.map((l) => l.role))).toEqual(new Set(ROLES));
    for (const login of demo.logins.filter((l) => l.username)) {
      const session = await signIn(app, { username: login.username as string, password: demo.password });
      const me = (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers })).json() as Me;
      expect(me.user).toMatchObject({ role: login.role });
      expect(me.scopeUnit?.code ?? null).toBe(login.unitCode);
    }
    const placesOf = async (phone: string) => {
      const session = await signInCitizen(app, ctx, phone);
      return (await app.inject({ method: 'GET', url: '/api/v1/places/mine', headers: session.headers })).json() as { items: Array<{ id: string; myRole: string }> };
    };
    const phoneOf = (role: string) => demo.logins.find((l) => l.role === role)?.phone as string;
    expect((await placesOf(phoneOf('place_owner'))).items).toContainEqual(expect.objectContaining({ id: demo.place.id, myRole: 'owner' }));
    expect((await placesOf(phoneOf('scanner_staff'))).items).toContainEqual(expect.objectContaining({ id: demo.place.id, myRole: 'staff' }));
    expect((await placesOf(phoneOf('citizen'))).items).toEqual([]);
  });
});
