import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiCall, apiLogin } from './support/api.js';
import { accessibilityProblems, launchBrowser, phonePage, screenshot } from './support/browser.js';
import { qrCodesInPdf } from './support/pdf.js';
import { startServer, type RunningServer } from './support/server.js';
import { fillPhoneSignIn, phoneSession } from './support/sign-in.js';

describe('check-in and check-out, tried as new users would', () => {
  let server: RunningServer;
  let browser: Browser;
  let place: { id: string; name: string; points: Array<{ url: string }> };

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info' });
    browser = await launchBrowser();
    const admin = await apiLogin(server, 'admin', server.adminPassword());
    place = await apiCall(server, admin, 'POST', '/api/v1/places', {
      name: 'Chợ trung tâm Bắc Kạn',
      type: 'market',
      sector: 'industry_trade',
      communeCode: '01843',
      streetAddress: 'Đường Trường Chinh',
      location: { lat: 22.1468, lon: 105.8346 },
      contactName: 'Ban quản lý chợ',
      contactPhone: '0912000100',
      ownerPhone: '0912000100',
      points: ['Cổng chính', 'Cổng sau'],
    });
    const owner = await phoneSession(server, '0912000100');
    await apiCall(server, owner, 'POST', `/api/v1/places/${place.id}/members`, { phone: '0912000101', name: 'Bảo vệ Long' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a citizen scans the poster, checks in, scans again, is checked out, and sees the visit in the diary", async () => {
    const phone = await phonePage(browser, server.baseUrl);
    await phone.goto(place.points[0]?.url ?? '');
    await phone.getByRole('heading', { name: 'Chợ trung tâm Bắc Kạn' }).waitFor();
    await phone.getByText('Đăng nhập bằng số điện thoại một lần').waitFor();
    await fillPhoneSignIn(phone, server, '0912000200');
    await phone.getByRole('button', { name: 'Quét vào' }).click();
    await phone.getByText('Đã quét vào').waitFor();
    expect(await accessibilityProblems(phone)).toEqual([]);

    await phone.goto(place.points[1]?.url ?? '');
    await phone.getByRole('button', { name: 'Quét ra' }).click();
    await phone.getByText('Đã quét ra').waitFor();
    await phone.getByRole('link', { name: 'Nhật ký di chuyển' }).click();
    const diary = phone.getByTestId('diary');
    await diary.getByText('Chợ trung tâm Bắc Kạn').waitFor();
    expect(await diary.locator('li').count()).toBe(1);
    expect(await diary.textContent()).toContain('Cổng chính');
    expect(await diary.textContent()).not.toContain('Đang ở trong');

    await phone.goto('/');
    await phone.getByRole('heading', { name: 'Mã QR cá nhân' }).waitFor();
    expect(await accessibilityProblems(phone)).toEqual([]);
  });

  it("a guard scans a printed personal QR card of someone without a smartphone", async () => {
    const guard = await phoneSession(server, '0912000101');
    const card = await fetch(`${server.baseUrl}/api/v1/people/cards`, {
      method: 'POST',
      headers: { cookie: guard.cookie, 'x-csrf-token': guard.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '0209000300', name: 'Hoàng Văn Lục' }),
    });
    expect(card.headers.get('content-type')).toBe('application/pdf');
    const [token] = qrCodesInPdf(Buffer.from(await card.arrayBuffer()));
    expect(token).toMatch(/^PD1\./);

    const staff = await phonePage(browser, server.baseUrl);
    await staff.goto('/login');
    await fillPhoneSignIn(staff, server, '0912000101');
    await staff.goto(`/staff/${place.id}`);
    await staff.getByRole('heading', { name: 'Chợ trung tâm Bắc Kạn' }).waitFor();
    // A handheld scanner types the code and presses Enter, like this.
    await staff.getByLabel('Mã QR cá nhân (máy quét hoặc gõ tay)').fill(token ?? '');
    await staff.keyboard.press('Enter');
    await staff.getByTestId('staff-flash').getByText('VÀO').waitFor();
    expect(await staff.getByTestId('staff-flash').textContent()).toContain('Hoàng V. L.');
    await staff.getByText('Đang ở trong: 1').waitFor();
    await screenshot(staff, 'staff-mode');
  });

  it('a phone that was offline for 10 minutes sends its scan later with its real time', async () => {
    const tenMinutesAgo = Date.now() - 10 * 60_000;
    const phone = await phonePage(browser, server.baseUrl);
    await phone.goto('/login');
    await fillPhoneSignIn(phone, server, '0912000400');
    await phone.clock.install({ time: tenMinutesAgo });
    await phone.goto(place.points[0]?.url ?? '');
    await phone.getByRole('button', { name: 'Quét vào' }).waitFor();
    await phone.context().setOffline(true);
    await phone.getByRole('button', { name: 'Quét vào' }).click();
    await phone.getByText('Đã lưu trên điện thoại — sẽ gửi khi có mạng.').waitFor();
    await phone.getByTestId('pending-writes').filter({ hasText: '1' }).waitFor();

    await phone.clock.setSystemTime(Date.now());
    await phone.context().setOffline(false);
    await expect.poll(() => phone.getByTestId('pending-writes').count(), { timeout: 15_000 }).toBe(0);
    const visits = await phone.evaluate(async () => (await fetch('/api/v1/visits/mine')).json());
    expect(visits.items).toHaveLength(1);
    expect(Math.abs(visits.items[0].checkedInAt - tenMinutesAgo)).toBeLessThan(60_000);
  });
});
