import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiCall, apiLogin, type ApiSession } from './support/api.js';
import { accessibilityProblems, laptopPage, launchBrowser, phonePage, screenshot } from './support/browser.js';
import { colourShare, GREEN, ORANGE } from './support/pixels.js';
import { startServer, type RunningServer } from './support/server.js';
import { createOfficial, phoneSession, signInAsStaff, signInByPhone } from './support/sign-in.js';

/** Today as the Vietnamese pages write it (dd/mm/yyyy, Vietnam time). */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/** A browser where WebGL is missing, as on old phones and locked-down office browsers. */
async function pageWithoutWebgl(browser: Browser, baseURL: string): Promise<Page> {
  const page = await phonePage(browser, baseURL);
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return type.startsWith('webgl') || type === 'experimental-webgl' ? null : (original as (...args: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof HTMLCanvasElement.prototype.getContext;
  });
  return page;
}

function mapOf(page: Page): Locator {
  // MapLibre labels its canvas with the same name; the outer element is the whole map.
  return page.getByRole('region', { name: /^Bản đồ chống dịch / }).first();
}

describe('the epidemic map, tried as new users would', () => {
  let server: RunningServer;
  let browser: Browser;
  const health = { username: 'cdc.thainguyen', password: 'CDC Thai Nguyen 2026' };
  const commune = { username: 'canbo.backan', password: 'Phuong Bac Kan 2026' };
  let officer: ApiSession;
  const today = todayInVietnam();

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info' });
    browser = await launchBrowser();
    await createOfficial(server, { ...health, displayName: 'Trần Văn Khoa', role: 'health_official', unitCode: '19' });
    await createOfficial(server, { ...commune, displayName: 'Hoàng Thị Thu', role: 'official', unitCode: '01843' });
    officer = await apiLogin(server, commune.username, commune.password);
    // The daily job runs once soon after start-up; a new installation's map must not wait for it.
    const deadline = Date.now() + 20_000;
    while (((await (await fetch(`${server.baseUrl}/api/v1/map/risk`)).json()) as { date: string | null }).date === null) {
      if (Date.now() > deadline) throw new Error('no risk levels after start-up');
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a visitor with no account opens the map on the home province, communes coloured by level with legend and date, and finds a ward by name', async () => {
    const visitor = await phonePage(browser, server.baseUrl);
    await visitor.goto('/map');
    await visitor.getByRole('heading', { name: 'Bản đồ chống dịch', level: 1 }).waitFor();
    await visitor.getByTestId('risk-date').getByText(`cập nhật ngày ${today}`).waitFor();
    const legend = visitor.getByRole('region', { name: 'Lớp bản đồ và chú giải' });
    await legend.getByText('Cấp 1 – Nguy cơ thấp (bình thường mới)').waitFor();
    expect(await legend.textContent()).toMatch(/Cấp 4 – Nguy cơ rất cao · 0 xã, phường/);
    const levels = visitor.getByTestId('commune-levels');
    await levels.getByRole('button', { name: 'Phường Bắc Kạn' }).waitFor();
    expect(await levels.locator('tbody tr').count()).toBeGreaterThan(50);

    // Nobody has had cases yet: the drawn map is mostly level-1 green.
    await mapOf(visitor).locator('canvas').waitFor();
    await expect.poll(() => colourShare(mapOf(visitor), GREEN), { timeout: 20_000 }).toBeGreaterThan(0.2);
    expect(await accessibilityProblems(visitor)).toEqual([]);
    await screenshot(visitor, 'map-public');

    const search = visitor.getByRole('search', { name: 'Tìm xã, phường, địa điểm' });
    await search.getByRole('searchbox', { name: 'Tìm xã, phường, địa điểm' }).fill('bac kan');
    await search.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('button', { name: /Phường Bắc Kạn/ }).click();
    const panel = visitor.getByTestId('map-panel');
    await panel.getByRole('heading', { name: 'Phường Bắc Kạn' }).waitFor();
    expect(await panel.textContent()).toContain('Cấp 1 – Nguy cơ thấp');
    // The public panel has no official's tools.
    expect(await panel.getByText('Điều chỉnh cấp độ').count()).toBe(0);
  });

  it('without WebGL the visitor is told so and gets the same information as lists', async () => {
    const visitor = await pageWithoutWebgl(browser, server.baseUrl);
    await visitor.goto('/map');
    await visitor.getByText('Thiết bị này không hiển thị được bản đồ.', { exact: false }).waitFor();
    expect(await visitor.locator('canvas.maplibregl-canvas').count()).toBe(0);
    await visitor.getByRole('heading', { name: 'Danh sách trên bản đồ' }).waitFor();
    await visitor.getByTestId('risk-date').getByText(`cập nhật ngày ${today}`).waitFor();
    await visitor.getByTestId('commune-levels').getByRole('button', { name: 'Phường Bắc Kạn' }).click();
    const panel = visitor.getByTestId('map-panel');
    await panel.getByRole('heading', { name: 'Phường Bắc Kạn' }).waitFor();
    expect(await panel.textContent()).toContain('Ca mới / 100.000 dân / tuần');
    await visitor.getByRole('searchbox', { name: 'Tìm xã, phường, địa điểm' }).fill('bac kan');
    await visitor.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('button', { name: /Phường Bắc Kạn/ }).waitFor();
    expect(await accessibilityProblems(visitor)).toEqual([]);
  });

  it('a ward with a new cluster turns orange after the daily computation; its official raises the level with a reason and sees it in the history', async () => {
    const cdc = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(cdc, health.username, health.password);
    await cdc.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Số liệu tính cấp độ' }).click();
    await cdc.getByLabel('Tìm theo tên xã, phường').fill('Phường Bắc Kạn');
    const figures = cdc.getByRole('form', { name: 'Phường Bắc Kạn' });
    await figures.getByLabel('Dân số').fill('5000');
    await figures.getByRole('button', { name: 'Lưu số liệu Phường Bắc Kạn' }).click();
    await figures.getByText('Đã lưu.').waitFor();

    // Four confirmed community cases this week in a ward of 5,000: 80 per 100,000, level 3.
    const cdcApi = await apiLogin(server, health.username, health.password);
    for (let i = 1; i <= 4; i++) {
      await apiCall(server, cdcApi, 'POST', '/api/v1/cases', { phone: `091280010${i}`, fullName: `Người bệnh ${i}`, communeCode: '01843', classification: 'confirmed' });
    }

    await cdc.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cấp độ dịch', exact: true }).click();
    await cdc.getByRole('button', { name: 'Tính lại ngay' }).click();
    await cdc.getByRole('dialog').getByRole('button', { name: 'Tính lại ngay' }).click();
    await cdc.getByText(/Đã tính lại cho \d+ xã, phường/).waitFor();
    await cdc.getByLabel('Tìm theo tên xã, phường').fill('Phường Bắc Kạn');
    const row = cdc.getByTestId('risk-levels').getByRole('row', { name: /Phường Bắc Kạn/ });
    await row.getByText('Cấp 3 – Nguy cơ cao').first().waitFor();
    expect(await row.textContent()).toContain('80');
    expect(await accessibilityProblems(cdc)).toEqual([]);

    // A visitor sees the ward orange, at the top of the list, and on the map once it is chosen.
    const visitor = await phonePage(browser, server.baseUrl);
    await visitor.goto('/map');
    const first = visitor.getByTestId('commune-levels').locator('tbody tr').first();
    await first.getByText('Phường Bắc Kạn').waitFor();
    expect(await first.textContent()).toContain('Cấp 3 – Nguy cơ cao');
    await mapOf(visitor).locator('canvas').waitFor();
    await first.getByRole('button', { name: 'Phường Bắc Kạn' }).click();
    await expect.poll(() => colourShare(mapOf(visitor), ORANGE), { timeout: 20_000 }).toBeGreaterThan(0.15);

    // The ward's official knows of a cluster the figures have not caught up with.
    const official = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(official, commune.username, commune.password);
    await official.goto('/map');
    await official.getByTestId('commune-levels').getByRole('button', { name: 'Phường Bắc Kạn' }).click();
    const panel = official.getByTestId('map-panel');
    await panel.getByRole('heading', { name: 'Lịch sử cấp độ' }).waitFor();
    const form = panel.getByRole('form', { name: 'Điều chỉnh cấp độ' });
    await form.getByLabel('Cấp độ mới').selectOption('4');
    await form.getByRole('button', { name: 'Lưu cấp độ điều chỉnh' }).click();
    // No reason, no override: the form says what is missing before anything is sent.
    expect(await official.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => form.getByLabel('Lý do điều chỉnh').getAttribute('aria-invalid')).toBe('true');
    const reason = 'Ổ dịch mới tại chợ Bắc Kạn, 12 người chờ kết quả xét nghiệm';
    await form.getByLabel('Lý do điều chỉnh').fill(reason);
    await form.getByRole('button', { name: 'Lưu cấp độ điều chỉnh' }).click();
    const confirm = official.getByRole('dialog');
    expect(await confirm.textContent()).toContain('“Cấp 3 – Nguy cơ cao” sang “Cấp 4 – Nguy cơ rất cao”');
    expect(await confirm.textContent()).toContain('5.000 người dân');
    await confirm.getByRole('button', { name: 'Lưu cấp độ điều chỉnh' }).click();
    await panel.getByText('Đã lưu cấp độ điều chỉnh.').waitFor();
    const history = panel.getByTestId('risk-history');
    await history.getByText(reason).waitFor();
    expect(await history.textContent()).toContain('Cán bộ điều chỉnh');
    expect(await history.textContent()).toContain('Hoàng Thị Thu');
    expect(await history.textContent()).toContain('Tính theo tiêu chí: cấp 3');
    await panel.getByText('Cấp độ do cán bộ điều chỉnh.').waitFor();
    expect(await accessibilityProblems(official)).toEqual([]);
    await screenshot(official, 'map-official-override');

    const later = await phonePage(browser, server.baseUrl);
    await later.goto('/map');
    expect(await later.getByTestId('commune-levels').locator('tbody tr').first().textContent()).toContain('Cấp 4 – Nguy cơ rất cao');
  });

  it('an official draws a lockdown zone on the map (a crossed outline is refused while drawing) and visitors see it', async () => {
    const official = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(official, commune.username, commune.password);
    await official.goto('/map');
    const map = mapOf(official);
    await map.locator('canvas').waitFor();
    await official.getByTestId('commune-levels').getByRole('button', { name: 'Phường Bắc Kạn' }).click();
    // The map glides to the ward; corners are placed once it has arrived.
    await official.waitForTimeout(2_000);
    await official.getByRole('button', { name: 'Vẽ vùng phong tỏa' }).click();
    const toolbar = official.getByTestId('draw-toolbar');
    await toolbar.waitFor();
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no size');
    const at = (dx: number, dy: number) => official.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
    // Corners in a bow-tie order: the outline crosses itself.
    await at(-40, -30);
    await at(40, -30);
    await at(-40, 30);
    await at(40, 30);
    await toolbar.getByText('4 điểm', { exact: false }).waitFor();
    await toolbar.getByText('đường viền tự cắt nhau', { exact: false }).waitFor();
    expect(await toolbar.getByRole('button', { name: 'Hoàn thành vùng' }).isDisabled()).toBe(true);
    await toolbar.getByRole('button', { name: 'Hoàn tác điểm cuối' }).click();
    await toolbar.getByRole('button', { name: 'Hoàn tác điểm cuối' }).click();
    await at(40, 30);
    await at(-40, 30);
    await expect.poll(() => toolbar.getByText('đường viền tự cắt nhau', { exact: false }).count()).toBe(0);
    await toolbar.getByRole('button', { name: 'Hoàn thành vùng' }).click();

    const form = official.getByRole('region', { name: 'Thông tin vùng mới' });
    await form.getByLabel('Tên vùng').fill('Tổ 7, phường Bắc Kạn');
    await form.getByLabel('Ghi chú (không bắt buộc)').fill('Phong tỏa 14 ngày theo quyết định của UBND phường');
    expect(await accessibilityProblems(official)).toEqual([]);
    await screenshot(official, 'map-zone-drawn');
    await form.getByRole('button', { name: 'Lưu vùng' }).click();
    await official.getByText(/Đã lưu vùng “Tổ 7, phường Bắc Kạn”, thuộc \d+ xã, phường/).waitFor();

    await official.getByRole('navigation', { name: 'Quản lý bản đồ' }).getByRole('link', { name: 'Vùng phong tỏa' }).click();
    await official.getByTestId('zones').getByRole('rowheader', { name: /Tổ 7, phường Bắc Kạn/ }).waitFor();

    for (const visitor of [await phonePage(browser, server.baseUrl), await pageWithoutWebgl(browser, server.baseUrl)]) {
      await visitor.goto('/map');
      const list = visitor.getByTestId('map-list');
      await list.getByRole('heading', { name: 'Vùng phong tỏa, cách ly (1)' }).waitFor();
      await list.getByRole('button', { name: /Tổ 7, phường Bắc Kạn/ }).click();
      const panel = visitor.getByTestId('map-panel');
      await panel.getByRole('heading', { name: 'Tổ 7, phường Bắc Kạn' }).waitFor();
      expect(await panel.textContent()).toContain(`Từ ngày${today}`);
      expect(await panel.textContent()).toContain('Chưa có ngày kết thúc');
    }
  });

  it("a café owner answers the safety checklist and sees the score and level; the café's marker changes on the public map and the ward official sees and corrects it", async () => {
    const ownerPhone = '0912345777';
    const ownerApi = await phoneSession(server, ownerPhone);
    const place = await apiCall<{ id: string }>(server, ownerApi, 'POST', '/api/v1/places', {
      name: 'Quán cà phê Hồ Ba Bể',
      type: 'restaurant_cafe',
      sector: 'culture_sports_tourism',
      communeCode: '01843',
      streetAddress: 'Tổ 3, đường Trường Chinh',
      location: { lat: 22.1472, lon: 105.8351 },
      contactName: 'Nông Văn Hải',
      contactPhone: ownerPhone,
      points: ['Quầy'],
    });
    await apiCall(server, officer, 'POST', `/api/v1/places/${place.id}/status`, { status: 'active' });

    const markerText = async (): Promise<string> => {
      const visitor = await pageWithoutWebgl(browser, server.baseUrl);
      await visitor.goto('/map');
      const item = visitor.getByTestId('map-list').getByRole('button', { name: /Quán cà phê Hồ Ba Bể/ });
      await item.waitFor();
      const text = (await item.textContent()) ?? '';
      await visitor.context().close();
      return text;
    };
    expect(await markerText()).toContain('Chưa tự đánh giá');

    const owner = await phonePage(browser, server.baseUrl);
    await signInByPhone(owner, server, ownerPhone);
    await owner.goto(`/places/${place.id}`);
    await owner.getByRole('link', { name: 'Tự đánh giá an toàn COVID' }).click();
    await owner.getByRole('heading', { name: 'Tự đánh giá an toàn COVID', level: 1 }).waitFor();
    await owner.getByText('Địa điểm chưa tự đánh giá lần nào.').waitFor();
    const items = owner.locator('.assessment-list > li');
    const count = await items.count();
    expect(count).toBeGreaterThanOrEqual(10);
    // Everything in place except the last three measures.
    for (let i = 0; i < count; i++) await items.nth(i).getByText(i < count - 3 ? 'Đã thực hiện' : 'Chưa thực hiện', { exact: true }).click();
    const score = owner.getByTestId('assessment-score');
    await score.getByText(`Đã trả lời ${count}/${count}`).waitFor();
    const provisional = (await score.textContent()) ?? '';
    const level = /Nguy cơ (rất thấp|thấp|trung bình|cao|rất cao)/.exec(provisional)?.[0];
    expect(level).toBeDefined();
    expect(provisional).not.toContain('tạm tính');
    expect(await accessibilityProblems(owner)).toEqual([]);
    await owner.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }).click();
    await owner.getByText(new RegExp(`Đã lưu: nguy cơ .+ – ${level}`)).waitFor();
    await owner.getByTestId('assessment-current').getByText(level as string, { exact: true }).waitFor();
    await owner.getByTestId('assessment-history').locator('tbody tr').first().waitFor();
    await screenshot(owner, 'assessment-owner');

    expect(await markerText()).toContain(level);

    // The ward official inspects, finds the staff unmasked, and corrects the level.
    const official = await laptopPage(browser, server.baseUrl);
    await signInAsStaff(official, commune.username, commune.password);
    await official.goto('/map');
    await official.getByTestId('map-list').getByRole('button', { name: /Quán cà phê Hồ Ba Bể/ }).click();
    await official.getByTestId('map-panel').getByRole('link', { name: 'Xem tự đánh giá an toàn' }).click();
    await official.getByTestId('assessment-current').getByText(level as string, { exact: true }).waitFor();
    await official.getByText('Chỉ chủ địa điểm gửi được kết quả tự đánh giá.').waitFor();
    await official.getByLabel('Mức nguy cơ sau kiểm tra').selectOption('very_high');
    await official.getByLabel('Lý do').fill('Kiểm tra ngày hôm nay: nhân viên không đeo khẩu trang, không có nước sát khuẩn');
    await official.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await official.getByRole('dialog').getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await official.getByText('Đã lưu điều chỉnh.').waitFor();
    expect(await accessibilityProblems(official)).toEqual([]);

    expect(await markerText()).toContain('Nguy cơ rất cao');
  });
});
