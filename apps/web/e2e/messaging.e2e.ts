import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiCall } from './support/api.js';
import { accessibilityProblems, laptopPage, launchBrowser, phonePage, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { createOfficial, phoneSession, signInAsStaff, signInByPhone } from './support/sign-in.js';

const PHONES = ['0956300001', '0956300002', '0956300003'];

function declaration(phone: string, index: number) {
  return {
    formVersion: 'domestic@1',
    declaredFor: 'self',
    person: { fullName: `Hoàng Văn ${['An', 'Bình', 'Cường'][index]}`, idType: 'cccd', idNumber: `006 190 300 00${index}`, birthYear: 1980 + index, gender: 'male', nationality: 'VN', phone, address: { provinceCode: '19', communeCode: '01843', street: `Tổ ${index + 1}` } },
    visitedPlaces: '',
    visitedUnits: [],
    visitedCountries: [],
    symptoms: [],
    contactWithCase: false,
    contactWithTraveller: false,
    contactWithSymptomatic: false,
    chronicConditions: [],
  };
}

describe('messaging: a weekly reminder campaign to the citizens of a unit', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // Quiet hours off: the test runs at any hour, and campaign messages would otherwise wait for the morning.
    server = await startServer({ MESSAGE_QUIET_HOURS: 'none', LOG_LEVEL: 'info' });
    browser = await launchBrowser();
    await createOfficial(server, { username: 'cntt.tinh', password: 'So CNTT 2026 tinh', displayName: 'Lý Văn Thành', role: 'health_official', unitCode: '19' });
    for (const [i, phone] of PHONES.entries()) {
      const citizen = await phoneSession(server, phone);
      await apiCall(server, citizen, 'POST', '/api/v1/declarations', { clientEventId: crypto.randomUUID(), declaration: declaration(phone, i) });
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a citizen opts out of campaign messages on the account page, and is told warnings still come', async () => {
    const citizen = await phonePage(browser, server.baseUrl);
    await signInByPhone(citizen, server, PHONES[2] as string);
    await citizen.goto('/account');
    await citizen.getByText('Cảnh báo tiếp xúc với người bệnh').waitFor();
    const optOut = citizen.getByLabel('Không nhận tin nhắn chiến dịch (nhắc nhở, tuyên truyền)');
    await expect.poll(() => optOut.isEnabled()).toBe(true);
    // The box follows the server's answer, so it is ticked once the choice is saved.
    await optOut.click();
    await citizen.getByText('Đã lưu.').waitFor();
    expect(await optOut.isChecked()).toBe(true);
    await citizen.reload();
    await expect.poll(() => citizen.getByLabel('Không nhận tin nhắn chiến dịch (nhắc nhở, tuyên truyền)').isChecked()).toBe(true);
    expect(await accessibilityProblems(citizen)).toEqual([]);
  }, 90_000);

  it('an official creates a weekly reminder, previews it, sends a test and watches the delivery figures', async () => {
    const page = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(page, 'cntt.tinh', 'So CNTT 2026 tinh');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Chiến dịch tin nhắn' }).click();
    await page.getByText('Chưa có chiến dịch nào.').waitFor();
    await page.getByRole('link', { name: 'Tạo chiến dịch' }).click();

    await page.getByLabel('Tên chiến dịch').fill('Nhắc khai báo y tế hằng tuần');
    await page.getByRole('combobox', { name: 'Đơn vị' }).fill('phuong bac kan');
    await page.getByRole('option', { name: /01843 Phường Bắc Kạn/ }).click();
    await page.getByLabel('Nội dung tiếng Việt').fill('PhongDich: {ten} ơi, hãy khai báo y tế tại {url}.');
    await page.getByLabel('Nội dung tiếng Anh').fill('PhongDich: residents of {unit}, please declare your health at {url}.');
    await page.getByLabel('Lặp lại').selectOption('weekly');
    await page.getByLabel('Số lần gửi').fill('8');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    // An unknown variable is named, next to the field to fix.
    await page.getByRole('alert').filter({ hasText: '{ten}' }).first().waitFor();

    await page.getByLabel('Nội dung tiếng Việt').fill('PhongDich: người dân {unit} hãy khai báo y tế hằng tuần tại {url}. Gọi {hotline} nếu có triệu chứng.');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByText('Sẽ gửi tới 2 người mỗi lần.').waitFor();
    await page.getByText('Bỏ qua 1 người đã từ chối nhận tin chiến dịch, 0 người không có địa chỉ nhận.').waitFor();
    await page.getByText('8 lần gửi:').waitFor();
    expect(await page.locator('blockquote[lang="vi"]').textContent()).toContain('người dân Phường Bắc Kạn hãy khai báo');
    await screenshot(page, 'campaign-preview');

    await page.getByLabel('Số điện thoại của bạn (nếu tài khoản chưa có)').fill('0912 000 999');
    await page.getByRole('button', { name: 'Gửi thử cho tôi' }).click();
    await page.getByText(/Đã gửi tin thử tới .*999/).waitFor();
    await expect.poll(() => server.output().split('\n').some((l) => l.includes('campaign_test') && l.includes('message delivered to log')), { timeout: 15_000 }).toBe(true);

    await page.getByRole('button', { name: 'Tạo và lên lịch' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Chiến dịch sẽ gửi tin tới 2 người, 8 lần theo lịch. Tiếp tục?').waitFor();
    await dialog.getByRole('button', { name: 'Tạo và lên lịch' }).click();
    await page.getByRole('heading', { name: 'Nhắc khai báo y tế hằng tuần' }).waitFor();

    // The campaign job queues the first run within half a minute; the sender delivers it (to the log here).
    const figures = page.getByTestId('campaign-figures');
    await expect.poll(async () => (await figures.textContent()) ?? '', { timeout: 60_000, interval: 1000 }).toMatch(/Người nhận\s*2.*Đã gửi\s*2/s);
    await expect.poll(() => page.getByTestId('campaign-status').textContent()).toBe('Đang chạy');
    await page.getByText('1/8').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'Danh sách chiến dịch' }).click();
    await page.getByRole('link', { name: 'Nhắc khai báo y tế hằng tuần' }).waitFor();
  }, 180_000);

  it('the administrator sees the messages in the outbox, which provider each channel uses, and filters them', async () => {
    const admin = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(admin, 'admin', server.adminPassword());
    await admin.goto('/admin/outbox');
    await admin.getByText('SMS: chưa cấu hình — ghi vào nhật ký máy chủ, tối đa 100 tin/giây').waitFor();
    await admin.getByLabel('Trạng thái').selectOption('sent');
    await admin.getByRole('cell', { name: 'campaign_test' }).waitFor();
    expect(await admin.getByRole('cell', { name: 'campaign', exact: true }).count()).toBe(2);
    expect(await admin.getByRole('cell', { name: /999$/ }).count()).toBeGreaterThan(0);
    expect(await accessibilityProblems(admin)).toEqual([]);
  }, 90_000);
});
