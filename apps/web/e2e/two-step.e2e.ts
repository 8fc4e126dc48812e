import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { accessibilityProblems, laptopPage, launchBrowser, phonePage, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { createOfficial, signInAsStaff } from './support/sign-in.js';
import { freshTotp } from './support/totp.js';

const PASSWORD = 'Hai lop 2026 an toan';

/** Fills the staff sign-in form (the second-factor field appears once the server asks for it). */
async function fillStaffSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('tab', { name: 'Cán bộ, chủ địa điểm' }).click();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function signInWithCode(page: Page, username: string, code: string): Promise<void> {
  await fillStaffSignIn(page, username, PASSWORD);
  // The server's own message, by the field it names.
  await page.getByText('Nhập mã 6 chữ số từ ứng dụng xác thực (hoặc một mã khôi phục).').waitFor();
  await page.getByLabel('Mã từ ứng dụng xác thực').fill(code);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.goto('/account');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

/** The secret as the page shows it for typing, and what the QR code beside it says (decoded from the screen, as a phone would). */
async function enrolmentShown(page: Page): Promise<{ secret: string; qr: string | undefined }> {
  const secret = (await page.getByTestId('totp-secret').textContent())?.replace(/\s/g, '') ?? '';
  const image = PNG.sync.read(await page.getByRole('img', { name: 'Mã QR thêm tài khoản PhongDich vào ứng dụng xác thực' }).screenshot());
  return { secret, qr: jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data };
}

describe('two-step verification from the account page', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // Health officials must use it; commune officials may.
    server = await startServer({ TOTP_REQUIRED_ROLES: 'health_official' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a commune official turns it on, saves the recovery codes, signs in with a code and with a recovery code, and turns it off', async () => {
    const username = 'xa.hailop';
    await createOfficial(server, { username, password: PASSWORD, displayName: 'Hoàng Văn Tùng', role: 'official', unitCode: '01843' });
    const page = await phonePage(browser, server.baseUrl);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await signInAsStaff(page, username, PASSWORD);

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Tài khoản của tôi' }).click();
    const panel = page.getByTestId('two-step');
    await panel.getByRole('heading', { name: 'Xác thực hai lớp' }).waitFor();
    expect(await panel.getByTestId('two-step-status').textContent()).toBe('Đang tắt');
    await panel.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();

    const { secret, qr } = await enrolmentShown(page);
    await screenshot(page, 'two-step-enrol');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(qr).toBe(`otpauth://totp/PhongDich%3A${username}?secret=${secret}&issuer=PhongDich&algorithm=SHA1&digits=6&period=30`);
    expect(await accessibilityProblems(page)).toEqual([]);

    // A wrong code: the server's message under the field.
    await panel.getByLabel('Mã 6 số từ ứng dụng').fill('000000');
    await panel.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await panel.getByText('Mã xác thực không đúng hoặc đã dùng. Hãy nhập mã mới nhất trong ứng dụng.').waitFor();
    let used = await freshTotp(secret, null);
    await panel.getByLabel('Mã 6 số từ ứng dụng').fill(used.code);
    await panel.getByRole('button', { name: 'Xác nhận và bật' }).click();

    // The ten recovery codes, once, with a clear warning; copied and downloaded.
    const codesBox = page.getByTestId('recovery-codes');
    await codesBox.getByText('Các mã chỉ hiện lần này').waitFor();
    const recoveryCodes = (await codesBox.getByRole('list', { name: 'Mã khôi phục' }).getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), codesBox.getByRole('button', { name: 'Tải về (.txt)' }).click()]);
    expect(download.suggestedFilename()).toBe(`phongdich-recovery-codes-${username}.txt`);
    const file = fs.readFileSync(await download.path(), 'utf8');
    expect(file).toContain(`tài khoản ${username}`);
    for (const code of recoveryCodes) expect(file).toContain(code);
    await codesBox.getByRole('button', { name: 'Chép các mã' }).click();
    await codesBox.getByText('Đã chép các mã.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(file);
    await codesBox.getByRole('button', { name: 'Tôi đã lưu các mã' }).click();
    await expect.poll(() => codesBox.count()).toBe(0);
    await expect.poll(() => panel.getByTestId('two-step-status').textContent()).toBe('Đang bật');

    // Signing in now needs the password and a code from the app.
    await signOut(page);
    used = await freshTotp(secret, used.step);
    await signInWithCode(page, username, used.code);
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();

    // Or a recovery code, once.
    await signOut(page);
    await signInWithCode(page, username, recoveryCodes[0] as string);
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await signOut(page);
    await signInWithCode(page, username, recoveryCodes[0] as string);
    await page.getByText('Mã xác thực không đúng hoặc đã dùng.').waitFor();
    await page.getByLabel('Mã từ ứng dụng xác thực').fill(recoveryCodes[1] as string);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();

    // Turning it off takes the password and a current code.
    await page.goto('/account');
    await panel.getByRole('button', { name: 'Tắt xác thực hai lớp' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tắt xác thực hai lớp' });
    await dialog.getByLabel('Mật khẩu').fill('not the password 1');
    used = await freshTotp(secret, used.step);
    await dialog.getByLabel('Mã từ ứng dụng xác thực').fill(used.code);
    await dialog.getByRole('button', { name: 'Tắt xác thực hai lớp' }).click();
    await dialog.getByText('Mật khẩu hiện tại không đúng.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByLabel('Mật khẩu').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Tắt xác thực hai lớp' }).click();
    await panel.getByText('Đã tắt xác thực hai lớp.').waitFor();
    await expect.poll(() => panel.getByTestId('two-step-status').textContent()).toBe('Đang tắt');

    // The password alone is enough again.
    await signOut(page);
    await signInAsStaff(page, username, PASSWORD);
  });

  it('a health official, whose role requires it, is taken to turn it on before anything else', async () => {
    const username = 'yte.hailop';
    await createOfficial(server, { username, password: PASSWORD, displayName: 'Lý Thị Hoa', role: 'health_official', unitCode: '01843' });
    const page = await phonePage(browser, server.baseUrl);
    await fillStaffSignIn(page, username, PASSWORD);

    await page.waitForURL('**/account');
    const panel = page.getByTestId('two-step');
    const explanation = panel.getByText('Vai trò của bạn bắt buộc dùng xác thực hai lớp. Hãy bật ngay bên dưới');
    await explanation.waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'two-step-required');
    // The menu offers nothing else, and other pages lead back here.
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents()).toEqual(['Tài khoản của tôi']);
    await page.goto('/cases');
    await page.waitForURL('**/account');
    await explanation.waitFor();

    await panel.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    const { secret } = await enrolmentShown(page);
    await panel.getByLabel('Mã 6 số từ ứng dụng').fill((await freshTotp(secret, null)).code);
    await panel.getByRole('button', { name: 'Xác nhận và bật' }).click();
    // The account reloads at once (no more explanation), and the codes stay until saved.
    const codesBox = page.getByTestId('recovery-codes');
    await codesBox.getByText('Các mã chỉ hiện lần này').waitFor();
    await expect.poll(() => explanation.count()).toBe(0);
    expect(await codesBox.getByRole('listitem').count()).toBe(10);
    await codesBox.getByRole('button', { name: 'Tôi đã lưu các mã' }).click();

    await page.goto('/cases');
    await page.getByRole('heading', { name: 'Ca bệnh', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/cases');

    // Phone and recovery codes lost: an administrator turns it off from the accounts page, which
    // signs the official out; signing in again leads straight back to enrolment.
    await createOfficial(server, { username: 'quantri.hailop', password: PASSWORD, displayName: 'Quản trị viên', role: 'admin', unitCode: null });
    const admin = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(admin, 'quantri.hailop', PASSWORD);
    await admin.goto('/admin/users');
    const row = admin.getByTestId('users-table').getByRole('row').filter({ hasText: username });
    await row.getByText('đã bật xác thực hai lớp').waitFor();
    await row.getByRole('button', { name: 'Tắt xác thực hai lớp' }).click();
    await admin.getByRole('dialog').getByText('Chỉ làm việc này khi Lý Thị Hoa đã mất cả điện thoại').waitFor();
    await admin.getByRole('dialog').getByRole('button', { name: 'Tắt xác thực hai lớp' }).click();
    await expect.poll(() => row.getByText('đã bật xác thực hai lớp').count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await fillStaffSignIn(page, username, PASSWORD);
    await page.waitForURL('**/account');
    await explanation.waitFor();
  });
});
