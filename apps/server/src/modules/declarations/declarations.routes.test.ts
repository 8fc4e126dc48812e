import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { domesticDeclaration } from '../../testing/declarations.js';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';

const person = (over: Record<string, unknown> = {}) => ({
  fullName: 'Nguyễn Thị Lan',
  idType: 'cccd',
  idNumber: '006 190 001 234',
  birthYear: 1990,
  gender: 'female',
  nationality: 'VN',
  phone: '0912 345 678',
  address: { provinceCode: '19', communeCode: '01843', street: 'Tổ 5, đường Trường Chinh' },
  ...over,
});

// The shared builder, with this file's fuller person (e-mail, street) in place of its plain one.
const domestic = (over: Record<string, unknown> = {}) => domesticDeclaration({ fullName: 'Nguyễn Thị Lan', phone: '0912 345 678', idNumber: '006 190 001 234' }, { person: person(), ...over });

const entry = (over: Record<string, unknown> = {}) => ({
  formVersion: 'entry@1',
  declaredFor: 'self',
  travellerType: 'expert_investor_worker',
  gateCode: 'noi-bai',
  person: person({ fullName: 'Kim Min-jun', idType: 'passport', idNumber: 'm12345678', birthYear: 1985, gender: 'male', nationality: 'KR', phone: '+82 10-1234-5678' }),
  vehicleType: 'plane',
  vehicleNumber: 'vn 417',
  seat: '12A',
  departureDate: '2026-10-31',
  entryDate: '2026-10-31',
  departureCountry: 'KR',
  departureProvince: 'Seoul',
  destinationProvinceCode: '19',
  visitedCountries: ['KR'],
  addressAfterQuarantine: { provinceCode: '19', communeCode: '01843', street: '2 Nguyễn Văn Tố' },
  symptoms: [],
  vaccines: [{ name: 'Comirnaty', doses: 3 }],
  animalContact: false,
  closeContactWithCase: false,
  quarantineChoice: 'home',
  testResult: 'negative',
  testDate: '2026-10-30',
  ...over,
});

