import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiCall, apiLogin, type ApiSession } from './support/api.js';
import { accessibilityProblems, laptopPage, launchBrowser, phonePage, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { createOfficial, phoneSession, signInAsStaff, signInByPhone } from './support/sign-in.js';

type Place = { id: string; points: Array<{ url: string }> };

describe('cases and tracing, tried as a health official would', () => {
  let server: RunningServer;
  let browser: Browser;
  const health = { username: 'cdc.thainguyen', password: 'CDC Thai Nguyen 2026' };
  const people: Record<string, ApiSession> = {};

  async function scan(who: ApiSession, place: Place): Promise<void> {
    await apiCall(server, who, 'POST', '/api/v1/scans', { token: place.points[0]?.url.split('/q/')[1], clientEventId: crypto.randomUUID(), scannedAt: Date.now() });
  }

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info' });
    browser = await launchBrowser();
    await createOfficial(server, { ...health, displayName: 'Trần Văn Khoa', role: 'health_official', unitCode: '19' });
    const admin = await apiLogin(server, 'admin', server.adminPassword());
    const register = (name: string, lat: number): Promise<Place> =>
      apiCall(server, admin, 'POST', '/api/v1/places', { name, type: 'market', sector: 'industry_trade', communeCode: '01843', streetAddress: 'Trung tâm', location: { lat, lon: 105.8346 }, contactName: 'Ban quản lý', contactPhone: '0912000100', points: ['Cổng chính'] });
    const market = await register('Chợ Đêm Bắc Kạn', 22.1468);
    const cafe = await register('Quán cà phê Phố Núi', 22.1472);
    for (const [name, phone] of Object.entries({ a: '0912800001', b: '0912800002', c: '0912800003', e: '0912800005' })) people[name] = await phoneSession(server, phone);
    const { a, b, c, e } = people as Record<'a' | 'b' | 'c' | 'e', ApiSession>;
    // A, B and C at the market together; later B has a coffee with E.
    await scan(a, market);
    await scan(b, market);
    await scan(c, market);
    await scan(a, market);
    await scan(b, market);
    await scan(c, market);
    await scan(b, cafe);
    await scan(e, cafe);
    await scan(b, cafe);
    await scan(e, cafe);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers a confirmed case, sees F1 and F2 with where and when, converts the F1, sees the chain grow and exports the contacts; the F1 sees the warning', async () => {
    const page = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(page, health.username, health.password);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Ca bệnh', exact: true }).click();
    await page.getByRole('heading', { name: 'Ca bệnh', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Đăng ký ca bệnh' }).click();
    const form = page.getByRole('form', { name: 'Đăng ký ca bệnh' });
    await form.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912800001');
    await form.getByLabel('Họ và tên').fill('Hà Thị An');
    await form.getByRole('combobox', { name: 'Xã/phường nơi ở' }).fill('bac kan');
    await form.getByRole('option', { name: /Phường Bắc Kạn/ }).click();
    await form.getByLabel('Phân loại').selectOption('confirmed');
    await form.getByLabel('Ngày lấy mẫu xét nghiệm').fill(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
    await form.getByRole('button', { name: 'Lưu và truy vết' }).click();

    await page.getByRole('heading', { name: /^BN-00001 · / }).waitFor();
    const contacts = page.getByTestId('contacts-table');
    await contacts.getByText('Chợ Đêm Bắc Kạn').first().waitFor();
    expect(await contacts.textContent()).toContain('Quán cà phê Phố Núi');
    expect(await contacts.textContent()).toMatch(/F1[\s\S]*F2/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'case-contacts');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải danh sách tiếp xúc (XLSX)' }).click();
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets[0]?.getRow(1).getCell(1).value).toBe('Thế hệ');
    expect(book.worksheets[0]?.rowCount).toBe(4);

    // B tested positive.
    await contacts.getByRole('button', { name: /^Chuyển thành ca bệnh: .*002$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Phân loại').selectOption('confirmed');
    await dialog.getByRole('combobox', { name: 'Xã/phường nơi ở' }).fill('bac kan');
    await dialog.getByRole('option', { name: /Phường Bắc Kạn/ }).click();
    await dialog.getByLabel('Họ và tên đầy đủ').fill('Lương Văn Bình');
    await dialog.getByRole('button', { name: 'Chuyển thành ca bệnh' }).click();
    await page.getByText(/Đã tạo ca bệnh BN-00002/).waitFor();

    await page.getByRole('tab', { name: 'Sơ đồ lây nhiễm' }).click();
    const graph = page.getByRole('img', { name: /Chuỗi lây nhiễm/ });
    await expect.poll(async () => graph.getAttribute('aria-label')).toMatch(/2 ca/);

    const f1 = await phonePage(browser, server.baseUrl);
    await signInByPhone(f1, server, '0912800003');
    const warning = f1.getByTestId('warnings-panel');
    await warning.getByRole('heading', { name: 'Cảnh báo tiếp xúc' }).waitFor();
    expect(await warning.textContent()).toContain('Chợ Đêm Bắc Kạn');
    expect(await accessibilityProblems(f1)).toEqual([]);
  });
});
