import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityProblems, laptopPage, launchBrowser } from './support/browser.js';
import { apiCall, apiLogin } from './support/api.js';
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

  it('a lab result that matched nobody is applied to the case a health official names, and confirms it', async () => {
    const session = await apiLogin(server, 'admin', server.adminPassword());
    const { secret } = await apiCall<{ secret: string }>(server, session, 'POST', '/api/v1/integration/api-keys', { name: 'Phòng xét nghiệm tỉnh', unitCode: '01843', permissions: ['labs.write'] });
    const suspected = await apiCall<{ id: string; code: string }>(server, session, 'POST', '/api/v1/cases', { phone: '0977000111', fullName: 'Hoàng Văn Chờ', communeCode: '01843', classification: 'suspected' });
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:5b0e1c2d-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', name: [{ text: 'Hoàng Văn Chờ' }], identifier: [{ system: 'urn:phongdich:id-number', value: '019088000111' }] } },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            identifier: [{ system: 'urn:oid:2.16.704.1.19.9', value: 'PCR-77' }],
            code: { coding: [{ system: 'http://loinc.org', code: '94500-6', display: 'SARS-CoV-2 RNA PCR' }] },
            subject: { reference: 'urn:uuid:5b0e1c2d-0000-4000-8000-000000000001' },
            effectiveDateTime: new Date().toISOString(),
            valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004' }] },
          },
        },
      ],
    };
    const sent = await fetch(`${server.baseUrl}/fhir`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
    expect(sent.status).toBe(200);

    const official = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(official, 'admin', server.adminPassword());
    await official.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Kết quả xét nghiệm' }).click();
    const table = official.getByTestId('lab-results-table');
    await table.getByText('PCR-77', { exact: false }).waitFor();
    expect(await table.getByText('Không khớp ai').isVisible()).toBe(true);
    expect(await accessibilityProblems(official)).toEqual([]);
    // Nobody matched: the result cannot be applied until a case is named.
    expect(await table.getByRole('button', { name: 'Áp dụng' }).isDisabled()).toBe(true);
    await table.getByLabel('Mã ca bệnh (nếu cần)').fill(suspected.code);
    await table.getByRole('button', { name: 'Áp dụng' }).click();
    await official.getByText(`Đã áp dụng kết quả PCR-77 cho ca bệnh ${suspected.code}.`).waitFor();
    const after = await apiCall<{ case: { classification: string } }>(server, session, 'GET', `/api/v1/cases/${suspected.id}`);
    expect(after.case.classification).toBe('confirmed');
  });
});
