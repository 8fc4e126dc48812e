import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityProblems, laptopPage, launchBrowser } from './support/browser.js';
import { signInAsStaff } from './support/sign-in.js';
import { startServer, type RunningServer } from './support/server.js';

describe('connected systems: an administrator issues a key for the CDC', () => {
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

  const fhirStatus = async (secret: string) => (await fetch(`${server.baseUrl}/fhir/Condition`, { headers: { authorization: `Bearer ${secret}` } })).status;

  it('creates a key shown once, which works; rotates it; adds a webhook; revokes the key', async () => {
    const admin = await laptopPage(browser, server.baseUrl);
    admin.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(admin, 'admin', server.adminPassword());
    await admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Kết nối hệ thống' }).click();
    await admin.getByRole('heading', { name: 'Kết nối hệ thống khác' }).waitFor();

    const form = admin.getByRole('form', { name: 'Tạo khóa API' });
    await form.getByLabel('Tên hệ thống').fill('CDC tỉnh');
    await form.getByRole('combobox', { name: 'Phạm vi (đơn vị)' }).fill('thai nguyen');
    await form.getByRole('option', { name: /^19 / }).first().click();
    await form.getByLabel('Đọc luồng thay đổi').check();
    await form.getByRole('button', { name: 'Tạo khóa API' }).click();
    const shown = admin.getByTestId('secret-once');
    await shown.waitFor();
    const secret = (await shown.locator('p.code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^pdk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(await fhirStatus(secret)).toBe(200);
    expect(await accessibilityProblems(admin)).toEqual([]);
    await shown.getByRole('button', { name: 'Tôi đã sao chép' }).click();
    // The list shows the prefix only, never the secret again.
    const table = admin.getByTestId('api-keys-table');
    await table.getByText('CDC tỉnh').waitFor();
    expect(await admin.content()).not.toContain(secret);
    expect(await table.getByText('fhir.read, feed.read').isVisible()).toBe(true);

    await table.getByRole('button', { name: 'Đổi mã bí mật' }).click();
    await shown.waitFor();
    const rotated = (await shown.locator('p.code').textContent())?.trim() ?? '';
    expect(rotated).not.toBe(secret);
    expect(await fhirStatus(secret)).toBe(401);
    expect(await fhirStatus(rotated)).toBe(200);

    const hookForm = admin.getByRole('form', { name: 'Thêm webhook' });
    await hookForm.getByLabel('Khóa API').selectOption({ label: 'CDC tỉnh' });
    await hookForm.getByLabel('Địa chỉ nhận (URL)').fill('http://cdc.example.vn/hook');
    await hookForm.getByRole('button', { name: 'Thêm webhook' }).click();
    await hookForm.getByText(/phải dùng https/).waitFor();
    await hookForm.getByLabel('Địa chỉ nhận (URL)').fill('https://cdc.example.vn/hook');
    await hookForm.getByLabel('contact.created').check();
    await hookForm.getByRole('button', { name: 'Thêm webhook' }).click();
    await admin.getByTestId('webhooks-table').getByText('https://cdc.example.vn/hook').waitFor();
    expect((await shown.locator('p.code').textContent())?.trim()).toMatch(/^whsec_/);

    await table.getByRole('button', { name: 'Thu hồi' }).click();
    await table.getByText('Đã thu hồi').waitFor();
    expect(await fhirStatus(rotated)).toBe(401);
  });
});