function qrOfPdf(pdf: Buffer): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-decl-'));
  try {
    fs.writeFileSync(path.join(dir, 'f.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', path.join(dir, 'f.pdf'), path.join(dir, 'p')]);
    const page = fs.readdirSync(dir).find((f) => f.endsWith('.png')) ?? '';
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, page)));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(TEST_DIALECTS)('health declarations on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let citizen: SignedIn & { userId: string };
  let commune: SignedIn;
  let otherCommune: SignedIn;
  let health: SignedIn;
  let admin: SignedIn;

  const submit = (who: SignedIn, declaration: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/declarations', headers: who.headers, payload: { clientEventId: crypto.randomUUID(), declaration, ...extra } });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    citizen = await signInCitizen(app, ctx, '0912345678');
    commune = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01843' }));
    otherCommune = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01840' }));
    health = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    admin = await signIn(app, await createTestAccount(ctx, 'admin'));
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('stores a domestic declaration once per client event, and gives the personal QR', async () => {
    const status = (await app.inject({ url: '/api/v1/me/declaration-status', headers: citizen.headers })).json();
    expect(status).toMatchObject({ declarationDue: true, lastDeclaredAt: null, monitoring: null });
    const clientEventId = crypto.randomUUID();
    const first = await app.inject({ method: 'POST', url: '/api/v1/declarations', headers: citizen.headers, payload: { clientEventId, declaration: domestic() } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'domestic', formVersion: 'domestic@1', flagged: false, flagReasons: [], subject: { id: citizen.userId } });
    expect(first.json().personalQr.token).toMatch(/^PD1\./);
    const again = await app.inject({ method: 'POST', url: '/api/v1/declarations', headers: citizen.headers, payload: { clientEventId, declaration: domestic() } });
    expect(again.json().id).toBe(first.json().id);
    const stored = await ctx.db.selectFrom('declarations').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/Lan|190001234|Trường Chinh|912345678/);
    expect((await app.inject({ url: '/api/v1/me/declaration-status', headers: citizen.headers })).json().declarationDue).toBe(false);
    const latest = (await app.inject({ url: '/api/v1/declarations/mine/latest?kind=domestic', headers: citizen.headers })).json();
    expect(latest.declaration.person).toMatchObject({ fullName: 'Nguyễn Thị Lan', idNumber: '006190001234', phone: '+84912345678' });
  });

  it.each([
    ['a birth year in the future', domestic({ person: person({ birthYear: 2099 }) }), 'declaration.person.birthYear'],
    ['an ID number of the wrong shape', domestic({ person: person({ idNumber: '12AB' }) }), 'declaration.person.idNumber'],
    ['a phone that is not a phone', domestic({ person: person({ phone: '12345' }) }), 'declaration.person.phone'],
    ['an unknown commune', domestic({ person: person({ address: { provinceCode: '19', communeCode: '99999', street: 'x' } }) }), 'declaration.person.address.communeCode'],
    ['a missing answer', { ...domestic(), contactWithCase: undefined }, 'declaration.contactWithCase'],
    ['an unknown gate', entry({ gateCode: 'atlantis' }), 'declaration.gateCode'],
    ['free text over its limit', domestic({ visitedPlaces: 'x'.repeat(501) }), 'declaration.visitedPlaces'],
    ['an unknown form version', { ...domestic(), formVersion: 'domestic@9' }, 'declaration.formVersion'],
  ])('refuses %s, naming the field and storing nothing', async (_name, declaration, field) => {
    const before = await ctx.db.selectFrom('declarations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await submit(citizen, declaration as Record<string, unknown>);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_input', field });
    const after = await ctx.db.selectFrom('declarations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps a script in a text field as text', async () => {
    const response = await submit(citizen, domestic({ visitedPlaces: '<script>alert(1)</script>' }));
    expect(response.statusCode).toBe(201);
    const latest = (await app.inject({ url: '/api/v1/declarations/mine/latest?kind=domestic', headers: citizen.headers })).json();
    expect(latest.declaration.visitedPlaces).toBe('<script>alert(1)</script>');
  });

  it('flags a declaration with fever for the commune, which handles it; other communes do not see it', async () => {
    const feverish = await signInCitizen(app, ctx, '0912000777');
    const response = await submit(feverish, domestic({ person: person({ fullName: 'Lò Văn Sốt', phone: '0912000777', idNumber: '006190009999' }), symptoms: ['fever', 'cough'] }));
    expect(response.json()).toMatchObject({ flagged: true, flagReasons: ['any_symptom'] });
    const flags = (await app.inject({ url: '/api/v1/declaration-flags', headers: commune.headers })).json().items;
    expect(flags).toEqual([expect.objectContaining({ fullName: 'Lò Văn Sốt', reasons: ['any_symptom'], status: 'open', communeName: 'Phường Bắc Kạn' })]);
    expect((await app.inject({ url: '/api/v1/declaration-flags', headers: otherCommune.headers })).json().items).toEqual([]);
    expect((await app.inject({ method: 'POST', url: `/api/v1/declaration-flags/${flags[0].id}/handle`, headers: otherCommune.headers, payload: { note: 'x' } })).statusCode).toBe(403);
    const handled = await app.inject({ method: 'POST', url: `/api/v1/declaration-flags/${flags[0].id}/handle`, headers: commune.headers, payload: { note: 'Đã gọi điện, hướng dẫn đi xét nghiệm' } });
    expect(handled.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/declaration-flags?status=handled', headers: health.headers })).json().items[0]).toMatchObject({ status: 'handled', note: 'Đã gọi điện, hướng dẫn đi xét nghiệm' });
  });

  it('finds declarations by exact phone, ID number or name, and audits every one shown', async () => {
    const byPhone = (await app.inject({ url: '/api/v1/declarations?phone=0912000777', headers: commune.headers })).json();
    expect(byPhone.items.map((d: { fullName: string }) => d.fullName)).toEqual(['Lò Văn Sốt']);
    const byId = (await app.inject({ url: '/api/v1/declarations?idNumber=006 190 009 999', headers: commune.headers })).json();
    expect(byId.total).toBe(1);
    const byName = (await app.inject({ url: '/api/v1/declarations?name=lo%20van%20sot', headers: commune.headers })).json();
    expect(byName.total).toBe(1);
    expect((await app.inject({ url: '/api/v1/declarations?name=lo%20van', headers: commune.headers })).json().total).toBe(0);
    expect((await app.inject({ url: '/api/v1/declarations?phone=0912000777', headers: otherCommune.headers })).json().total).toBe(0);
    const audited = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'personal_data.read').where('subject_type', '=', 'declaration').execute();
    expect(audited.length).toBeGreaterThanOrEqual(4);
    const flagged = (await app.inject({ url: '/api/v1/declarations?flagged=true&kind=domestic', headers: commune.headers })).json();
    expect(flagged.total).toBe(1);
    const one = (await app.inject({ url: `/api/v1/declarations/${flagged.items[0].id}`, headers: health.headers })).json();
    expect(one.declaration.symptoms).toEqual(['fever', 'cough']);
    expect((await app.inject({ url: `/api/v1/declarations/${flagged.items[0].id}`, headers: otherCommune.headers })).statusCode).toBe(403);
  });

  it('declares for a family member, who gets their own personal QR; nobody else may', async () => {
    const member = (await app.inject({ method: 'POST', url: '/api/v1/family', headers: citizen.headers, payload: { name: 'Nguyễn Văn Bé', relation: 'child', birthYear: 2018 } })).json();
    expect(member).toMatchObject({ displayName: 'Nguyễn V. B.', relation: 'child' });
    const child = domestic({ declaredFor: 'family', person: person({ fullName: 'Nguyễn Văn Bé', idType: 'none', idNumber: '', birthYear: 2018, gender: 'male' }) });
    const receipt = (await submit(citizen, child, { subjectId: member.id })).json();
    expect(receipt.subject).toEqual({ id: member.id, displayName: 'Nguyễn V. B.' });
    const own = (await app.inject({ url: '/api/v1/me/qr', headers: citizen.headers })).json();
    expect(receipt.personalQr.token).not.toBe(own.token);
    const stranger = await signInCitizen(app, ctx, '0912000888');
    expect((await submit(stranger, child, { subjectId: member.id })).statusCode).toBe(403);
    const mine = (await app.inject({ url: '/api/v1/declarations/mine', headers: citizen.headers })).json().items;
    expect(mine.map((d: { subjectName: string }) => d.subjectName)).toContain('Nguyễn V. B.');

    // The one who declared reads it back in full; the stranger learns nothing, not even that it exists.
    const readBack = await app.inject({ url: `/api/v1/declarations/mine/${receipt.id}`, headers: citizen.headers });
    expect(readBack.statusCode).toBe(200);
    expect(readBack.json().summary).toMatchObject({ id: receipt.id, subjectId: member.id, subjectName: 'Nguyễn V. B.', kind: 'domestic' });
    expect(readBack.json().declaration.person).toMatchObject({ fullName: 'Nguyễn Văn Bé', birthYear: 2018 });
    const theirs = await app.inject({ url: `/api/v1/declarations/mine/${receipt.id}`, headers: stranger.headers });
    const unknown = await app.inject({ url: `/api/v1/declarations/mine/${crypto.randomUUID()}`, headers: stranger.headers });
    expect([theirs.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(theirs.json()).toEqual(unknown.json());
    expect(theirs.body).not.toContain('Nguyễn');
  });

  it('corrects a declaration: the new version is current and the old one stays', async () => {
    const first = (await submit(citizen, domestic({ visitedPlaces: 'Chợ Mới' }))).json();
    const corrected = await app.inject({ method: 'PUT', url: `/api/v1/declarations/${first.id}`, headers: citizen.headers, payload: { clientEventId: crypto.randomUUID(), declaration: domestic({ visitedPlaces: 'Chợ Đồn' }) } });
    expect(corrected.statusCode).toBe(200);
    const rows = await ctx.db.selectFrom('declarations').select(['id', 'status', 'supersedes_id']).where((eb) => eb.or([eb('id', '=', first.id), eb('id', '=', corrected.json().id)])).execute();
    expect(rows).toEqual(expect.arrayContaining([{ id: first.id, status: 'superseded', supersedes_id: null }, { id: corrected.json().id, status: 'current', supersedes_id: first.id }]));
  });

  it('places a person under monitoring: daily updates are due, and the commune sees who sent one', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/v1/monitoring', headers: health.headers, payload: { phone: '0912345678', days: 14, reason: 'F1 của ca bệnh', communeCode: '01843' } });
    expect(started.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/v1/monitoring', headers: commune.headers, payload: { phone: '0912345678', days: 14, reason: 'x', communeCode: '01843' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/me/declaration-status', headers: citizen.headers })).json().monitoring).toMatchObject({ dailyUpdateDue: true });
    expect((await app.inject({ url: '/api/v1/monitoring', headers: commune.headers })).json().items[0]).toMatchObject({ updatedToday: false, reason: 'F1 của ca bệnh' });
    const update = { formVersion: 'daily_update@1', declaredFor: 'self', person: person(), date: new Date(ctx.clock.now() + 7 * 3_600_000).toISOString().slice(0, 10), symptoms: ['healthy'] };
    expect((await submit(citizen, update)).statusCode).toBe(201);
    expect((await app.inject({ url: '/api/v1/me/declaration-status', headers: citizen.headers })).json().monitoring).toMatchObject({ dailyUpdateDue: false });
    expect((await app.inject({ url: '/api/v1/monitoring', headers: commune.headers })).json().items[0]).toMatchObject({ updatedToday: true });
  });

  it('flags arrivals from an affected country once health officials mark it, and lists arrivals per gate and day', async () => {
    expect((await app.inject({ method: 'PUT', url: '/api/v1/risk-settings', headers: commune.headers, payload: { affectedCountries: ['KR'], affectedUnits: [] } })).statusCode).toBe(403);
    await app.inject({ method: 'PUT', url: '/api/v1/risk-settings', headers: health.headers, payload: { affectedCountries: ['KR'], affectedUnits: [] } });
    const traveller = await signInCitizen(app, ctx, '0912000999');
    const receipt = (await submit(traveller, entry())).json();
    expect(receipt).toMatchObject({ kind: 'entry', flagged: true, flagReasons: ['arrival_from_affected_area'] });
    const listed = (await app.inject({ url: '/api/v1/arrivals?gate=noi-bai&date=2026-10-31', headers: admin.headers })).json().items;
    expect(listed.map((d: { fullName: string }) => d.fullName)).toEqual(['Kim Min-jun']);
    expect((await app.inject({ url: '/api/v1/arrivals?gate=noi-bai&date=2026-10-31', headers: health.headers })).statusCode).toBe(403);
    const pdf = await app.inject({ url: `/api/v1/arrivals/${receipt.id}/confirmation.pdf`, headers: admin.headers });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(qrOfPdf(pdf.rawPayload)).toBe(receipt.personalQr.token);
  });

  it('takes citizens’ reports with a photo to the commune’s worklist, which forwards them', async () => {
    const photo = `data:image/png;base64,${PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), {})).toString('base64')}`;
    const created = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.headers, payload: { kind: 'place_not_enforcing', description: 'Quán karaoke không quét mã', communeCode: '01843', location: { lat: 22.14, lon: 105.83 }, photo } });
    expect(created.statusCode).toBe(201);
    const reports = (await app.inject({ url: '/api/v1/reports?status=open', headers: commune.headers })).json().items;
    expect(reports[0]).toMatchObject({ kind: 'place_not_enforcing', description: 'Quán karaoke không quét mã', hasPhoto: true });
    const image = await app.inject({ url: `/api/v1/reports/${reports[0].id}/photo`, headers: commune.headers });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await app.inject({ url: '/api/v1/reports', headers: otherCommune.headers })).json().items).toEqual([]);
    await app.inject({ method: 'POST', url: `/api/v1/reports/${reports[0].id}`, headers: commune.headers, payload: { action: 'forward', reason: 'Chuyển đoàn kiểm tra liên ngành' } });
    expect((await app.inject({ url: '/api/v1/reports?status=forwarded', headers: health.headers })).json().items).toHaveLength(1);
    expect((await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.headers, payload: { kind: 'other', description: 'x', communeCode: '01843', photo: 'data:text/html;base64,PHNjcmlwdD4=' } })).statusCode).toBe(400);
  });

  it('exports declarations with Vietnamese headings', async () => {
    const response = await app.inject({ url: '/api/v1/declarations/export.xlsx?flagged=true', headers: commune.headers });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual(expect.arrayContaining(['Họ và tên', 'Có dấu hiệu nguy cơ', 'Lý do']));
    const rows = [2, 3].map((n) => sheet?.getRow(n).values);
    expect(rows).toEqual(expect.arrayContaining([expect.arrayContaining(['Lò Văn Sốt', 'Có', 'Có triệu chứng']), expect.arrayContaining(['Kim Min-jun', 'Đến từ vùng dịch'])]));
  });

  it('answers a client event that another server process is storing at that very moment with its declaration', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/v1/declarations', headers: admin.headers, payload: { clientEventId: crypto.randomUUID(), declaration: domestic() } });
    const row = await ctx.db.selectFrom('declarations').selectAll().where('id', '=', first.json().id).executeTakeFirstOrThrow();
    // Another process (the same declaration resent to it by an impatient phone) has stored it and not committed yet.
    const theirs = { ...row, id: crypto.randomUUID(), client_event_id: crypto.randomUUID() };
    let commit = () => {};
    let stored = () => {};
    const declarationStored = new Promise<void>((resolve) => (stored = resolve));
    const other = ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('declarations').values(theirs).execute();
      stored();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await declarationStored;
    const racing = app.inject({ method: 'POST', url: '/api/v1/declarations', headers: admin.headers, payload: { clientEventId: theirs.client_event_id, declaration: domestic() } });
    // PostgreSQL: our insert waits for the other transaction, then meets its row. SQLite: the request waits for the connection.
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await other;
    const answer = await racing;
    expect(answer.statusCode).toBe(201);
    expect(answer.json().id).toBe(theirs.id);
    expect(await ctx.db.selectFrom('declarations').select('id').where('client_event_id', '=', theirs.client_event_id).execute()).toHaveLength(1);
  });
});
