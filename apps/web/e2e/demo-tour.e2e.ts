import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiCall } from './support/api.js';
import { laptopPage, launchBrowser, phonePage, screenshot, rowTexts } from './support/browser.js';
import { buildDemo, type DemoProvince } from './support/demo.js';
import { colourShare, GREEN } from './support/pixels.js';
import { startServer, type RunningServer } from './support/server.js';
import { phoneSession, signInAsStaff, signInByPhone } from './support/sign-in.js';

// A small demo province, as `npm run demo` builds it (same code, fewer people): the README's
// screenshots are taken here, from the demo's data, and each stop checks that data is really there.
const SIZE = { people: 3_000, places: 300 };

type PlaceDetail = { points: Array<{ url: string | null }> };
type DemoLogin = DemoProvince['logins'][number];

/** The number in a text ("1.234" or "1,5" as Vietnamese pages write them), for "more than zero" checks. */
function numberIn(text: string | null): number {
  const match = /\d[\d.]*(,\d+)?/.exec(text ?? '');
  return match ? Number(match[0].replaceAll('.', '').replace(',', '.')) : Number.NaN;
}

/** Scrolls the page so the element is at the top, below the app's sticky header: the screenshot shows what follows it. */
async function scrollToTop(element: Locator): Promise<void> {
  await element.evaluate((el) => {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header - 16);
  });
}

function loginOf(demo: DemoProvince, role: DemoLogin['role'], unitCode?: string): DemoLogin {
  const login = demo.logins.find((l) => l.role === role && (unitCode === undefined || l.unitCode === unitCode));
  if (!login) throw new Error(`the demo prints no ${role} login`);
  return login;
}

