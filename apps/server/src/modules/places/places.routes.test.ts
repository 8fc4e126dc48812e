import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  createTestAccount,
  createTestApp,
  createTestContext,
  signIn,
  signInCitizen,
  TEST_DIALECTS,
  type SignedIn,
  type TestContext,
} from '../../testing/test-context.js';

// Home province 19 (vn-2025): Phường Bắc Kạn 01843 and Phường Đức Xuân 01840; Hà Nội is 01.
const school = {
  name: 'Trường THCS Bắc Kạn',
  type: 'school',
  sector: 'education',
  communeCode: '01843',
  streetAddress: 'Số 5, đường Trường Chinh',
  location: { lat: 22.1077, lon: 105.8679 },
  contactName: 'Lường Thị Hoa',
  contactPhone: '0912000111',
  capacity: 800,
  openingHours: '07:00–17:00',
  points: ['Cổng chính', 'Cổng phụ'],
};

describe.each(TEST_DIALECTS)('places on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let owner: SignedIn & { userId: string };
  let communeOfficial: SignedIn;
  let otherCommuneOfficial: SignedIn;
  let healthSectorOfficial: SignedIn;
  let placeId: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    owner = await signInCitizen(app, ctx, '0987000001');
    communeOfficial = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01843' }));
    otherCommuneOfficial = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '01840' }));
    healthSectorOfficial = await signIn(app, await createTestAccount(ctx, 'official', { unitCode: '19', sector: 'health' }));
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('an owner registers a school with two gates; it waits for approval', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/places', headers: owner.headers, payload: school });
    expect(response.statusCode).toBe(201);
    const place = response.json();
    placeId = place.id;
    expect(place).toMatchObject({ name: school.name, status: 'pending', registrationChannel: 'self', myRole: 'owner', communeName: 'Phường Bắc Kạn', contactPhone: '+84912000111', pointCount: 2 });
    expect(place.points.map((p: { label: string }) => p.label)).toEqual(['Cổng chính', 'Cổng phụ']);
    expect(place.points[0].url).toMatch(/^http:\/\/localhost:3000\/q\/[A-Za-z0-9_-]{35}$/);
    expect(place.unitPath.map((u: { code: string }) => u.code)).toEqual(['19', '01843']);
    const stored = await ctx.db.selectFrom('places').selectAll().where('id', '=', placeId).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('912000111');
    expect(JSON.stringify(stored)).not.toContain('Lường');
    const mine = (await app.inject({ url: '/api/v1/places/mine', headers: owner.headers })).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: placeId, myRole: 'owner' })]);
  });

  it('the same place twice in the same commune is refused, whatever the spelling of tone marks', async () => {
    const again = await app.inject({ method: 'POST', url: '/api/v1/places', headers: owner.headers, payload: { ...school, name: 'trường thcs BẮC KẠN', streetAddress: 'so 5,  duong Truong Chinh', points: undefined } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'place_duplicate', field: 'name' });
  });

  it.each([
    [{ communeCode: '99999' }, 404, 'unit_not_found', 'communeCode'],
    [{ communeCode: '19' }, 400, 'commune_required', 'communeCode'],
    [{ communeCode: '00004', location: null }, 400, 'unit_outside_installation', 'communeCode'],
    [{ location: { lat: 48.85, lon: 2.35 } }, 400, 'location_outside_vietnam', 'location'],
    [{ location: { lat: 21.0376, lon: 105.8386 } }, 400, 'location_outside_province', 'location'],
    [{ contactPhone: '12345' }, 400, 'invalid_input', 'contactPhone'],
    [{ type: 'casino' }, 400, 'invalid_input', 'type'],
    [{ name: '' }, 400, 'invalid_input', 'name'],
    [{ capacity: -1 }, 400, 'invalid_input', 'capacity'],
    [{ location: { lat: 'north', lon: 105 } }, 400, 'invalid_input', 'location.lat'],
  ])('refuses %j with %i %s naming %s', async (change, status, error, field) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/places', headers: owner.headers, payload: { ...school, name: `Nơi thử ${JSON.stringify(change)}`, ...change } });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error, field });
  });

  it('officials see places only in their unit; sector officials only their sector', async () => {
    const mine = (await app.inject({ url: '/api/v1/places?status=pending', headers: communeOfficial.headers })).json();
    expect(mine.items.map((p: { id: string }) => p.id)).toEqual([placeId]);
    const other = (await app.inject({ url: '/api/v1/places', headers: otherCommuneOfficial.headers })).json();
    expect(other.total).toBe(0);
    const health = (await app.inject({ url: '/api/v1/places', headers: healthSectorOfficial.headers })).json();
    expect(health.total).toBe(0);
    const outside = await app.inject({ url: '/api/v1/places?unit=01843', headers: otherCommuneOfficial.headers });
    expect(outside.statusCode).toBe(403);
    expect((await app.inject({ url: `/api/v1/places/${placeId}`, headers: otherCommuneOfficial.headers })).json().error).toBe('out_of_scope');
    expect((await app.inject({ url: '/api/v1/places', headers: owner.headers })).statusCode).toBe(403);
  });

  it("an official's view of a place's contact details is audited", async () => {
    const before = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'personal_data.read').where('subject_id', '=', placeId).execute();
    const detail = await app.inject({ url: `/api/v1/places/${placeId}`, headers: communeOfficial.headers });
    expect(detail.json()).toMatchObject({ contactName: school.contactName, myRole: 'official' });
    const after = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'personal_data.read').where('subject_id', '=', placeId).execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('the commune official approves it and the owner is told by SMS', async () => {
    expect((await app.inject({ method: 'POST', url: `/api/v1/places/${placeId}/status`, headers: owner.headers, payload: { status: 'active' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/places/${placeId}/status`, headers: otherCommuneOfficial.headers, payload: { status: 'active' } })).statusCode).toBe(403);
    const approved = await app.inject({ method: 'POST', url: `/api/v1/places/${placeId}/status`, headers: communeOfficial.headers, payload: { status: 'active' } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('active');
    const sms = await ctx.db.selectFrom('outbox').selectAll().where('template', '=', 'place_status_changed').execute();
    expect(sms).toHaveLength(1);
    expect(ctx.cipher.decrypt('outbox.body', sms[0]?.body_enc ?? '')).toContain('đã được duyệt');
  });

  it('an official registers a health facility on behalf of its owner: active at once, owner account created', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: communeOfficial.headers,
      payload: { ...school, name: 'Trạm Y tế phường Bắc Kạn', type: 'health_facility', sector: 'health', points: ['Phòng tiếp đón'], ownerPhone: '0987000002' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ status: 'active', registrationChannel: 'official', requiresDeclaration: true });
    const newOwner = await signInCitizen(app, ctx, '0987000002');
    const mine = (await app.inject({ url: '/api/v1/places/mine', headers: newOwner.headers })).json();
    expect(mine.items.map((p: { name: string; myRole: string }) => [p.name, p.myRole])).toEqual([['Trạm Y tế phường Bắc Kạn', 'owner']]);
    const sms = await ctx.db.selectFrom('outbox').selectAll().where('template', '=', 'place_registered_owner').execute();
    expect(sms).toHaveLength(1);
    const health = (await app.inject({ url: '/api/v1/places', headers: healthSectorOfficial.headers })).json();
    expect(health.items.map((p: { type: string }) => p.type)).toEqual(['health_facility']);
  });

  it('an official cannot register outside their unit', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/places', headers: otherCommuneOfficial.headers, payload: { ...school, name: 'Chợ nhỏ' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'out_of_scope', field: 'communeCode' });
  });

  it('owners add scanner staff by phone; staff see the place but cannot manage it', async () => {
    const added = await app.inject({ method: 'POST', url: `/api/v1/places/${placeId}/members`, headers: owner.headers, payload: { phone: '0987000003', name: 'Bảo vệ Tùng' } });
    expect(added.statusCode).toBe(200);
    expect(added.json().items.map((m: { role: string; displayName: string }) => [m.role, m.displayName])).toEqual([
      ['owner', '•••••••001'],
      ['staff', 'Bảo v. T.'],
    ]);
    const staff = await signInCitizen(app, ctx, '0987000003');
    const mine = (await app.inject({ url: '/api/v1/places/mine', headers: staff.headers })).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: placeId, myRole: 'staff' })]);
    expect((await app.inject({ url: `/api/v1/places/${placeId}`, headers: staff.headers })).json().points).toEqual([]);
    expect((await app.inject({ method: 'POST', url: `/api/v1/places/${placeId}/points`, headers: staff.headers, payload: { label: 'x' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/places/${placeId}/members`, headers: staff.headers, payload: { phone: '0987000004' } })).statusCode).toBe(403);
    const stranger = await signInCitizen(app, ctx, '0987000009');
    expect((await app.inject({ url: `/api/v1/places/${placeId}`, headers: stranger.headers })).json().error).toBe('place_not_found');
  });

  it('keeps at least one owner', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/api/v1/places/${placeId}/members/${owner.userId}`, headers: owner.headers });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toBe('last_owner');
  });

  it('edits a place, re-checking location and duplicates', async () => {
    const edited = await app.inject({ method: 'PATCH', url: `/api/v1/places/${placeId}`, headers: owner.headers, payload: { capacity: 900, openingHours: '06:30–17:30' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ capacity: 900, openingHours: '06:30–17:30', name: school.name });
    const moved = await app.inject({ method: 'PATCH', url: `/api/v1/places/${placeId}`, headers: owner.headers, payload: { location: { lat: 21.0376, lon: 105.8386 } } });
    expect(moved.json().error).toBe('location_outside_province');
    const clash = await app.inject({ method: 'PATCH', url: `/api/v1/places/${placeId}`, headers: owner.headers, payload: { name: 'Trạm Y tế phường Bắc Kạn' } });
    expect(clash.json().error).toBe('place_duplicate');
  });

  it('filters and searches the list without diacritics', async () => {
    const found = (await app.inject({ url: '/api/v1/places?q=tram%20y%20te', headers: communeOfficial.headers })).json();
    expect(found.items.map((p: { name: string }) => p.name)).toEqual(['Trạm Y tế phường Bắc Kạn']);
    const schools = (await app.inject({ url: '/api/v1/places?type=school&status=active', headers: communeOfficial.headers })).json();
    expect(schools.total).toBe(1);
    const paged = (await app.inject({ url: '/api/v1/places?limit=1&offset=1&sort=name', headers: communeOfficial.headers })).json();
    expect(paged).toMatchObject({ total: 2, items: [expect.objectContaining({ name: 'Trường THCS Bắc Kạn' })] });
  });
});
