import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, signIn, signInCitizen, type SignedIn, type TestContext } from './test-context.js';

/**
 * The callers of the authorisation matrix, in the order of its columns: every role of packages/core,
 * and citizens who own or staff a place (owners and staff are usually citizen accounts with a membership).
 */
export const CALLERS = ['anonymous', 'citizen', 'citizen_owner', 'citizen_staff', 'place_owner', 'scanner_staff', 'official', 'health_official', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];

export const INSIDE_COMMUNE = '01843';
export const OUTSIDE_COMMUNE = '01849';

/** A record the callers may reach (inside) and its twin they may not (outside). */
export interface Pair {
  inside: string;
  outside: string;
}

/**
 * One of everything, twice: once in the callers' commune (or owned by the calling citizen, owner and
 * staff) and once in a neighbouring commune of the same province (or owned by somebody else). Security
 * tests call every route with one or the other and compare the answers.
 */
export interface SecurityWorld {
  sessions: Record<Exclude<Caller, 'anonymous'>, SignedIn & { userId: string }>;
  /** Ids by the name of the path parameter's resource: place, point, visit, case… */
  records: Record<string, Pair>;
}

const payload = (who: SignedIn | undefined, method: string, url: string, body?: unknown) => ({
  method: method as 'POST',
  url,
  headers: who?.headers ?? {},
  ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
});

const declaration = (communeCode: string, phone: string) => ({
  formVersion: 'domestic@1',
  declaredFor: 'self',
  person: {
    fullName: 'Nguyễn Thị Lan',
    idType: 'cccd',
    idNumber: `006 190 ${phone.slice(-6)}`,
    birthYear: 1990,
    gender: 'female',
    nationality: 'VN',
    phone,
    address: { provinceCode: '19', communeCode, street: 'Tổ 5' },
  },
  visitedPlaces: 'Hà Nội',
  visitedUnits: [],
  visitedCountries: [],
  // A symptom flags the declaration, so the world also holds a flag to handle.
  symptoms: ['fever'],
  contactWithCase: false,
  contactWithTraveller: false,
  contactWithSymptomatic: false,
  chronicConditions: [],
});

