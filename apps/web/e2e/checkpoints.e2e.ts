import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityProblems, laptopPage, launchBrowser, phonePage, screenshot } from './support/browser.js';
import { qrCodesInPdf } from './support/pdf.js';
import { startServer, type RunningServer } from './support/server.js';
import { createOfficial, signInAsStaff, signInByPhone } from './support/sign-in.js';

describe('QR checkpoints, tried as new users would', () => {
  let server: RunningServer;
  let browser: Browser;
  const official = { username: 'canbo.backan', password: 'Phuong Bac Kan 2026' };

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info' });
    browser = await launchBrowser();
    await createOfficial(server, { ...official, displayName: 'Hoàng Thị Thu', role: 'official', unitCode: '01843' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an owner registers a school with two gates, the commune approves it, and its printed QR opens the check-in page of that gate', async () => {
    const owner = await phonePage(browser, server.baseUrl);
    await signInByPhone(owner, server, '0912345001');
    await owner.getByRole('button', { name: 'Menu' }).click();
    await owner.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Địa điểm của tôi' }).click();
    await owner.getByText('Bạn chưa có địa điểm nào').waitFor();
    await owner.getByRole('link', { name: 'Đăng ký địa điểm' }).click();

    const form = owner.getByRole('form', { name: 'Đăng ký địa điểm' });
    await form.getByLabel('Tên địa điểm').fill('Trường Tiểu học Đức Xuân');
    await form.getByLabel('Loại hình').selectOption('school');
    expect(await form.getByLabel('Lĩnh vực quản lý').inputValue()).toBe('education');
    await form.getByRole('combobox', { name: 'Xã/phường' }).fill('phuong bac kan');
    await form.getByRole('option', { name: /Phường Bắc Kạn/ }).click();
    await form.getByLabel('Địa chỉ (số nhà, đường, tổ/thôn)').fill('Tổ 10, đường Kon Tum');
    await form.getByLabel('Vĩ độ').fill('22.1081');
    await form.getByLabel('Kinh độ').fill('105.8642');
    await form.getByLabel('Người liên hệ').fill('Ma Văn Sơn');
    await form.getByLabel('Số điện thoại liên hệ').fill('0912345001');
    await form.getByLabel('Tên điểm quét 1').fill('Cổng chính');
    await form.getByRole('button', { name: 'Thêm điểm quét' }).click();
    await form.getByLabel('Tên điểm quét 2').fill('Cổng phụ');
    expect(await accessibilityProblems(owner)).toEqual([]);
    await form.getByRole('button', { name: 'Đăng ký' }).click();
    await owner.getByText('Đã gửi đăng ký').waitFor();
    await owner.getByText('Chờ duyệt').first().waitFor();
    const placeUrl = owner.url();

    const officer = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(officer, official.username, official.password);
    await officer.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Duyệt đăng ký' }).click();
    await officer.getByTestId('places-table').getByRole('link', { name: 'Trường Tiểu học Đức Xuân' }).click();
    await officer.getByRole('button', { name: 'Duyệt' }).click();
    await officer.getByRole('dialog').getByText('Chủ địa điểm sẽ nhận tin nhắn').waitFor();
    await officer.getByRole('dialog').getByRole('button', { name: 'Duyệt' }).click();
    await officer.getByText('Hoạt động').first().waitFor();

    await owner.goto(placeUrl);
    const points = owner.getByTestId('points');
    await points.getByText('Cổng chính').waitFor();
    expect(await points.getByRole('link', { name: 'In mã QR' }).count()).toBe(2);
    const posterHref = await points.getByRole('link', { name: 'In mã QR' }).first().getAttribute('href');
    const poster = await owner.request.get(posterHref ?? '');
    expect(poster.headers()['content-type']).toBe('application/pdf');
    const [url] = qrCodesInPdf(await poster.body());
    expect(url).toMatch(new RegExp(`^${server.baseUrl}/q/[A-Za-z0-9_-]{35}$`));

    // A passer-by's phone camera opens the link: the check-in page of that gate, no app, no sign-in.
    const visitor = await phonePage(browser, server.baseUrl);
    await visitor.goto(url ?? '');
    await visitor.getByRole('heading', { name: 'Trường Tiểu học Đức Xuân' }).waitFor();
    await visitor.getByText('Điểm quét: Cổng chính').waitFor();
    expect(await accessibilityProblems(visitor)).toEqual([]);
  });

  it('a commune official imports a 500-row list and sees which places are still missing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(['Tên địa điểm', 'Loại hình', 'Mã xã/phường', 'Địa chỉ', 'Ghi chú']);
    sheet.addRow(['Trường Tiểu học Đức Xuân', 'Trường học', '01843', 'Tổ 10', 'Danh sách tháng 5/2021']);
    for (let i = 1; i < 500; i++) sheet.addRow([`Cửa hàng tạp hóa số ${i}`, 'Khác', '01843', `Tổ ${(i % 20) + 1}`, '']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-e2e-')), 'danh-sach.xlsx');
    fs.writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const officer = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(officer, official.username, official.password);
    await officer.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Nhập từ tệp' }).click();
    await officer.getByLabel('Địa điểm phải đăng ký (danh sách theo dõi)').check();
    await officer.getByLabel('Chọn tệp .xlsx hoặc .csv (UTF-8)').setInputFiles(file);
    await officer.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await officer.getByText('Tệp hợp lệ: 500 dòng sẵn sàng để nhập.').waitFor();
    await officer.getByRole('button', { name: 'Nhập 500 dòng' }).click();
    await officer.getByText('Đã nhập 500 dòng.').waitFor();

    await officer.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Phải đăng ký' }).click();
    await officer.getByTestId('targets-summary').getByText('1 đã đăng ký / 500 — còn 499 chưa đăng ký').waitFor();
    await officer.getByLabel('Trạng thái').selectOption('missing');
    await officer.getByTestId('targets-table').getByText('Cửa hàng tạp hóa số 1', { exact: true }).waitFor();
    await expect.poll(() => officer.getByTestId('targets-table').getByText('Trường Tiểu học Đức Xuân').count()).toBe(0);
    expect(await accessibilityProblems(officer)).toEqual([]);
    await screenshot(officer, 'targets');
  });
});
