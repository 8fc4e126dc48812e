import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiCall, apiLogin, type ApiSession } from './support/api.js';
import { accessibilityProblems, laptopPage, launchBrowser, phonePage, screenshot, rowTexts } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { createOfficial, phoneSession, signInAsStaff } from './support/sign-in.js';

type Place = { id: string; points: Array<{ url: string }> };
type DeploymentTotal = { total: { registered: number; active7d: number } };

// The 2021 units (province → district → commune) so that the district's consolidation is tried too:
// Phường Phùng Chí Kiên (01843) is one of the 8 communes of Thành phố Bắc Kạn (058), one of the 8
// districts of Bắc Kạn (06).
const COMMUNE = { code: '01843', name: 'Phường Phùng Chí Kiên' };
const DISTRICT = { code: '058', name: 'Thành phố Bắc Kạn' };
const PROVINCE_NAME = 'Tỉnh Bắc Kạn';

const officials = {
  commune: { username: 'pck.vanhoa', password: 'Phung Chi Kien 2026', displayName: 'Nông Thị Hoa', role: 'official', unitCode: COMMUNE.code },
  district: { username: 'tpbk.vanhoa', password: 'TP Bac Kan 2026', displayName: 'Hoàng Văn Sơn', role: 'official', unitCode: DISTRICT.code },
  province: { username: 'sotttt.backan', password: 'So TTTT Bac Kan 2026', displayName: 'Lý Thị Mai', role: 'health_official', unitCode: '06' },
} as const;

