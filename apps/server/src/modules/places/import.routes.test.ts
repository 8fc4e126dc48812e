import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestContext } from '../../testing/test-context.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADINGS = ['Tên địa điểm', 'Loại hình', 'Lĩnh vực quản lý', 'Mã xã/phường', 'Địa chỉ', 'Người liên hệ', 'Số điện thoại liên hệ', 'Các điểm quét (cách nhau bởi ;)'];

async function xlsx(rows: Array<Array<string | number>>, headings = HEADINGS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(headings);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(rows: string[][], headings = HEADINGS): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from([headings, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'), 'utf8');
}

/** Rows of a commune's list: shops, markets and schools in Phường Bắc Kạn. */
function listRows(count: number, prefix = 'Cửa hàng'): string[][] {
  return Array.from({ length: count }, (_, i) => [`${prefix} số ${i + 1}`, i % 3 === 0 ? 'Chợ' : 'restaurant_cafe', '', '01843', `Số ${i + 1}, tổ ${(i % 20) + 1}`, `Chủ hộ ${i + 1}`, `09${String(10_000_000 + i).padStart(8, '0')}`, i % 2 ? 'Cổng chính; Quầy thu ngân' : '']);
}

describe.each(TEST_DIALECTS)('imports, targets and exports on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let official: SignedIn;

  const upload = (body: Buffer, query: string, type = XLSX, headers = official.headers) =>
    app.inject({ method: 'POST', url: `/api/v1/places/import?${query}`, headers: { ...headers, 'content-type': type }, payload: body });

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { IMPORT_MAX_ROWS: '1000' });
    app = await createTestApp(ctx);
    official = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01843' }));
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('offers a template with Vietnamese headings and the accepted values', async () => {
    const response = await app.inject({ url: '/api/v1/places/import-template.xlsx', headers: official.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Loại hình', 'Lĩnh vực', 'Xã phường']);
    expect((workbook.worksheets[0]?.getRow(1).values as string[]).slice(1, 4)).toEqual(['Tên địa điểm', 'Loại hình', 'Lĩnh vực quản lý']);
    expect(workbook.getWorksheet('Xã phường')?.getRow(2).values).toEqual([undefined, '01843', 'Phường Bắc Kạn']);
  });

  it('imports a 500-row list of targets, and shows which places are still missing', async () => {
    const targetHeadings = ['Tên địa điểm', 'Loại hình', 'Mã xã/phường', 'Địa chỉ', 'Ghi chú'];
    const rows = listRows(500, 'Cơ sở').map((r) => [r[0] ?? '', r[1] ?? '', r[3] ?? '', r[4] ?? '', 'Danh sách UBND phường']);
    const dry = (await upload(await xlsx(rows, targetHeadings), 'kind=targets&dryRun=true')).json();
    expect(dry).toMatchObject({ kind: 'targets', dryRun: true, rows: 500, imported: 0, errors: [], fileErrors: [] });
    expect((await app.inject({ url: '/api/v1/targets', headers: official.headers })).json().total).toBe(0);
    const done = (await upload(await xlsx(rows, targetHeadings), 'kind=targets')).json();
    expect(done).toMatchObject({ rows: 500, imported: 500, errors: [] });
    const listed = (await app.inject({ url: '/api/v1/targets?status=missing&limit=5', headers: official.headers })).json();
    expect(listed).toMatchObject({ total: 500, registered: 0, missing: 500 });
  });

  it('imports places all at once; registered places tick off the target list', async () => {
    const rows = listRows(120, 'Cơ sở');
    const report = (await upload(await xlsx(rows), 'kind=places')).json();
    expect(report).toMatchObject({ rows: 120, imported: 120, errors: [], fileErrors: [] });
    const places = (await app.inject({ url: '/api/v1/places?limit=1&q=co%20so%20so%202', headers: official.headers })).json();
    expect(places.items[0]).toMatchObject({ registrationChannel: 'import', status: 'active' });
    const targets = (await app.inject({ url: '/api/v1/targets?limit=1', headers: official.headers })).json();
    expect(targets).toMatchObject({ registered: 120, missing: 380 });
    const missing = (await app.inject({ url: '/api/v1/targets?status=missing&q=co%20so%20so%20121', headers: official.headers })).json();
    expect(missing.items.map((t: { name: string }) => t.name)).toEqual(['Cơ sở số 121']);
  });

  it('reports every bad row by row and column, and imports nothing', async () => {
    const rows = listRows(6, 'Quán');
    rows[1] = ['', 'Chợ', '', '01843', 'Số 2', 'Ai đó', '0912345678', ''];
    rows[2] = ['Quán lạ', 'sòng bạc', '', '01843', 'Số 3', 'Ai đó', '0912345678', ''];
    rows[3] = ['Quán xa', 'Chợ', '', '00004', 'Số 4', 'Ai đó', '0912345678', ''];
    rows[4] = ['Quán số 1', 'Chợ', '', '01843', 'Số 1, tổ 1', 'Ai đó', '12345', ''];
    rows[5] = ['Quán số 1', 'Chợ', '', '01843', 'Số 1, tổ 1', 'Ai đó', '0912345678', ''];
    const report = (await upload(await xlsx(rows), 'kind=places', XLSX, { ...official.headers, 'accept-language': 'en' })).json();
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([
      { row: 3, column: 'Tên địa điểm', message: 'This is required.' },
      { row: 4, column: 'Loại hình', message: 'Not one of the allowed values.' },
      { row: 5, column: 'Mã xã/phường', message: 'This unit is not in the province this installation serves.' },
      { row: 6, column: 'Số điện thoại liên hệ', message: 'Not a valid phone number. Enter 10 digits, e.g. 0912345678.' },
      { row: 7, column: 'Tên địa điểm', message: 'Same place as row 2.' },
    ]);
    const none = (await app.inject({ url: '/api/v1/places?q=quan', headers: official.headers })).json();
    expect(none.total).toBe(0);
  });

  it('refuses files with wrong columns, wrong encoding, too many rows or that are not spreadsheets — with a report', async () => {
    const wrongColumns = (await upload(await xlsx([['a', 'b']], ['Name of shop', 'Kind']), 'kind=places')).json();
    expect(wrongColumns.fileErrors.join(' ')).toContain('Thiếu cột / Missing columns: Tên địa điểm');
    expect(wrongColumns.fileErrors.join(' ')).toContain('Name of shop');

    const latin1 = Buffer.from('Tên địa điểm,Loại hình\nCh\xe1 t\xf4i,Chợ\n', 'latin1');
    const badEncoding = (await upload(latin1, 'kind=places', 'text/csv')).json();
    expect(badEncoding.fileErrors[0]).toContain('UTF-8');

    const huge = (await upload(csv(listRows(100_000)), 'kind=places', 'text/csv')).json();
    expect(huge).toMatchObject({ imported: 0, rows: 0 });
    expect(huge.fileErrors[0]).toContain('100000');

    const garbage = (await upload(Buffer.from('PK\u0003\u0004 not really a zip'), 'kind=places')).json();
    expect(garbage.fileErrors[0]).toContain('.xlsx');

    const empty = (await upload(csv([]), 'kind=places', 'text/csv')).json();
    expect(empty.fileErrors[0]).toContain('no data rows');
    expect((await app.inject({ url: '/api/v1/places?q=cua%20hang', headers: official.headers })).json().total).toBe(0);
  });

  it('accepts UTF-8 CSV with a byte-order mark, and commune names instead of codes', async () => {
    const rows = [['Nhà văn hóa tổ 3', 'agency', 'public_administration', 'Phường Bắc Kạn', 'Tổ 3', 'Trưởng tổ', '0913000333', '']];
    const body = Buffer.concat([Buffer.from('\uFEFF'), csv(rows)]);
    expect((await upload(body, 'kind=places', 'text/csv; charset=utf-8')).json()).toMatchObject({ imported: 1, errors: [] });
  });

  it('keeps imports to officials of the rows’ communes', async () => {
    const other = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01840' }));
    const report = (await upload(await xlsx(listRows(2, 'Tiệm')), 'kind=places', XLSX, other.headers)).json();
    expect(report.imported).toBe(0);
    expect(report.errors.map((e: { column: string }) => e.column)).toEqual(['Mã xã/phường', 'Mã xã/phường']);
    const citizen = await signInCitizen(app, ctx, '0966000001');
    expect((await upload(await xlsx(listRows(1)), 'kind=places', XLSX, citizen.headers)).statusCode).toBe(403);
  });

  it('exports the filtered list as XLSX and CSV with Vietnamese headings, and audits it', async () => {
    const response = await app.inject({ url: '/api/v1/places/export.xlsx?q=co%20so', headers: official.headers });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.actualRowCount).toBe(121);
    expect(sheet?.getRow(1).values).toEqual(expect.arrayContaining(['Tên địa điểm', 'Người liên hệ', 'Trạng thái', 'Xã/phường']));
    const csvText = (await app.inject({ url: '/api/v1/places/export.csv?q=nha%20van%20hoa', headers: official.headers })).rawPayload.toString('utf8');
    expect(csvText.startsWith('\uFEFFTên địa điểm,Loại hình')).toBe(true);
    expect(csvText).toContain('Nhà văn hóa tổ 3,Cơ quan, đơn vị'.split(',')[0]);
    expect(csvText).toContain('0913000333');
    const audited = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'personal_data.read').where('subject_type', '=', 'place_contacts_export').execute();
    expect(audited.length).toBe(2);
    const targets = await app.inject({ url: '/api/v1/targets/export.csv?status=missing', headers: official.headers });
    expect(targets.rawPayload.toString('utf8').split('\n').length).toBeGreaterThan(380);
  });

  it('adds, links and removes single targets', async () => {
    const added = await app.inject({ method: 'POST', url: '/api/v1/targets', headers: official.headers, payload: { name: 'Nhà văn hóa tổ 3', type: 'agency', sector: 'public_administration', communeCode: '01843' } });
    expect(added.json()).toEqual({ added: 1 });
    const found = (await app.inject({ url: '/api/v1/targets?q=nha%20van%20hoa', headers: official.headers })).json();
    expect(found.items[0]).toMatchObject({ status: 'registered', placeName: 'Nhà văn hóa tổ 3' });
    const id = found.items[0].id;
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/targets/${id}`, headers: official.headers, payload: { placeId: null } })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/targets?q=nha%20van%20hoa', headers: official.headers })).json().items[0].status).toBe('missing');
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/targets/${id}`, headers: official.headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/targets/${id}`, headers: official.headers })).statusCode).toBe(404);
  });
});