describe('the demo province, toured as its people would see it', () => {
  let server: RunningServer;
  let browser: Browser;
  let demo: DemoProvince;
  const phoneOf = (role: DemoLogin['role']) => loginOf(demo, role).phone as string;

  async function staffPage(username: string): Promise<Page> {
    const page = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(page, username, demo.password);
    return page;
  }

  beforeAll(async () => {
    const built = await buildDemo(SIZE);
    demo = built.demo;
    server = await startServer({ LOG_LEVEL: 'info' }, { dataDir: built.dataDir });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a citizen's phone: the personal QR at home, three weeks of visits in the diary, a check-in at the owner's place", async () => {
    const phone = await phonePage(browser, server.baseUrl);
    await signInByPhone(phone, server, phoneOf('citizen'));
    await phone.getByRole('heading', { name: 'Mã QR cá nhân' }).waitFor();
    await screenshot(phone, 'demo-citizen-home');

    await phone.goto('/visits');
    const diary = phone.getByTestId('diary');
    await diary.locator('li').first().waitFor();
    expect(await diary.locator('li').count()).toBeGreaterThan(3);

    const owner = await phoneSession(server, phoneOf('place_owner'));
    const place = await apiCall<PlaceDetail>(server, owner, 'GET', `/api/v1/places/${demo.place.id}`);
    await phone.goto(place.points[0]?.url ?? '');
    await phone.getByRole('heading', { name: demo.place.name }).waitFor();
    await phone.getByRole('button', { name: 'Quét vào' }).click();
    await phone.getByText('Đã quét vào').waitFor();
    await screenshot(phone, 'demo-citizen-checked-in');
  });

  it("the owner's portal: the owner's place with its QR points and the guard as scanner staff", async () => {
    const page = await laptopPage(browser, server.baseUrl);
    await signInByPhone(page, server, phoneOf('place_owner'));
    await page.goto('/places/mine');
    await page.getByTestId('my-places').getByRole('link', { name: demo.place.name }).click();
    const points = page.getByTestId('points');
    await points.getByRole('link', { name: 'In mã QR' }).first().waitFor();
    expect(await page.getByTestId('members').textContent()).toMatch(/Nhân viên|nhân viên/);
    await scrollToTop(page.getByRole('heading', { name: 'Điểm quét mã QR' }));
    await screenshot(page, 'demo-owner-place');
  });

  it("the provincial CDC's home: this week's figures, the 30-day trend and the communes ranked", async () => {
    const page = await staffPage(loginOf(demo, 'health_official', demo.homeUnit).username as string);
    const figures = page.getByTestId('dashboard-figures');
    await expect.poll(async () => (await figures.textContent()) ?? '').not.toContain('…');
    const values = await figures.locator('.report-figure-value').allTextContents();
    // Scans a day and active cases come from the demo's visits and outbreak.
    expect(numberIn(values[2] ?? '')).toBeGreaterThan(0);
    expect(numberIn(values[3] ?? '')).toBeGreaterThan(0);
    await page.getByTestId('trend-scans').waitFor();
    await screenshot(page, 'demo-official-dashboard');
  });

  it('the public map: every commune of the province with its level and the date it was computed', async () => {
    const page = await laptopPage(browser, server.baseUrl);
    await page.goto('/map');
    await page.getByTestId('risk-date').waitFor();
    const levels = page.getByTestId('commune-levels');
    await levels.locator('tbody tr').first().waitFor();
    expect(await levels.locator('tbody tr').count()).toBeGreaterThan(20);
    // The list puts the worst communes first: the demo outbreak's recent cases raised some above level 1.
    expect(await levels.locator('tbody tr').first().textContent()).toMatch(/Cấp [234]/);
    const map = page.getByRole('region', { name: /^Bản đồ chống dịch / }).first();
    await map.locator('canvas').waitFor();
    await expect.poll(() => colourShare(map, GREEN), { timeout: 20_000 }).toBeGreaterThan(0.1);
    await screenshot(page, 'demo-map');
  });

  it('tracing: a case of the demo outbreak with its contacts, and the chain that grew through one of them', async () => {
    const page = await staffPage(loginOf(demo, 'health_official', demo.homeUnit).username as string);
    await page.goto(`/cases/${demo.chainCase.id}`);
    await page.getByRole('heading', { name: new RegExp(`^${demo.chainCase.code} · `) }).waitFor();
    const contacts = page.getByTestId('contacts-table');
    await contacts.locator('tbody tr').first().waitFor();
    expect(await contacts.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Sơ đồ lây nhiễm' }).click();
    const graph = page.getByRole('img', { name: /Chuỗi lây nhiễm/ });
    await expect.poll(async () => numberIn(await graph.getAttribute('aria-label'))).toBeGreaterThanOrEqual(2);
    await scrollToTop(page.getByRole('tablist'));
    await screenshot(page, 'demo-case-chain');
  });

  it("reports: the province's deployment by commune, and the demo commune's weekly report submitted", async () => {
    const page = await staffPage(loginOf(demo, 'official', demo.homeUnit).username as string);
    await page.goto('/reports');
    const table = page.getByTestId('deployment-table');
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(20);
    // Registered places and scans a day of the demo commune, from the simulated weeks.
    const communeRow = await rowTexts(page, 'deployment-table', demo.commune.name);
    expect(numberIn(communeRow[1] ?? '')).toBeGreaterThan(0);
    expect(numberIn(communeRow[6] ?? '')).toBeGreaterThan(0);
    await scrollToTop(page.getByRole('heading', { name: 'Tiến độ triển khai theo đơn vị' }));
    await screenshot(page, 'demo-reports');

    await page.getByRole('tab', { name: 'Nộp báo cáo' }).click();
    await page.getByTestId('completeness').getByText(/^Đã nộp 1\/\d+$/).waitFor();
    expect((await rowTexts(page, 'submission-children', demo.commune.name)).join(' ')).toMatch(/Đã nộp|Nộp muộn/);
  });

  it("campaigns: the province's weekly reminder with its runs and delivery figures, the commune's announcement and the CDC's scheduled one", async () => {
    const page = await staffPage(loginOf(demo, 'official', demo.homeUnit).username as string);
    await page.goto('/campaigns');
    for (const campaign of demo.campaigns) await page.getByRole('link', { name: campaign.name }).waitFor();
    const reminder = demo.campaigns.find((c) => c.recurrence !== null);
    await page.getByRole('link', { name: reminder?.name ?? '' }).click();
    const figures = page.getByTestId('campaign-figures');
    await figures.waitFor();
    expect(await page.getByTestId('campaign-status').textContent()).toBe('Đang chạy');
    // Three weekly runs went through the outbox to the log channel: each one's messages were sent.
    const runs = page.getByRole('table').locator('tbody tr');
    expect(await runs.count()).toBe(3);
    for (const run of await runs.all()) {
      const cells = await run.getByRole('cell').allTextContents();
      expect(numberIn(cells[2] ?? '')).toBeGreaterThan(0);
      expect(cells[4]).toBe(cells[2]);
    }
    await screenshot(page, 'demo-campaign');

    await page.getByRole('link', { name: 'Danh sách chiến dịch' }).click();
    const announcement = demo.campaigns.find((c) => c.status === 'completed');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: announcement?.name ?? '' }) });
    expect(await row.textContent()).toContain('Đã xong');
  });
});