describe('reports, tried as commune, district and province officials would', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: ApiSession;
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

  async function scan(who: ApiSession, place: Place): Promise<void> {
    await apiCall(server, who, 'POST', '/api/v1/scans', { token: place.points[0]?.url.split('/q/')[1], clientEventId: crypto.randomUUID(), scannedAt: Date.now() });
  }

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info', UNITS_DATASET: 'vn-2021' });
    browser = await launchBrowser();
    for (const account of Object.values(officials)) await createOfficial(server, account);
    admin = await apiLogin(server, 'admin', server.adminPassword());
    const register = (name: string, type: string, sector: string, i: number): Promise<Place> =>
      apiCall(server, admin, 'POST', '/api/v1/places', {
        name,
        type,
        sector,
        communeCode: COMMUNE.code,
        streetAddress: `Số ${i + 1} Trường Chinh`,
        location: { lat: 22.1468 + i * 0.001, lon: 105.8346 },
        contactName: 'Ban quản lý',
        contactPhone: '0912000100',
        ownerPhone: `094570000${i}`,
        points: ['Cổng chính'],
      });
    const market = await register('Chợ Phùng Chí Kiên', 'market', 'industry_trade', 0);
    const school = await register('Trường Tiểu học Phùng Chí Kiên', 'school', 'education', 1);
    await register('Phòng khám Minh Tâm', 'health_facility', 'health', 2);
    // The commune's must-register list: the market (registered) and a cultural house (not yet).
    await apiCall(server, admin, 'POST', '/api/v1/targets', { name: 'Chợ Phùng Chí Kiên', type: 'market', sector: 'industry_trade', communeCode: COMMUNE.code });
    await apiCall(server, admin, 'POST', '/api/v1/targets', { name: 'Nhà văn hóa tổ 5', type: 'other', sector: 'culture_sports_tourism', communeCode: COMMUNE.code });
    const visitors = [await phoneSession(server, '0945710001'), await phoneSession(server, '0945710002')];
    // Check-in and check-out at the market by both, one visit at the school; the pharmacy never scanned.
    for (const visitor of visitors) {
      await scan(visitor, market);
      await scan(visitor, market);
    }
    await scan(visitors[0] as ApiSession, school);
    await scan(visitors[0] as ApiSession, school);
    // The figures come from roll-ups kept by a job that runs every minute, never from the visits at
    // each request: wait for it, as an official would see the figures a minute later.
    const deadline = Date.now() + 100_000;
    for (;;) {
      const report = await apiCall<DeploymentTotal>(server, admin, 'GET', `/api/v1/reports/deployment?unit=${COMMUNE.code}&from=${today}&to=${today}`);
      if (report.total.active7d === 2) break;
      if (Date.now() > deadline) throw new Error(`the roll-up job did not count the scans: ${JSON.stringify(report.total)}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a commune official sees the figures on the home page, opens the deployment report, downloads it as XLSX and CSV, and reminds the place that never scanned', async () => {
    const page = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(page, officials.commune.username, officials.commune.password);
    const figures = page.getByTestId('dashboard-figures');
    // 1 of the 2 places on the must-register list is registered; 2 of the 3 places scanned this week.
    await figures.getByRole('link', { name: /^1\/2 — Xem báo cáo triển khai$/ }).waitFor();
    expect(await figures.textContent()).toContain('2/3 địa điểm');
    expect(await page.getByTestId('official-dashboard').getByRole('heading', { name: 'Xu hướng 30 ngày' }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports-dashboard');

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Báo cáo, thống kê', exact: true }).click();
    await page.getByRole('heading', { name: 'Báo cáo, thống kê', level: 1 }).waitFor();
    await page.getByTestId('deployment-table').waitFor();
    // Required, registered, registered from the list, share, active 7 d, share active, scans/day, never scanned.
    // Three visits in 7 days: 0.4 a day.
    expect(await rowTexts(page, 'deployment-table', COMMUNE.name)).toEqual(['2', '3', '1', '50%', '2', '66,7%', '0,4', '1']);
    // At commune level there is nothing below to drill into: the commune's row is not a link to itself.
    expect(await page.getByTestId('deployment-table').getByRole('link').count()).toBe(0);
    const places = page.getByTestId('deployment-places');
    expect(await places.textContent()).toContain('Phòng khám Minh Tâm');
    expect((await rowTexts(page, 'deployment-places', 'Chợ Phùng Chí Kiên')).slice(3, 6)).toEqual(['Có', '2', today.split('-').reverse().join('/')]);
    expect(await page.getByTestId('deployment-by-sector').textContent()).toContain('Giáo dục');
    expect(await accessibilityProblems(page)).toEqual([]);

    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải về Excel (XLSX)' }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/^bao-cao-trien-khai-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx.path());
    const sheet = book.getWorksheet('Triển khai');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Đơn vị', 'Số địa điểm phải đăng ký', 'Đã đăng ký (trong danh sách)', 'Tỷ lệ đăng ký', 'Tổng số điểm kiểm dịch', 'Có lượt quét trong 7 ngày', 'Lượt quét/ngày', 'Chưa có lượt quét nào']);
    const totals = sheet?.getRow(sheet.rowCount);
    expect(totals?.getCell(1).value).toBe(`Tổng cộng ${COMMUNE.name}`);
    expect([2, 3, 4, 5, 6, 8].map((c) => totals?.getCell(c).value)).toEqual([2, 1, '50%', 3, 2, 1]);
    // Wide enough for the totals row's unit name, so the printed sheet is readable as it comes.
    expect(sheet?.getColumn(1).width ?? 0).toBeGreaterThanOrEqual(`Tổng cộng ${COMMUNE.name}`.length);
    const placesSheet = book.getWorksheet('Địa điểm');
    expect(placesSheet?.getRow(1).getCell(1).value).toBe('Địa điểm');
    expect(placesSheet?.rowCount).toBe(4);
    expect(book.getWorksheet('Kỳ báo cáo')?.getRow(1).getCell(2).value).toMatch(/^Từ ngày \d{2}\/\d{2}\/\d{4} đến ngày \d{2}\/\d{2}\/\d{4}$/);

    const csvDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải về CSV' }).click();
    const csv = fs.readFileSync(await (await csvDownload).path(), 'utf8');
    expect(csv.startsWith('\uFEFFĐơn vị')).toBe(true);
    expect(csv).toContain(`Tổng cộng ${COMMUNE.name}`);

    await page.getByRole('tab', { name: 'Cần nhắc nhở' }).click();
    const lagging = page.getByTestId('lagging-places');
    await lagging.waitFor();
    expect(await rowTexts(page, 'lagging-places', 'Phòng khám Minh Tâm')).toEqual(expect.arrayContaining(['Chưa từng có lượt quét']));
    expect(await lagging.textContent()).not.toContain('Chợ Phùng Chí Kiên');
    await page.getByRole('button', { name: 'Gửi nhắc nhở' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi tin nhắn nhắc nhở' });
    expect(await dialog.textContent()).toContain('Sẽ gửi 1 tin nhắn SMS tới chủ của 1 địa điểm');
    await dialog.getByRole('button', { name: 'Gửi tin nhắn' }).click();
    await page.getByText('Đã đưa 1 tin nhắn vào hàng đợi gửi').waitFor();
    const outbox = await apiCall<{ items: Array<{ template: string; recipientMasked: string }> }>(server, admin, 'GET', '/api/v1/outbox?channel=sms');
    expect(outbox.items.filter((m) => m.template === 'place_reminder')).toEqual([expect.objectContaining({ recipientMasked: expect.stringMatching(/2$/) })]);
    // A second click the same day sends nothing more, and says so.
    await page.getByRole('button', { name: 'Gửi nhắc nhở' }).click();
    await dialog.getByRole('button', { name: 'Gửi tin nhắn' }).click();
    await page.getByText('Không có tin nhắn mới nào được gửi').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // No population entered yet: the uptake per 1,000 inhabitants is blank and the page says where to enter it.
    await page.getByRole('tab', { name: 'Người dân sử dụng' }).click();
    await page.getByTestId('adoption-table').waitFor();
    await page.getByRole('link', { name: 'Nhập dân số của xã, phường' }).waitFor();
    await page.getByRole('tab', { name: 'Tình hình dịch' }).click();
    await page.getByRole('heading', { name: 'Đường cong dịch', exact: true }).waitFor();
    expect(await rowTexts(page, 'epidemic-table', COMMUNE.name)).toEqual(['0', '0', '0', '0']);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the commune official submits the period report; a second submission needs a reason', async () => {
    const page = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(page, officials.commune.username, officials.commune.password);
    await page.goto('/reports?tab=submissions');
    // The tab opens on last week; the places were registered today, so this week is reported.
    await page.getByLabel('Khoảng thời gian').selectOption('thisWeek');
    const own = page.getByTestId('own-status');
    await own.getByText('Chưa gửi').waitFor();
    await page.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi báo cáo' });
    await dialog.getByTestId('submit-totals').waitFor();
    expect(await dialog.getByTestId('submit-totals').textContent()).toContain('Chưa từng quét1');
    await dialog.getByRole('button', { name: 'Xác nhận gửi' }).click();
    await page.getByText(/^Đã gửi báo cáo phiên bản 1 lúc/).waitFor();
    await own.getByText('Đã gửi đúng hạn').waitFor();
    expect(await own.textContent()).toContain(officials.commune.displayName);

    await page.getByRole('button', { name: 'Gửi lại báo cáo' }).click();
    const again = page.getByRole('dialog', { name: 'Gửi lại báo cáo' });
    await again.getByTestId('submit-totals').waitFor();
    await again.getByRole('button', { name: 'Xác nhận gửi' }).click();
    await again.getByRole('alert').getByText('Nhập lý do gửi lại').waitFor();
    await again.getByRole('button', { name: 'Hủy' }).click();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the district official sees the commune among the missing ones, reads its report, consolidates and submits', async () => {
    const page = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(page, officials.district.username, officials.district.password);
    await page.goto('/reports?tab=submissions');
    await page.getByLabel('Khoảng thời gian').selectOption('thisWeek');
    await page.getByTestId('completeness').getByText('Đã nộp 1/8').waitFor();
    const children = page.getByTestId('submission-children');
    const rows = children.getByRole('row');
    // Missing first, the way a district official works through them.
    expect(await rows.nth(1).textContent()).toContain('Chưa nộp');
    expect(await rows.last().textContent()).toContain(COMMUNE.name);
    expect(await rowTexts(page, 'submission-children', COMMUNE.name)).toEqual(expect.arrayContaining(['Đã nộp', '1', officials.commune.displayName]));
    // The table as shown, in a spreadsheet: one row per commune, the missing ones named.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải về Excel (XLSX)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^bao-cao-nop-bao-cao-058-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Đơn vị', 'Trạng thái', 'Phiên bản', 'Gửi lúc', 'Người gửi']);
    expect(sheet?.rowCount).toBe(1 + 8);
    expect(sheet?.getRow(9).values).toEqual([undefined, COMMUNE.name, 'Đã nộp', 1, expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/), officials.commune.displayName]);
    expect(sheet?.getRow(2).getCell(2).value).toBe('Chưa nộp');
    expect(book.getWorksheet('Kỳ báo cáo')?.getRow(1).getCell(1).value).toBe(`Nộp báo cáo – ${DISTRICT.name}`);

    await children.getByRole('button', { name: `Xem báo cáo của ${COMMUNE.name}` }).click();
    const snapshot = page.getByTestId('submission-snapshot');
    await snapshot.getByRole('heading', { name: new RegExp(`^Báo cáo đã gửi: ${COMMUNE.name}`) }).waitFor();
    expect(await snapshot.textContent()).toContain('Phòng khám Minh Tâm');
    await snapshot.getByRole('button', { name: 'Đóng báo cáo đã gửi' }).click();

    await page.getByRole('button', { name: 'Tổng hợp và gửi lên tỉnh' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tổng hợp và gửi lên tỉnh' });
    expect(await dialog.textContent()).toContain('7 đơn vị trực thuộc chưa nộp');
    await dialog.getByTestId('submit-totals').waitFor();
    await dialog.getByRole('button', { name: 'Xác nhận gửi' }).click();
    await page.getByText(/^Đã gửi báo cáo phiên bản 1 lúc/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports-district-submissions');
    await page.context().close();
  });

  it('the province official sees completeness by district, the consolidated report, and drills down to the places', async () => {
    const page = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(page, officials.province.username, officials.province.password);
    await page.goto('/reports?tab=submissions');
    await page.getByLabel('Khoảng thời gian').selectOption('thisWeek');
    await page.getByTestId('completeness').getByText('Đã nộp 1/8').waitFor();
    expect(await rowTexts(page, 'submission-children', DISTRICT.name)).toEqual(expect.arrayContaining(['Đã nộp', officials.district.displayName]));
    await page.getByTestId('submission-children').getByRole('button', { name: `Xem báo cáo của ${DISTRICT.name}` }).click();
    const snapshot = page.getByTestId('submission-snapshot');
    await snapshot.getByRole('heading', { name: 'Đơn vị trực thuộc khi tổng hợp' }).waitFor();
    expect(await snapshot.textContent()).toMatch(new RegExp(`${COMMUNE.name}Đã nộp`));
    expect(await snapshot.textContent()).toContain('Phường Sông CầuChưa nộp');

    await page.getByRole('tab', { name: 'Triển khai mã QR' }).click();
    await page.getByTestId('deployment-table').waitFor();
    await expect
      .poll(async () => {
        const district = await rowTexts(page, 'deployment-table', DISTRICT.name);
        return [...district.slice(0, 6), district[7]];
      })
      .toEqual(['2', '3', '1', '50%', '2', '66,7%', '1']);
    expect(await page.getByTestId('deployment-table').getByRole('row').count()).toBe(1 + 8 + 1);
    await page.getByTestId('deployment-table').getByRole('link', { name: DISTRICT.name }).click();
    await page.getByRole('navigation', { name: 'Đơn vị đang xem' }).getByText(DISTRICT.name).waitFor();
    await page.getByTestId('deployment-table').getByRole('link', { name: COMMUNE.name }).click();
    await page.getByTestId('deployment-places').getByText('Phòng khám Minh Tâm').waitFor();
    expect(await page.getByRole('navigation', { name: 'Đơn vị đang xem' }).textContent()).toBe(`${PROVINCE_NAME}${DISTRICT.name}${COMMUNE.name}`);

    // Printed: the report alone, with the unit and report named at the top, on A4 landscape.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await page.getByRole('group', { name: 'Tải về và in' }).isVisible()).toBe(false);
    expect(await page.locator('.report-print-header').textContent()).toContain(`${COMMUNE.name} — Triển khai mã QR`);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect(Number(box?.[1])).toBeGreaterThan(Number(box?.[2]));
    await page.emulateMedia({ media: 'screen' });

    // A period the other way round is refused before anything is asked of the server.
    await page.getByLabel('Khoảng thời gian').selectOption('custom');
    await page.getByLabel('Từ ngày').fill(today);
    await page.getByLabel('Đến ngày').fill('2026-01-01');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.getByRole('alert').getByText('“Từ ngày” phải trước hoặc bằng “Đến ngày”.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // The same report in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Reports and statistics', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Report submission' }).click();
    await page.getByText('Report of Phường Phùng Chí Kiên').waitFor();
    await page.context().close();
  });

  it('works on a phone: the report fits the screen and its wide table scrolls on its own', async () => {
    const page = await phonePage(browser, server.baseUrl);
    await signInAsStaff(page, officials.district.username, officials.district.password);
    await page.goto('/reports');
    await page.getByTestId('deployment-table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports-phone');
    await page.context().close();
  });
});
