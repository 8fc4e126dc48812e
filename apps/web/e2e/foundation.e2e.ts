import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityProblems, laptopPage, launchBrowser, phonePage, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

describe('foundation: administrator, commune official, units', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the first administrator login at start', () => {
    expect(server.output()).toContain('First administrator created');
    expect(server.output()).toContain('username: admin');
    expect(server.adminPassword()).toMatch(/^\S{16}$/);
  });

  it('the administrator creates a commune official, who signs in and sees only their commune', async () => {
    const admin = await laptopPage(browser, server.baseUrl);
    await admin.goto('/login');
    await expect.poll(() => admin.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    expect(await accessibilityProblems(admin)).toEqual([]);
    await admin.getByRole('tab', { name: 'Cán bộ, chủ địa điểm' }).click();
    await screenshot(admin, 'login');
    await admin.getByLabel('Tên đăng nhập').fill('admin');
    await admin.getByLabel('Mật khẩu').fill(server.adminPassword());
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await admin.getByRole('heading', { name: /Xin chào/ }).waitFor();

    await admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Tài khoản', exact: true }).click();
    await admin.getByTestId('new-user').click();
    const form = admin.getByRole('form', { name: 'Tạo tài khoản' });
    await form.getByLabel('Tên đăng nhập').fill('xa.backan');
    await form.getByLabel('Họ và tên').fill('Nông Thị Mai');
    await form.getByLabel('Vai trò').selectOption('official');
    await form.getByLabel('Mật khẩu ban đầu').fill('short');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect.poll(() => form.getByText('Mật khẩu cần ít nhất 10 ký tự').isVisible()).toBe(true);
    await form.getByLabel('Mật khẩu ban đầu').fill('Bac Kan 2021 mat khau');
    await form.getByRole('combobox', { name: 'Đơn vị' }).fill('phuong bac kan');
    await form.getByRole('option', { name: /01843 Phường Bắc Kạn/ }).click();
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.getByText('Đã tạo tài khoản xa.backan.').waitFor();
    await admin.getByTestId('users-table').getByText('xa.backan').waitFor();

    const official = await phonePage(browser, server.baseUrl);
    await official.goto('/login');
    await official.getByRole('tab', { name: 'Cán bộ, chủ địa điểm' }).click();
    await official.getByLabel('Tên đăng nhập').fill('xa.backan');
    await official.getByLabel('Mật khẩu').fill('Bac Kan 2021 mat khau');
    await official.getByRole('button', { name: 'Đăng nhập' }).click();
    await official.getByText('Mật khẩu này do người khác đặt cho bạn').waitFor();
    await official.getByLabel('Mật khẩu hiện tại').fill('Bac Kan 2021 mat khau');
    await official.getByLabel('Mật khẩu mới', { exact: true }).fill('Mai rieng 2026 bk');
    await official.getByLabel('Nhập lại mật khẩu mới').fill('Mai rieng 2026 bk');
    await official.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await official.getByText('Đã đổi mật khẩu').waitFor();

    await official.getByRole('button', { name: 'Menu' }).click();
    await official.getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await official.getByRole('heading', { name: 'Đơn vị hành chính' }).waitFor();
    await official.getByText('Không có đơn vị trực thuộc.').waitFor();
    const crumbs = await official.getByRole('navigation', { name: 'breadcrumb' }).getByRole('listitem').allTextContents();
    expect(crumbs).toEqual(['Phường Bắc Kạn']);
    expect(await accessibilityProblems(official)).toEqual([]);

    // A search inside the official's scope finds nothing outside the commune.
    await official.getByLabel('Tìm kiếm').fill('bac');
    await official.getByTestId('units-table').waitFor();
    const rows = await official.getByTestId('units-table').locator('tbody tr').allTextContents();
    expect(rows).toEqual([expect.stringContaining('01843')]);
    await official.getByLabel('Tìm kiếm').fill('');

    // The province above is not reachable from the official's browser.
    await official.goto('/units/19');
    await official.getByText('Không tìm thấy trang này.').waitFor();
  });

  it('the administrator browses the province with the units browser, in English', async () => {
    const admin = await laptopPage(browser, server.baseUrl);
    await admin.goto('/login');
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('tab', { name: 'Officials, place owners' }).click();
    await admin.getByLabel('Username').fill('admin');
    await admin.getByLabel('Password').fill(server.adminPassword());
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: /Hello/ }).waitFor();
    await admin.goto('/units');
    await admin.getByRole('heading', { name: 'Units below (92)' }).waitFor();
    await admin.getByRole('link', { name: 'Phường Bắc Kạn' }).click();
    await admin.getByText('No units below this one.').waitFor();
    await admin.getByRole('link', { name: 'Tỉnh Thái Nguyên' }).click();
    await admin.getByLabel('Search').fill('cho don');
    await admin.getByTestId('units-table').getByText('Xã Chợ Đồn').waitFor();
    await admin.getByLabel('Search').fill('');
    await screenshot(admin, 'units-browser');
  });
});
