import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { localDateOf } from '@phongdich/core';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestAccount, type TestContext } from '../../testing/test-context.js';
import { repeatWarnings } from './contacts.service.js';

type Place = { id: string; points: Array<{ url: string }> };
type Contact = { id: string; generation: number; personId: string | null; parentContactId: string | null; sources: string[]; placeName: string | null; exposureMinutes: number; score: number; status: string; phone: string | null; becameCaseId: string | null };

const MINUTE = 60_000;

describe.each(TEST_DIALECTS)('cases and tracing on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let health: SignedIn;
  let commune: SignedIn;
  let healthAccount: TestAccount;
  let communeAccount: TestAccount;
  let market: Place;
  let school: Place;
  const people: Record<string, SignedIn & { userId: string }> = {};
  let caseA: { id: string; code: string };

  const scan = (who: SignedIn, place: Place) =>
    app.inject({ method: 'POST', url: '/api/v1/scans', headers: who.headers, payload: { clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now(), token: place.points[0]?.url.split('/q/')[1] } });
  const get = (who: SignedIn, url: string) => app.inject({ url, headers: who.headers });
  const post = (who: SignedIn, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: who.headers, payload: payload as Record<string, unknown> });
  const contactsOf = async (caseId: string): Promise<Contact[]> => (await get(health, `/api/v1/cases/${caseId}/contacts`)).json().items;
  const warningsTo = async (template: string) => (await ctx.db.selectFrom('outbox').select(['recipient_enc']).where('template', '=', template).execute()).map((r) => ctx.cipher.decrypt('outbox.recipient', r.recipient_enc));

  async function register(name: string, communeCode: string, location: { lat: number; lon: number }, type: string): Promise<Place> {
    const response = await post(health, '/api/v1/places', { name, type, sector: 'health', communeCode, streetAddress: 'Trung tâm', location, contactName: 'Ban quản lý', contactPhone: '0912000000', points: ['Cổng chính'] });
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json();
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    healthAccount = await createTestAccount(ctx, 'health_official', { unitCode: '19' });
    communeAccount = await createTestAccount(ctx, 'official', { unitCode: '01843' });
    health = await signIn(app, healthAccount);
    market = await register('Chợ Bắc Kạn', '01843', { lat: 22.1468, lon: 105.8346 }, 'market');
    school = await register('Trường Phong Quang', '01849', { lat: 21.594, lon: 105.848 }, 'school');
    for (const [name, phone] of Object.entries({ a: '0944000001', b: '0944000002', c: '0944000003', d: '0944000004', e: '0944000005' })) {
      people[name] = await signInCitizen(app, ctx, phone);
    }
    const p = people as Record<'a' | 'b' | 'c' | 'd' | 'e', SignedIn>;
    // A and B at the market together for 20 minutes; C arrives half an hour after A left; D three hours later.
    await scan(p.a, market);
    await scan(p.b, market);
    ctx.clock.advance(20 * MINUTE);
    await scan(p.a, market);
    ctx.clock.advance(10 * MINUTE);
    await scan(p.b, market);
    ctx.clock.advance(20 * MINUTE);
    await scan(p.c, market);
    ctx.clock.advance(10 * MINUTE);
    await scan(p.c, market);
    ctx.clock.advance(3 * 60 * MINUTE);
    await scan(p.d, market);
    ctx.clock.advance(10 * MINUTE);
    await scan(p.d, market);
    // B then meets E at the school.
    ctx.clock.advance(30 * MINUTE);
    await scan(p.b, school);
    await scan(p.e, school);
    ctx.clock.advance(15 * MINUTE);
    await scan(p.b, school);
    await scan(p.e, school);
    ctx.clock.advance(20 * 60 * MINUTE);
    // The next morning: officials start a new working session.
    health = await signIn(app, healthAccount);
    commune = await signIn(app, communeAccount);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('registering a confirmed case finds F1 from check-ins (with the one-hour buffer) and F2 through them, and warns them', async () => {
    const today = localDateOf(ctx.clock.now());
    const response = await post(health, '/api/v1/cases', { phone: '0944000001', fullName: 'Hà Văn An', communeCode: '01843', classification: 'confirmed', testDate: today, testResult: 'positive' });
    expect(response.statusCode).toBe(201);
    caseA = response.json();
    expect(caseA.code).toMatch(/^BN-\d{5}$/);
    const contacts = await contactsOf(caseA.id);
    const byPerson = new Map(contacts.map((c) => [c.personId, c]));
    expect([...byPerson.keys()].sort()).toEqual([people.b?.userId, people.c?.userId, people.e?.userId].sort());
    expect(byPerson.get(people.b?.userId ?? '')).toMatchObject({ generation: 1, sources: ['presence'], placeName: 'Chợ Bắc Kạn', exposureMinutes: 20, phone: '+84944000002' });
    expect(byPerson.get(people.c?.userId ?? '')).toMatchObject({ generation: 1, exposureMinutes: 0, score: 10 });
    const e = byPerson.get(people.e?.userId ?? '');
    expect(e).toMatchObject({ generation: 2, placeName: 'Trường Phong Quang', parentContactId: byPerson.get(people.b?.userId ?? '')?.id });
    expect((await warningsTo('contact_warning')).sort()).toEqual(['+84944000002', '+84944000003']);
    expect(await warningsTo('contact_warning_indirect')).toEqual(['+84944000005']);
    const monitored = (await ctx.db.selectFrom('monitoring').select(['subject_id', 'reason_enc']).execute()).filter((m) => ctx.cipher.decrypt('monitoring.reason', m.reason_enc) === 'contact');
    expect(monitored.map((m) => m.subject_id).sort()).toEqual([people.b?.userId, people.c?.userId].sort());
  });

  it('the warned F1 sees the warning in the app; a stranger sees none', async () => {
    const warnings = (await get(people.b as SignedIn, '/api/v1/me/warnings')).json().items;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ placeName: 'Chợ Bắc Kạn', source: 'presence', generation: 1 });
    expect((await get(people.d as SignedIn, '/api/v1/me/warnings')).json().items).toEqual([]);
  });

  it('tracing again adds nobody twice and warns nobody twice; warnings repeat once as configured', async () => {
    const again = await post(health, `/api/v1/cases/${caseA.id}/trace`, {});
    expect(again.json()).toMatchObject({ added: 0, contacts: 3, byGeneration: { 1: 2, 2: 1 } });
    expect(await warningsTo('contact_warning')).toHaveLength(2);
    ctx.clock.advance(ctx.config.warningRepeatMs + MINUTE);
    expect(await repeatWarnings(ctx)).toBe(3);
    expect(await repeatWarnings(ctx)).toBe(0);
    expect(await warningsTo('contact_warning')).toHaveLength(4);
    health = await signIn(app, healthAccount);
    commune = await signIn(app, communeAccount);
  });

  it('the commune follows its contacts up: daily status, quarantine dates, with dates checked', async () => {
    const worklist = (await get(commune, '/api/v1/contacts')).json();
    expect(worklist.items.map((c: Contact) => c.personId).sort()).toEqual([people.b?.userId, people.c?.userId].sort());
    const c = worklist.items.find((x: Contact) => x.personId === people.c?.userId);
    expect(c.caseCode).toBe(caseA.code);
    const followup = await post(commune, `/api/v1/contacts/${c.id}/followups`, { date: localDateOf(ctx.clock.now()), status: 'well' });
    expect(followup.statusCode).toBe(201);
    expect(followup.json()).toMatchObject({ status: 'quarantined', lastFollowup: { status: 'well' } });
    const future = await post(commune, `/api/v1/contacts/${c.id}/followups`, { date: '2099-01-01', status: 'well' });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ error: 'date_in_future', field: 'date' });
    const badDates = await app.inject({ method: 'PATCH', url: `/api/v1/contacts/${c.id}`, headers: commune.headers, payload: { quarantineStart: '2026-11-10', quarantineEnd: '2026-11-05' } });
    expect(badDates.json()).toMatchObject({ error: 'date_order', field: 'quarantineEnd' });
    const team = await app.inject({ method: 'PATCH', url: `/api/v1/contacts/${c.id}`, headers: commune.headers, payload: { team: 'Tổ 3' } });
    expect(team.json()).toMatchObject({ team: 'Tổ 3' });
  });

  it('an F1 who tests positive becomes a case in one step; the chain grows through them', async () => {
    const b = (await contactsOf(caseA.id)).find((c) => c.personId === people.b?.userId) as Contact;
    const converted = await post(health, `/api/v1/contacts/${b.id}/convert`, { classification: 'confirmed', onsetDate: localDateOf(ctx.clock.now() - 2 * 86_400_000), testResult: 'positive', communeCode: '01843', fullName: 'Lò Thị Bình' });
    expect(converted.statusCode).toBe(201);
    const caseB = converted.json();
    expect(caseB).toMatchObject({ fromContactId: b.id, fullName: 'Lò Thị Bình' });
    expect((await contactsOf(caseA.id)).find((c) => c.id === b.id)).toMatchObject({ status: 'became_case', becameCaseId: caseB.id });
    // Case B's own contacts: E from the school; A is an active case, not anyone's contact.
    const ofB = await contactsOf(caseB.id);
    expect(ofB.map((c) => c.personId)).toContain(people.e?.userId);
    expect(ofB.map((c) => c.personId)).not.toContain(people.a?.userId);
    const chain = (await get(health, `/api/v1/cases/${caseB.id}/chain`)).json();
    expect(chain.nodes.filter((n: { kind: string }) => n.kind === 'case')).toHaveLength(2);
    expect(chain.nodes[0]).toMatchObject({ kind: 'case', caseId: caseA.id, generation: 0 });
    expect(chain.edges).toContainEqual(expect.objectContaining({ from: `contact:${b.id}`, to: `case:${caseB.id}`, source: 'became_case' }));
    expect(new Set(chain.nodes.map((n: { id: string }) => n.id)).size).toBe(chain.nodes.length);
    expect((await post(health, `/api/v1/contacts/${b.id}/convert`, { classification: 'confirmed', communeCode: '01843' })).statusCode).toBe(409);
    const indicators = (await get(health, '/api/v1/cases/indicators')).json();
    expect(indicators).toMatchObject({ activeCases: 2, newCases14d: 2, knownContactShare: 0.5, activeChains: 1 });
    const clusters = (await get(health, '/api/v1/cases/clusters')).json().items;
    expect(clusters.map((c: { placeName: string }) => c.placeName)).toEqual(['Chợ Bắc Kạn']);
    const visited = (await get(health, '/api/v1/cases/places?days=14')).json().items;
    expect(visited).toContainEqual(expect.objectContaining({ placeName: 'Chợ Bắc Kạn', caseCount: 2, lat: 22.1468 }));
    expect(visited).toContainEqual(expect.objectContaining({ placeName: 'Trường Phong Quang', caseCount: 1 }));
  });

  it('contacts named in the interview are added as F1 and warned', async () => {
    const added = await post(health, `/api/v1/cases/${caseA.id}/contacts`, { phone: '0944000009', name: 'Đinh Văn Tư', relation: 'colleague', lastContactAt: ctx.clock.now() - 60 * MINUTE });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ generation: 1, sources: ['interview'], score: 90 });
    expect(await warningsTo('contact_warning')).toContain('+84944000009');
  });

  it('finds the family members a case keeps in the app as household contacts', async () => {
    const member = await post(people.d as SignedIn, '/api/v1/family', { name: 'Lò Văn Con', relation: 'child', birthYear: 2015 });
    expect(member.statusCode).toBe(201);
    const registered = await post(health, '/api/v1/cases', { phone: '0944000004', fullName: 'Lò Văn Dũng', communeCode: '01843', classification: 'confirmed', onsetDate: localDateOf(ctx.clock.now() - 86_400_000) });
    expect(registered.statusCode).toBe(201);
    const household = (await contactsOf(registered.json().id)).find((c) => c.personId === member.json().id);
    expect(household).toMatchObject({ generation: 1, sources: ['household'], score: 100 });
  });

  it('exports the contact list and the cases as XLSX with Vietnamese headings', async () => {
    const response = await get(health, `/api/v1/cases/${caseA.id}/contacts/export.xlsx`);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Thế hệ');
    expect(sheet?.rowCount).toBe(5);
    const cases = await get(health, '/api/v1/cases/export.xlsx');
    await book.xlsx.load(cases.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.at(-1)?.getRow(1).getCell(1).value).toBe('Mã ca bệnh');
  });

  it('refuses bad input with the field named, duplicate cases, and officials without the health role', async () => {
    const bad = await post(health, '/api/v1/cases', { phone: '12', fullName: 'X', communeCode: '01843', classification: 'confirmed' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_input', field: 'phone' });
    const future = await post(health, '/api/v1/cases', { phone: '0944000007', fullName: 'Y', communeCode: '01843', classification: 'suspected', onsetDate: '2099-01-01' });
    expect(future.json()).toMatchObject({ error: 'date_in_future', field: 'onsetDate' });
    const twice = await post(health, '/api/v1/cases', { phone: '0944000001', fullName: 'Hà Văn An', communeCode: '01843', classification: 'confirmed' });
    expect(twice.statusCode).toBe(409);
    expect((await post(commune, '/api/v1/cases', { phone: '0944000008', fullName: 'Z', communeCode: '01843', classification: 'confirmed' })).statusCode).toBe(403);
    expect((await get(people.b as SignedIn, '/api/v1/contacts')).statusCode).toBe(403);
  });

  it('audits every view of cases and contacts', async () => {
    const reads = await ctx.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'personal_data.read').execute();
    const purposes = new Set(reads.map((r) => (JSON.parse(r.detail ?? '{}') as { purpose?: string }).purpose));
    for (const purpose of ['cases.contacts', 'cases.chain', 'contacts.worklist']) expect(purposes).toContain(purpose);
  });
});