export async function buildSecurityWorld(app: FastifyInstance, ctx: TestContext): Promise<SecurityWorld> {
  const send = async (who: SignedIn | undefined, method: string, url: string, body?: unknown) => {
    const response = await app.inject(payload(who, method, url, body));
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const adminAccount = await createTestAccount(ctx, 'admin');
  const admin = await signIn(app, adminAccount);
  const officialAccount = await createTestAccount(ctx, 'official', { unitCode: INSIDE_COMMUNE });
  const official = await signIn(app, officialAccount);
  const healthAccount = await createTestAccount(ctx, 'health_official', { unitCode: INSIDE_COMMUNE });
  const health = await signIn(app, healthAccount);
  const outsideOfficial = await createTestAccount(ctx, 'official', { unitCode: OUTSIDE_COMMUNE });
  const insideColleague = await createTestAccount(ctx, 'official', { unitCode: INSIDE_COMMUNE });

  const place = (name: string, communeCode: string, ownerPhone: string) =>
    send(admin, 'POST', '/api/v1/places', { name, type: 'market', sector: 'industry_trade', communeCode, streetAddress: 'Đường chính', contactName: 'Ban quản lý', contactPhone: '0912000000', points: ['Cổng chính'], ownerPhone });
  const placeIn = await place('Chợ trong', INSIDE_COMMUNE, '0987100001');
  const placeOut = await place('Chợ ngoài', OUTSIDE_COMMUNE, '0987100002');
  const owner = await signInCitizen(app, ctx, '0987100001');
  await send(owner, 'POST', `/api/v1/places/${placeIn.id}/members`, { phone: '0987100003', name: 'Bảo vệ' });
  await send(owner, 'POST', `/api/v1/places/${placeIn.id}/members`, { phone: '0987100004', name: 'Thu ngân' });
  const staff = await signInCitizen(app, ctx, '0987100003');
  const outsideOwner = await signInCitizen(app, ctx, '0987100002');
  await send(outsideOwner, 'POST', `/api/v1/places/${placeOut.id}/members`, { phone: '0987100005', name: 'Bảo vệ' });
  const members = async (placeId: string, who: SignedIn) => (await send(who, 'GET', `/api/v1/places/${placeId}/members`)).items as Array<{ userId: string; role: string }>;
  const removableIn = (await members(placeIn.id, owner)).find((m) => m.role !== 'owner' && m.userId !== staff.userId)?.userId as string;
  // Accounts with the place_owner and scanner_staff roles, made by an administrator, belong to the place too.
  const ownerRole = await createTestAccount(ctx, 'place_owner');
  const staffRole = await createTestAccount(ctx, 'scanner_staff');
  await ctx.db
    .insertInto('place_members')
    .values([
      { place_id: placeIn.id, user_id: ownerRole.id, role: 'owner', added_by: adminAccount.id, created_at: ctx.clock.now() },
      { place_id: placeIn.id, user_id: staffRole.id, role: 'staff', added_by: adminAccount.id, created_at: ctx.clock.now() },
    ])
    .execute();
  const removableOut = (await members(placeOut.id, outsideOwner)).find((m) => m.role !== 'owner')?.userId as string;

  const citizen = await signInCitizen(app, ctx, '0912000101');
  const neighbour = await signInCitizen(app, ctx, '0912000102');
  const scan = async (who: SignedIn, p: { points: Array<{ url: string }> }) =>
    (await send(who, 'POST', '/api/v1/scans', { clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now(), token: p.points[0]?.url.split('/q/')[1] })).visitId as string;
  const visitIn = await scan(citizen, placeIn);
  const visitOut = await scan(neighbour, placeOut);
  const declare = async (who: SignedIn, communeCode: string, phone: string) =>
    (await send(who, 'POST', '/api/v1/declarations', { clientEventId: crypto.randomUUID(), declaration: declaration(communeCode, phone) })).id as string;
  const declarationIn = await declare(citizen, INSIDE_COMMUNE, '0912000101');
  const declarationOut = await declare(neighbour, OUTSIDE_COMMUNE, '0912000102');
  const flags = (await send(admin, 'GET', '/api/v1/declaration-flags')).items as Array<{ id: string; declarationId: string }>;
  const flagOf = (id: string) => flags.find((f) => f.declarationId === id)?.id ?? crypto.randomUUID();

  const today = new Date(ctx.clock.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const newCase = async (phone: string, communeCode: string) =>
    (await send(admin, 'POST', '/api/v1/cases', { phone, fullName: 'Ca bệnh', communeCode, classification: 'confirmed', testDate: today, testResult: 'positive' })).id as string;
  const caseIn = await newCase('0944100001', INSIDE_COMMUNE);
  const caseOut = await newCase('0944100002', OUTSIDE_COMMUNE);
  const contact = async (caseId: string, phone: string) =>
    (await send(admin, 'POST', `/api/v1/cases/${caseId}/contacts`, { phone, name: 'Người tiếp xúc', relation: 'household', lastContactAt: ctx.clock.now() - 3_600_000 })).id as string;
  const contactIn = await contact(caseIn, '0944100003');
  const contactOut = await contact(caseOut, '0944100004');

  const report = async (who: SignedIn, communeCode: string) => (await send(who, 'POST', '/api/v1/reports', { kind: 'other', description: 'Quán không quét mã', communeCode })).id as string;
  const monitoring = async (phone: string, communeCode: string) => (await send(admin, 'POST', '/api/v1/monitoring', { phone, days: 14, reason: 'F1', communeCode })).id as string;
  const family = async (who: SignedIn) => (await send(who, 'POST', '/api/v1/family', { name: 'Nguyễn Văn Bé', relation: 'child', birthYear: 2018 })).id as string;
  const target = async (communeCode: string) => {
    await send(admin, 'POST', '/api/v1/targets', { name: `Nhà văn hóa ${communeCode}`, type: 'agency', sector: 'public_administration', communeCode });
    return (await ctx.db.selectFrom('place_targets').select('id').where('commune_code', '=', communeCode).executeTakeFirstOrThrow()).id;
  };
  const site = async (communeCode: string) =>
    (await send(admin, 'POST', '/api/v1/map/sites', { name: 'Điểm xét nghiệm', kind: 'test', communeCode, address: 'Đường Trường Chinh', location: { lat: 22.15, lon: 105.835 } })).id as string;

  return {
    sessions: {
      citizen,
      citizen_owner: owner,
      citizen_staff: staff,
      place_owner: { ...(await signIn(app, ownerRole)), userId: ownerRole.id },
      scanner_staff: { ...(await signIn(app, staffRole)), userId: staffRole.id }, official: { ...official, userId: officialAccount.id }, health_official: { ...health, userId: healthAccount.id }, admin: { ...admin, userId: adminAccount.id } },
    records: {
      place: { inside: placeIn.id, outside: placeOut.id },
      point: { inside: placeIn.points[0].id, outside: placeOut.points[0].id },
      member: { inside: removableIn, outside: removableOut },
      visit: { inside: visitIn, outside: visitOut },
      declaration: { inside: declarationIn, outside: declarationOut },
      flag: { inside: flagOf(declarationIn), outside: flagOf(declarationOut) },
      case: { inside: caseIn, outside: caseOut },
      contact: { inside: contactIn, outside: contactOut },
      report: { inside: await report(citizen, INSIDE_COMMUNE), outside: await report(neighbour, OUTSIDE_COMMUNE) },
      monitoring: { inside: await monitoring('0944100005', INSIDE_COMMUNE), outside: await monitoring('0944100006', OUTSIDE_COMMUNE) },
      family: { inside: await family(citizen), outside: await family(neighbour) },
      target: { inside: await target(INSIDE_COMMUNE), outside: await target(OUTSIDE_COMMUNE) },
      site: { inside: await site(INSIDE_COMMUNE), outside: await site(OUTSIDE_COMMUNE) },
      user: { inside: insideColleague.id, outside: outsideOfficial.id },
      unit: { inside: INSIDE_COMMUNE, outside: OUTSIDE_COMMUNE },
    },
  };
}
