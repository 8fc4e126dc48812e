import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestAccount, type TestContext } from '../../testing/test-context.js';
import { unitTree } from '../units/index.js';
import { runDueCampaigns } from './campaigns.job.js';
import { deliverDueMessages } from './delivery.service.js';
import { enqueueMessage } from './outbox.service.js';
import { closeProviders } from './providers.js';
import { domesticDeclaration } from '../../testing/declarations.js';

const declaration = (communeCode: string, phone: string) =>
  domesticDeclaration({ fullName: 'Nguyễn Thị Lan', phone, communeCode, idNumber: `006 190 ${phone.slice(-6, -3)} ${phone.slice(-3)}` }, { visitedPlaces: '' });

const WEEK = 7 * 86_400_000;

describe.each(TEST_DIALECTS)('campaigns on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let province: SignedIn;
  let commune: SignedIn;
  let district: string;
  let otherDistrict: string;
  let optedOut: SignedIn;
  let provinceAccount: TestAccount;
  // Sessions lapse after hours of inactivity; tests that skip weeks sign in again.
  const again = async () => {
    province = await signIn(app, provinceAccount);
  };

  const post = (url: string, who: SignedIn, payload: unknown) => app.inject({ method: 'POST', url, headers: who.headers, payload: payload as Record<string, unknown> });
  const get = (url: string, who: SignedIn) => app.inject({ url, headers: who.headers });
  const campaignRows = (id: string) => ctx.db.selectFrom('outbox').selectAll().where('campaign_id', '=', id).execute();
  const weekly = (over: Record<string, unknown> = {}) => ({
    name: 'Nhắc cài đặt PhongDich',
    channel: 'sms',
    audience: { kind: 'citizens', unitCode: district },
    template: { vi: 'PhongDich: người dân {unit} hãy khai báo y tế tại {url}. Đường dây nóng {hotline}.', en: 'PhongDich: residents of {unit}, declare your health at {url}. Hotline {hotline}.' },
    startAt: ctx.clock.now() + 3_600_000,
    recurrence: { frequency: 'weekly', interval: 1, count: 8 },
    ...over,
  });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    // The test installation has two tiers (province, communes): the audience is a commune.
    district = '01843';
    otherDistrict = '01840';
    const elsewhere = otherDistrict;
    provinceAccount = await createTestAccount(ctx, 'health_official', { unitCode: '19' });
    province = await signIn(app, provinceAccount);
    commune = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01843' }));
    const phones = ['0956200001', '0956200002', '0956200003'];
    const citizens: SignedIn[] = [];
    for (const phone of phones) {
      const citizen = await signInCitizen(app, ctx, phone);
      citizens.push(citizen);
      const declared = await post('/api/v1/declarations', citizen, { clientEventId: crypto.randomUUID(), declaration: declaration('01843', phone) });
      expect(declared.statusCode).toBe(201);
    }
    const outsider = await signInCitizen(app, ctx, '0956200009');
    await post('/api/v1/declarations', outsider, { clientEventId: crypto.randomUUID(), declaration: declaration(elsewhere, '0956200009') });
    optedOut = citizens[2] as SignedIn;
    // Four sign-ins and declarations: slow on a busy machine.
  }, 60_000);
  afterAll(async () => {
    if (!ctx) return;
    await closeProviders(ctx);
    await app?.close();
    await ctx.cleanup();
  });

  it('lets a citizen opt out of campaigns on the account page, but not of warnings', async () => {
    const before = (await get('/api/v1/account/messages', optedOut)).json();
    expect(before).toMatchObject({ campaignsOptOut: false, mandatory: expect.arrayContaining(['contact_warning', 'sign_in_code']) });
    const after = await app.inject({ method: 'PATCH', url: '/api/v1/account/messages', headers: optedOut.headers, payload: { campaignsOptOut: true } });
    expect(after.json()).toMatchObject({ campaignsOptOut: true });
    // A warning required by law still reaches the opted-out phone.
    expect(await enqueueMessage(ctx, { channel: 'sms', recipient: '+84956200003', template: 'contact_warning', language: 'vi', vars: { place: 'Chợ', date: '01/11/2026', time: '08:00', until: '14/11/2026', hotline: '1900' }, dedupeKey: 'warn-opted-out' })).toBe(true);
    expect(await enqueueMessage(ctx, { channel: 'sms', recipient: '+84956200003', template: 'place_reminder', language: 'vi', vars: { place: 'Chợ', url: 'x' } })).toBe(false);
  });

  it('previews the message, its reach without the opted-out citizen, and the eight weekly runs', async () => {
    const response = await post('/api/v1/campaigns/preview', province, weekly());
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    const unitName = unitTree(ctx).get(district)?.name as string;
    expect(preview.vi.text).toBe(`PhongDich: người dân ${unitName} hãy khai báo y tế tại ${ctx.config.baseUrl}. Đường dây nóng ${ctx.config.healthHotline}.`);
    expect(preview.vi).toMatchObject({ encoding: 'ucs2', parts: 2 });
    expect(preview.en.encoding).toBe('ucs2');
    expect(preview).toMatchObject({ recipients: 2, skippedOptOut: 1, skippedNoAddress: 0, runCount: 8, quietHoursApply: false, listProblems: [] });
    expect(preview.runTimes[7] - preview.runTimes[0]).toBe(7 * WEEK);
    expect(await ctx.db.selectFrom('campaigns').select('id').execute()).toHaveLength(0);
  });

  it.each([
    ['an unknown variable, naming it', { template: { vi: 'Xin chào {ten}', en: 'Hello {unit}' } }, 400, 'template_variable_unknown', 'template.vi'],
    ['a recurrence with no end', { recurrence: { frequency: 'weekly', interval: 1 } }, 400, 'recurrence_end_required', 'recurrence'],
    ['a daily recurrence of two years', { recurrence: { frequency: 'daily', interval: 1, until: '2028-12-31' } }, 400, 'recurrence_too_long', 'recurrence'],
    ['a start in the past', { startAt: Date.UTC(2026, 0, 1) }, 400, 'campaign_start_past', 'startAt'],
  ])('refuses %s', async (_name, over, status, code, field) => {
    for (const url of ['/api/v1/campaigns/preview', '/api/v1/campaigns']) {
      const response = await post(url, province, weekly(over));
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ error: code, field });
    }
    const unknown = (await post('/api/v1/campaigns', province, weekly({ template: { vi: 'Xin chào {ten}', en: 'Hello {unit}' } }))).json();
    expect(unknown.details).toEqual({ variables: ['ten'] });
    expect(unknown.message).toContain('{ten}');
  });

  it('reports every bad row of a custom list, and refuses to create the campaign with them', async () => {
    const list = 'Số điện thoại,Ngôn ngữ\n0912 345 678,vi\n12345,vi\n0912345678,en\n+84 913 000 111,klingon\n';
    const check = (await post('/api/v1/campaigns/recipients/check', province, { channel: 'sms', list })).json();
    expect(check).toEqual({ valid: 1, duplicates: 1, problems: [{ row: 3, value: '12345', problem: 'phone_invalid' }, { row: 5, value: 'klingon', problem: 'language_invalid' }] });
    const refused = await post('/api/v1/campaigns', province, weekly({ audience: { kind: 'custom', list } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'custom_list_invalid', field: 'audience.list', details: { rows: [{ row: 3 }, { row: 5 }] } });
  });

  it('sends a custom list in each row\'s language, skipping a listed phone that opted out', async () => {
    await again();
    const list = 'phone;language\n0912 345 601;vi\n0912 345 602;en\n0956 200 003;vi\n';
    const campaign = (await post('/api/v1/campaigns', province, weekly({ audience: { kind: 'custom', list }, startAt: null, recurrence: null }))).json();
    expect(campaign).toMatchObject({ status: 'scheduled', audience: { kind: 'custom', unitCode: null, listSize: 3 } });
    expect(await runDueCampaigns(ctx)).toBe(1);
    const rows = await campaignRows(campaign.id);
    const byPhone = new Map(rows.map((r) => [ctx.cipher.decrypt('outbox.recipient', r.recipient_enc), ctx.cipher.decrypt('outbox.body', r.body_enc)]));
    expect([...byPhone.keys()].sort()).toEqual(['+84912345601', '+84912345602']);
    expect(byPhone.get('+84912345602')).toMatch(/^PhongDich: residents of /);
    expect(byPhone.get('+84912345601')).toMatch(/^PhongDich: người dân /);
    expect((await get(`/api/v1/campaigns/${campaign.id}`, province)).json()).toMatchObject({ status: 'completed', totals: { recipients: 2, skippedOptOut: 1 } });
  });

  it('refuses an empty audience and another area', async () => {
    const empty = await post('/api/v1/campaigns', province, weekly({ audience: { kind: 'place_owners', unitCode: district, sector: null } }));
    expect(empty.json()).toMatchObject({ error: 'audience_empty' });
    const foreign = await post('/api/v1/campaigns/preview', commune, weekly({ audience: { kind: 'citizens', unitCode: otherDistrict } }));
    expect(foreign.statusCode).toBe(403);
    const schools = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01843', sector: 'education' }));
    const allSectors = await post('/api/v1/campaigns/preview', schools, weekly({ audience: { kind: 'place_owners', unitCode: '01843', sector: null } }));
    expect(allSectors.json()).toMatchObject({ error: 'out_of_scope', field: 'audience.sector' });
    expect((await post('/api/v1/campaigns/preview', schools, weekly({ audience: { kind: 'place_owners', unitCode: '01843', sector: 'education' } }))).statusCode).toBe(200);
    const citizen = await post('/api/v1/campaigns/preview', optedOut, weekly());
    expect(citizen.statusCode).toBe(403);
  });

  it('sends a test to the official, asking for a phone the first time', async () => {
    const draft = { channel: 'sms', template: weekly().template, language: 'vi' };
    expect((await post('/api/v1/campaigns/test', province, draft)).json()).toMatchObject({ error: 'test_address_required', field: 'phone' });
    expect((await post('/api/v1/campaigns/test', province, { ...draft, phone: '123' })).json()).toMatchObject({ error: 'invalid_input', field: 'phone' });
    const sent = await post('/api/v1/campaigns/test', province, { ...draft, phone: '0912 999 001' });
    expect(sent.statusCode).toBe(202);
    expect(sent.json().recipientMasked).toMatch(/001$/);
    // The phone is remembered: the next test needs none.
    expect((await post('/api/v1/campaigns/test', province, draft)).statusCode).toBe(202);
    await deliverDueMessages(ctx);
    const tests = await ctx.db.selectFrom('outbox').selectAll().where('template', '=', 'campaign_test').execute();
    expect(tests).toHaveLength(2);
    expect(tests.every((t) => t.status === 'sent')).toBe(true);
    expect(ctx.cipher.decrypt('outbox.body', tests[0]?.body_enc as string)).toContain('hãy khai báo y tế');
  });

  it('runs a weekly campaign: each run queues its messages once, delivery figures add up, and it ends after the last run', async () => {
    const created = await post('/api/v1/campaigns', province, weekly());
    expect(created.statusCode).toBe(201);
    const campaign = created.json();
    expect(campaign).toMatchObject({ status: 'scheduled', runCount: 8, runsDone: 0, audience: { kind: 'citizens', unitCode: district } });
    expect(await runDueCampaigns(ctx)).toBe(0);
    ctx.clock.advance(3_600_000);
    expect(await runDueCampaigns(ctx)).toBe(1);
    expect(await runDueCampaigns(ctx)).toBe(0);
    const first = await campaignRows(campaign.id);
    expect(first).toHaveLength(2);
    expect(first.map((r) => ctx.cipher.decrypt('outbox.recipient', r.recipient_enc)).sort()).toEqual(['+84956200001', '+84956200002']);
    await deliverDueMessages(ctx);
    const detail = (await get(`/api/v1/campaigns/${campaign.id}`, province)).json();
    expect(detail).toMatchObject({ status: 'running', runsDone: 1, nextRunAt: campaign.startAt + WEEK, totals: { recipients: 2, skippedOptOut: 1, sent: 2, queued: 0, failed: 0 } });
    expect(detail.runs).toEqual([expect.objectContaining({ number: 1, recipients: 2, sent: 2 })]);
    // The commune's officials see the campaign to their commune; a neighbouring commune's do not.
    expect((await get('/api/v1/campaigns', commune)).json().items.map((c: { id: string }) => c.id)).toContain(campaign.id);
    const neighbour = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: otherDistrict }));
    expect((await get('/api/v1/campaigns', neighbour)).json().items).toHaveLength(0);
    expect((await get(`/api/v1/campaigns/${campaign.id}`, neighbour)).json()).toMatchObject({ error: 'campaign_not_found' });
    for (let week = 2; week <= 8; week++) {
      ctx.clock.advance(WEEK);
      expect(await runDueCampaigns(ctx)).toBe(1);
    }
    ctx.clock.advance(WEEK);
    expect(await runDueCampaigns(ctx)).toBe(0);
    await again();
    const done = (await get(`/api/v1/campaigns/${campaign.id}`, province)).json();
    expect(done).toMatchObject({ status: 'completed', runsDone: 8, nextRunAt: null, totals: { recipients: 16, queued: 14, sent: 2 } });
    expect((await get('/api/v1/campaigns', province)).json().items[0]).toMatchObject({ id: campaign.id, totals: { recipients: 16 } });
  });

  it('holds runs while paused, and cancelling withdraws the messages not yet sent', async () => {
    const campaign = (await post('/api/v1/campaigns', province, weekly({ startAt: null, recurrence: { frequency: 'daily', interval: 1, until: '2027-06-01' } }))).json();
    expect(await runDueCampaigns(ctx)).toBe(1);
    expect((await post(`/api/v1/campaigns/${campaign.id}/pause`, province, {})).json()).toMatchObject({ status: 'paused' });
    ctx.clock.advance(3 * 86_400_000);
    expect(await runDueCampaigns(ctx)).toBe(0);
    // The messages of the run already queued wait too.
    await deliverDueMessages(ctx);
    expect((await campaignRows(campaign.id)).map((r) => r.status)).toEqual(['queued', 'queued']);
    await again();
    expect((await post(`/api/v1/campaigns/${campaign.id}/resume`, province, {})).json()).toMatchObject({ status: 'running' });
    expect(await runDueCampaigns(ctx)).toBe(1);
    // The runs missed while paused are skipped, not sent in a burst.
    expect(await runDueCampaigns(ctx)).toBe(0);
    expect((await campaignRows(campaign.id)).every((r) => r.next_attempt_at <= ctx.clock.now())).toBe(true);
    const cancelled = (await post(`/api/v1/campaigns/${campaign.id}/cancel`, province, {})).json();
    expect(cancelled).toMatchObject({ status: 'cancelled', runsDone: 2, nextRunAt: null, totals: { recipients: 4, failed: 4, queued: 0 } });
    expect((await campaignRows(campaign.id)).every((r) => r.status === 'failed' && r.provider_answer === 'campaign cancelled')).toBe(true);
    expect((await post(`/api/v1/campaigns/${campaign.id}/cancel`, province, {})).statusCode).toBe(409);
    ctx.clock.advance(86_400_000);
    expect(await runDueCampaigns(ctx)).toBe(0);
  });

  it('resumes a run a crash interrupted, without messaging anyone twice', async () => {
    await again();
    const campaign = (await post('/api/v1/campaigns', province, weekly({ startAt: null, recurrence: null }))).json();
    expect(await runDueCampaigns(ctx)).toBe(1);
    const run = await ctx.db.selectFrom('campaign_runs').selectAll().where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow();
    // As if the process died after the run was created and before its fan-out was recorded.
    await ctx.db.updateTable('campaign_runs').set({ queued_at: null }).where('id', '=', run.id).execute();
    await ctx.db.deleteFrom('outbox').where('id', '=', (await campaignRows(campaign.id))[0]?.id as string).execute();
    ctx.clock.advance(11 * 60_000);
    expect(await runDueCampaigns(ctx)).toBe(1);
    await again();
    expect(await campaignRows(campaign.id)).toHaveLength(2);
    expect((await get(`/api/v1/campaigns/${campaign.id}`, province)).json()).toMatchObject({ status: 'completed', runsDone: 1 });
  });
});
