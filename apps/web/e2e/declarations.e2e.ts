import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityProblems, launchBrowser, phonePage, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { createOfficial, signInAsStaff, signInByPhone } from './support/sign-in.js';

async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
}

/** Someone with family members is asked who the declaration is for; someone without goes straight to the form. */
async function chooseMyself(page: Page, question: string, myself: string, firstStep: RegExp): Promise<void> {
  const asked = page.getByRole('heading', { name: question });
  await asked.or(page.getByRole('heading', { name: firstStep })).first().waitFor();
  if (await asked.isVisible()) await page.getByRole('button', { name: myself }).click();
}

describe('health declarations, tried as new users would', () => {
  let server: RunningServer;
  let browser: Browser;
  const official = { username: 'yte.backan', password: 'Tram Y te Bac Kan 2026' };

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info' });
    browser = await launchBrowser();
    await createOfficial(server, { ...official, displayName: 'Lý Thị Hoa', role: 'official', unitCode: '01843' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a citizen declares a fever on a phone, gets a personal QR and what to do; the commune handles the flag', async () => {
    const phone = await phonePage(browser, server.baseUrl);
    await signInByPhone(phone, server, '0912700001');
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Khai báo y tế' }).click();
    await phone.getByRole('heading', { name: 'Chọn loại tờ khai' }).waitFor();
    await phone.getByRole('button', { name: /^Khai báo y tế Khai báo y tế toàn dân/ }).click();
    await chooseMyself(phone, 'Khai báo cho ai?', 'Bản thân tôi', /Thông tin người khai/);

    await phone.getByLabel('Họ tên').fill('Nông Văn Thắng');
    await phone.getByRole('group', { name: 'Loại giấy tờ' }).getByRole('radio', { name: /Căn cước công dân/ }).check();
    await phone.getByLabel('Số hộ chiếu / CMND / CCCD').fill('006090001234');
    await phone.getByLabel('Năm sinh').fill('1990');
    await phone.getByRole('group', { name: 'Giới tính' }).getByRole('radio', { name: 'Nam', exact: true }).check();
    await next(phone);
    await phone.getByRole('heading', { name: /Liên lạc/ }).waitFor();
    await phone.getByLabel('Điện thoại').fill('0912700001');
    await next(phone);
    await phone.getByLabel('Tỉnh/thành phố').selectOption({ label: 'Tỉnh Thái Nguyên' });
    await phone.getByLabel('Phường/xã').selectOption({ label: 'Phường Bắc Kạn' });
    await phone.getByLabel(/Số nhà, phố/).fill('Tổ 5');
    await next(phone);
    await next(phone);
    await phone.getByRole('group', { name: /có thấy xuất hiện dấu hiệu/ }).getByRole('checkbox', { name: 'Sốt', exact: true }).check();
    for (const answer of await phone.getByRole('group', { name: /tiếp xúc với/ }).first().getByRole('button', { name: 'Không' }).all()) {
      await answer.click();
    }
    expect(await accessibilityProblems(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Gửi tờ khai' }).click();

    await phone.getByRole('heading', { name: 'Đã gửi tờ khai' }).waitFor();
    await phone.getByRole('img', { name: /Mã QR cá nhân của/ }).waitFor();
    await phone.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
    expect(await accessibilityProblems(phone)).toEqual([]);
    await screenshot(phone, 'declaration-sent');

    await phone.getByRole('link', { name: 'Tờ khai đã gửi' }).click();
    await phone.getByText('Cần theo dõi').first().waitFor();
    // The citizen opens what they sent and reads their own answers back.
    await phone.getByRole('list', { name: 'Tờ khai đã gửi' }).getByRole('link', { name: 'Khai báo y tế' }).click();
    await phone.getByRole('heading', { name: 'Khai báo y tế', level: 1 }).waitFor();
    const answers = phone.locator('.declaration-detail');
    await answers.getByText('Nông Văn Thắng').waitFor();
    expect(await answers.textContent()).toContain('Sốt');
    await phone.getByText('Người được khai: Bản thân').waitFor();
    expect(await accessibilityProblems(phone)).toEqual([]);
    await phone.getByRole('link', { name: 'Về danh sách tờ khai' }).click();
    await phone.getByRole('heading', { name: 'Tờ khai đã gửi' }).waitFor();

    const officer = await phonePage(browser, server.baseUrl);
    await signInAsStaff(officer, official.username, official.password);
    await officer.goto('/declarations/flags');
    const flags = officer.getByTestId('flags');
    await flags.getByText('Nông Văn Thắng').waitFor();
    expect(await flags.textContent()).toContain('Có triệu chứng');
    await flags.getByRole('button', { name: 'Đã xử lý' }).click();
    await officer.getByRole('dialog').getByRole('textbox').fill('Đã gọi điện, hướng dẫn đi xét nghiệm tại trạm y tế');
    await officer.getByRole('dialog').getByRole('button', { name: 'Đã xử lý' }).click();
    await officer.getByText('Không có tờ khai nào cần xử lý.').waitFor();
  });

  it('a traveller fills the entry declaration (VHD) in English at the airport', async () => {
    const phone = await phonePage(browser, server.baseUrl);
    await signInByPhone(phone, server, '0912700002');
    await phone.getByRole('button', { name: 'English' }).click();
    await phone.goto('/declarations/new?kind=entry');
    await chooseMyself(phone, 'Who is this declaration for?', 'Myself', /Your journey/);
    const next = () => phone.getByRole('button', { name: 'Next' }).click();

    await phone.getByRole('heading', { name: /Your journey/ }).waitFor();
    await phone.getByRole('searchbox', { name: 'Border gate of entry' }).fill('HAN');
    await phone.getByRole('button', { name: /Noi Bai International Airport/ }).click();
    await phone.getByRole('group', { name: 'Means of transport' }).getByRole('radio', { name: 'Plane' }).check();
    await phone.getByLabel('Flight, ship or vehicle number').fill('VN0051');
    await next();
    await phone.getByRole('group', { name: 'You are entering as' }).getByRole('radio', { name: 'Overseas Vietnamese' }).check();
    await phone.getByLabel('Full name').fill('Tran Minh Anh');
    await phone.getByLabel('Year of birth').fill('1985');
    await phone.getByRole('group', { name: 'Gender' }).getByRole('radio', { name: 'Female' }).check();
    await phone.getByRole('searchbox', { name: 'Nationality' }).fill('United States');
    await phone.getByRole('button', { name: /^United States/ }).first().click();
    await next();
    await phone.getByRole('group', { name: 'Travel document' }).getByRole('radio', { name: 'Passport' }).check();
    await phone.getByLabel('Passport or other valid travel document number').fill('C1234567');
    await phone.getByLabel('Phone').fill('0912700002');
    await next();
    await phone.getByLabel('Departure date').fill('20/11/2026');
    await phone.getByLabel('Date of entry').fill('21/11/2026');
    await phone.getByRole('searchbox', { name: 'Departure: country or territory' }).fill('Korea');
    await phone.getByRole('button', { name: /^South Korea/ }).first().click();
    await phone.getByLabel('Destination: province or city').selectOption('19');
    await next();
    await phone.getByLabel('Province or city').first().selectOption('19');
    await phone.getByLabel('Ward or commune').first().selectOption('01843');
    await phone.getByLabel(/House number/).first().fill('Tổ 5');
    await next();
    await phone.getByLabel('Province or city').first().selectOption('19');
    await phone.getByLabel('Ward or commune').first().selectOption('01843');
    await phone.getByLabel(/House number/).first().fill('Tổ 5');
    await next();
    for (const answer of await phone.getByRole('button', { name: 'No', exact: true }).all()) await answer.click();
    await next();
    await phone.getByRole('group', { name: 'Where you will be quarantined' }).getByRole('radio', { name: 'Not required to quarantine' }).check();
    await phone.getByRole('group', { name: 'Test result' }).getByRole('radio', { name: 'Not tested' }).check();
    expect(await accessibilityProblems(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Send declaration' }).click();
    await phone.getByRole('heading', { name: 'Declaration sent' }).waitFor();
    await phone.getByRole('img', { name: /Personal QR code of/ }).waitFor();
  });
});
