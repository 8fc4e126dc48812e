import type { Page } from 'playwright-core';
import { apiCall, apiLogin, logLineCount, waitForSignInCode, type ApiSession } from './api.js';
import type { RunningServer } from './server.js';

/** Signs in on the page with a phone and the one-time code the server sent, as a citizen does. */
export async function fillPhoneSignIn(page: Page, server: RunningServer, phone: string): Promise<void> {
  await page.getByLabel('Số điện thoại').fill(phone);
  const mark = logLineCount(server);
  await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
  await page.getByLabel('Mã xác thực').fill(await waitForSignInCode(server, phone, mark - 1));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
}

/** Opens the sign-in page, signs in by phone and waits for the home page. */
export async function signInByPhone(page: Page, server: RunningServer, phone: string): Promise<void> {
  await page.goto('/login');
  await fillPhoneSignIn(page, server, phone);
  await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
}

/** Signs in with a username and password, as officials and venue staff with accounts do. */
export async function signInAsStaff(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('tab', { name: 'Cán bộ, chủ địa điểm' }).click();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
}

/** A phone account signed in over the API, for set-up steps that are not what a test is about. */
export async function phoneSession(server: RunningServer, phone: string): Promise<ApiSession> {
  const mark = logLineCount(server);
  const json = { 'content-type': 'application/json' };
  await fetch(`${server.baseUrl}/api/v1/auth/otp/request`, { method: 'POST', headers: json, body: JSON.stringify({ phone }) });
  const code = await waitForSignInCode(server, phone, mark - 1);
  const response = await fetch(`${server.baseUrl}/api/v1/auth/otp/verify`, { method: 'POST', headers: json, body: JSON.stringify({ phone, code }) });
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

export interface OfficialAccount {
  username: string;
  password: string;
  displayName: string;
  role: 'official' | 'health_official' | 'admin';
  unitCode: string | null;
}

/** Creates an official's account as the administrator would, with the password already chosen by its owner. */
export async function createOfficial(server: RunningServer, account: OfficialAccount): Promise<void> {
  const admin = await apiLogin(server, 'admin', server.adminPassword());
  await apiCall(server, admin, 'POST', '/api/v1/users', account);
  // The first-sign-in password change is tested elsewhere.
  const first = await apiLogin(server, account.username, account.password);
  await fetch(`${server.baseUrl}/api/v1/auth/password`, {
    method: 'POST',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: account.password, newPassword: account.password }),
  });
}
