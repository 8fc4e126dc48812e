import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, apiLogin } from './support/api.js';
import { accessibilityProblems, laptopPage, launchBrowser, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { createOfficial, signInAsStaff, signInByPhone } from './support/sign-in.js';

const DAY = 86_400_000;
const VIETNAM = 7 * 3_600_000;
const vietnamDate = (ms: number) => new Date(ms + VIETNAM).toISOString().slice(0, 10);
const shown = (isoDate: string) => isoDate.split('-').reverse().join('/');

async function heardCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('bluezone-heard').textContent()) ?? '';
  return Number(/(\d+) lượt/.exec(text)?.[1] ?? 0);
}

describe('Bluezone, tried as new users would: two phones meet, one is confirmed and uploads, the other is warned', () => {
  let server: RunningServer;
  let browser: Browser;
  let phones: BrowserContext;
  const health = { username: 'cdc.bluezone', password: 'CDC Bluezone 2026' };
  let caseId: string;

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info' });
    browser = await launchBrowser();
    await createOfficial(server, { ...health, displayName: 'Nông Thị Thu', role: 'health_official', unitCode: '19' });
    const official = await apiLogin(server, health.username, health.password);
    const created = await apiCall<{ id: string; code: string }>(server, official, 'POST', '/api/v1/cases', {
      phone: '0912700001',
      fullName: 'Triệu Văn Hùng',
      communeCode: '01843',
      classification: 'confirmed',
      testDate: vietnamDate(Date.now()),
      testResult: 'positive',
    });
    caseId = created.id;
    // Two phones on one computer: two windows of one browser, which is what the demo air connects.
    phones = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a high-risk exposure on the day they met, and lets the person share it with the health department', async () => {
    const a = await phones.newPage();
    const b = await phones.newPage();
    for (const phone of [a, b]) {
      await phone.goto('/bluezone');
      await phone.getByRole('heading', { name: 'Bluezone đang tắt' }).waitFor();
      await phone.getByRole('button', { name: 'Bật Bluezone' }).click();
      await phone.getByRole('heading', { name: 'Bluezone đang bật' }).waitFor();
    }
    await b.getByText('Đang nghe thấy 1 điện thoại khác.').waitFor();

    // Twenty minutes side by side, two days ago at 10:00 — on the simulated clock, not in real time.
    const metOn = vietnamDate(Date.now() - 2 * DAY);
    const meeting = b.getByRole('form', { name: 'Mô phỏng một cuộc gặp' });
    await meeting.getByLabel('Ngày').fill(metOn);
    await meeting.getByLabel('Giờ bắt đầu').fill('10:00');
    await meeting.getByLabel('Thời gian (phút)').fill('20');
    await meeting.getByLabel('Khoảng cách').selectOption('near');
    await meeting.getByRole('button', { name: 'Mô phỏng cuộc gặp' }).click();
    await expect.poll(() => heardCount(b)).toBeGreaterThanOrEqual(20);
    await expect.poll(() => heardCount(a)).toBeGreaterThanOrEqual(20);
    await screenshot(b, 'bluezone-phone');

    // A is confirmed: a health official issues a code for the case.
    const official = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(official, health.username, health.password);
    await official.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Mã xác nhận Bluezone' }).click();
    await official.getByRole('heading', { name: 'Mã xác nhận Bluezone', level: 1 }).waitFor();
    await official.getByLabel('Số ca bệnh (không bắt buộc)').fill('BN-00001');
    await official.getByRole('button', { name: 'Cấp mã' }).click();
    const issued = official.getByTestId('issued-code');
    await issued.getByText('Cho ca bệnh BN-00001').waitFor();
    const code = ((await issued.locator('.bz-code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{8}$/);
    expect(await accessibilityProblems(official)).toEqual([]);

    // A chooses to upload the keys of the infectious period.
    const positive = a.getByTestId('positive-flow');
    await positive.getByRole('button', { name: 'Nhập mã xác nhận' }).click();
    await positive.getByRole('textbox', { name: 'Mã xác nhận', exact: true }).fill(code);
    await positive.getByRole('button', { name: 'Xác nhận mã' }).click();
    await positive.getByRole('heading', { name: 'Bạn có muốn gửi khóa không?' }).waitFor();
    expect(await positive.textContent()).toContain(`từ ngày ${shown(metOn)} đến hôm nay`);
    await positive.getByRole('button', { name: 'Đồng ý gửi khóa' }).click();
    await positive.getByText(/Đã gửi \d+ khóa/).waitFor();

    // The next export, as an operator would start it instead of waiting for the schedule.
    const admin = await apiLogin(server, 'admin', server.adminPassword());
    const exported = await apiCall<{ keys: number; files: string[] }>(server, admin, 'POST', '/api/v1/exposure/exports/run');
    expect(exported.keys).toBeGreaterThanOrEqual(1);

    // B's exposure check finds the meeting.
    const check = b.getByTestId('exposure-check');
    await check.getByRole('button', { name: 'Kiểm tra ngay' }).click();
    const result = b.getByTestId('exposure-result');
    await result.waitFor();
    expect(await result.getByRole('heading').first().textContent()).toContain('Nguy cơ cao');
    expect(await result.textContent()).toContain(`ngày ${shown(metOn)}`);
    expect(await accessibilityProblems(b)).toEqual([]);
    await screenshot(b, 'bluezone-exposure');

    // A's own check finds nothing: a phone never hears itself.
    await a.getByTestId('exposure-check').getByRole('button', { name: 'Kiểm tra ngay' }).click();
    await a.getByText('Chưa phát hiện tiếp xúc có nguy cơ trong 14 ngày qua.').waitFor();

    // B shares the match: signs in with a phone number, comes back, and agrees.
    await result.getByRole('link', { name: 'Đăng nhập bằng số điện thoại để chia sẻ' }).click();
    await signInByPhone(b, server, '0912700002');
    await b.goto('/bluezone');
    await b.getByTestId('exposure-result').getByRole('button', { name: 'Đồng ý chia sẻ' }).click();
    await b.getByText('Đã chia sẻ.', { exact: false }).waitFor();

    const officialApi = await apiLogin(server, health.username, health.password);
    const contacts = await apiCall<{ items: Array<{ sources: string[]; phone: string | null }> }>(server, officialApi, 'GET', `/api/v1/cases/${caseId}/contacts`);
    expect(contacts.items).toMatchObject([{ sources: ['bluetooth'], phone: '+84912700002' }]);
  });
});
