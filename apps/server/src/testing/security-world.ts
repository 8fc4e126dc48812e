import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, signIn, signInCitizen, type SignedIn, type TestContext } from './test-context.js';
import { domesticDeclaration } from './declarations.js';

// A symptom flags the declaration, so the world also holds a flag to handle.
const declaration = (communeCode: string, phone: string) =>
  domesticDeclaration({ fullName: 'Nguyễn Thị Lan', phone, communeCode, idNumber: `006 190 ${phone.slice(-6)}` }, { symptoms: ['fever'] });

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

  // A 2×2 PNG, so the report's photo route has a photo to answer with.
  const photo = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEUlEQVR4nGP4z8Dwn4EBTAEAHPMC/o6O7lIAAAAASUVORK5CYII=';
  const report = async (who: SignedIn, communeCode: string) => (await send(who, 'POST', '/api/v1/reports', { kind: 'other', description: 'Quán không quét mã', communeCode, photo })).id as string;
  const monitoring = async (phone: string, communeCode: string) => (await send(admin, 'POST', '/api/v1/monitoring', { phone, days: 14, reason: 'F1', communeCode })).id as string;
  const family = async (who: SignedIn) => (await send(who, 'POST', '/api/v1/family', { name: 'Nguyễn Văn Bé', relation: 'child', birthYear: 2018 })).id as string;
  const target = async (communeCode: string) => {
    await send(admin, 'POST', '/api/v1/targets', { name: `Nhà văn hóa ${communeCode}`, type: 'agency', sector: 'public_administration', communeCode });
    return (await ctx.db.selectFrom('place_targets').select('id').where('commune_code', '=', communeCode).executeTakeFirstOrThrow()).id;
  };
  const site = async (communeCode: string) =>
    (await send(admin, 'POST', '/api/v1/map/sites', { name: 'Điểm xét nghiệm', kind: 'test', communeCode, address: 'Đường Trường Chinh', location: { lat: 22.15, lon: 105.835 } })).id as string;

  const more = await moreRecords(app, send, ctx, { admin, official, citizen, neighbour, today, caseInPhone: '0944100001', caseOutPhone: '0944100002' });

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
      ...more,
    },
  };
}

type Send = (who: SignedIn | undefined, method: string, url: string, body?: unknown) => Promise<{ id: string } & Record<string, unknown>>;

const entryDeclaration = (communeCode: string, phone: string, today: string) => ({
  formVersion: 'entry@1',
  declaredFor: 'self',
  travellerType: 'expert_investor_worker',
  gateCode: 'noi-bai',
  person: { ...declaration(communeCode, phone).person, idType: 'passport', idNumber: `m${phone.slice(-8)}`, nationality: 'KR' },
  vehicleType: 'plane',
  vehicleNumber: 'vn 417',
  seat: '12A',
  departureDate: today,
  entryDate: today,
  departureCountry: 'KR',
  departureProvince: 'Seoul',
  destinationProvinceCode: '19',
  visitedCountries: ['KR'],
  addressAfterQuarantine: { provinceCode: '19', communeCode, street: '2 Nguyễn Văn Tố' },
  symptoms: [],
  vaccines: [],
  animalContact: false,
  closeContactWithCase: false,
  quarantineChoice: 'home',
  testResult: 'negative',
  testDate: today,
});

/** A small square zone whose centre lies in the commune (the bundled outlines are simplified). */
const zoneSquare = (lon: number, lat: number) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.002, lat], [lon + 0.002, lat + 0.002], [lon, lat + 0.002], [lon, lat]]] });

/**
 * Records of the later capabilities: entry declarations, zones, report submissions, campaigns, and
 * the other systems' keys, webhooks and lab results. Inside is the callers' commune or reach.
 */
async function moreRecords(
  app: FastifyInstance,
  send: Send,
  ctx: TestContext,
  who: { admin: SignedIn; official: SignedIn; citizen: SignedIn; neighbour: SignedIn; today: string; caseInPhone: string; caseOutPhone: string },
): Promise<Record<string, Pair>> {
  const { admin, official, today } = who;
  const arrival = async (traveller: SignedIn, communeCode: string, phone: string) =>
    (await send(traveller, 'POST', '/api/v1/declarations', { clientEventId: crypto.randomUUID(), declaration: entryDeclaration(communeCode, phone, today) })).id;
  const zone = async (lon: number, lat: number) => (await send(admin, 'POST', '/api/v1/map/zones', { name: 'Tổ 7', kind: 'isolation', startsOn: today, geometry: zoneSquare(lon, lat) })).id;
  const submission = async (author: SignedIn, unit: string) => (await send(author, 'POST', '/api/v1/reports/submissions', { unit, from: today, to: today })).id;
  const campaign = async (author: SignedIn, unitCode: string) =>
    (
      await send(author, 'POST', '/api/v1/campaigns', {
        name: 'Nhắc khai báo y tế',
        channel: 'sms',
        audience: { kind: 'citizens', unitCode },
        template: { vi: 'PhongDich: hãy khai báo y tế tại {url}.', en: 'PhongDich: declare your health at {url}.' },
        startAt: ctx.clock.now() + 86_400_000,
        recurrence: null,
      })
    ).id;
  const apiKey = async (name: string, unitCode: string) =>
    (await send(admin, 'POST', '/api/v1/integration/api-keys', { name, unitCode, permissions: ['feed.read', 'labs.write'] })) as unknown as { key: { id: string }; secret: string };
  const keyIn = await apiKey('Trạm y tế xã', INSIDE_COMMUNE);
  const keyOut = await apiKey('Trạm y tế xã bên', OUTSIDE_COMMUNE);
  // A positive result for a case's phone waits on the health officials' worklist.
  const labResult = async (secret: string, phone: string, resultId: string) => {
    const csv = ['Mã phòng xét nghiệm,Mã kết quả,Họ và tên,Số điện thoại,Tên xét nghiệm,Kết quả,Ngày lấy mẫu', `BV-BK,${resultId},Ca bệnh,${phone},RT-PCR SARS-CoV-2,dương tính,${today}`].join('\n');
    const response = await app.inject({ method: 'POST', url: '/api/v1/integration/lab-results', headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv' }, payload: csv });
    if (response.statusCode !== 200) throw new Error(`lab result: ${response.statusCode} ${response.body}`);
    return (await ctx.db.selectFrom('lab_results').select('id').where('result_id', '=', resultId).executeTakeFirstOrThrow()).id;
  };
  const webhook = async (apiKeyId: string) => ((await send(admin, 'POST', '/api/v1/integration/webhooks', { apiKeyId, url: 'https://example.invalid/hook', eventTypes: [] })) as unknown as { webhook: { id: string } }).webhook.id;
  return {
    arrival: { inside: await arrival(who.citizen, INSIDE_COMMUNE, '0912000101'), outside: await arrival(who.neighbour, OUTSIDE_COMMUNE, '0912000102') },
    zone: { inside: await zone(105.858, 22.11), outside: await zone(105.76, 22.2) },
    submission: { inside: await submission(official, INSIDE_COMMUNE), outside: await submission(admin, OUTSIDE_COMMUNE) },
    campaign: { inside: await campaign(official, INSIDE_COMMUNE), outside: await campaign(admin, OUTSIDE_COMMUNE) },
    apiKey: { inside: keyIn.key.id, outside: keyOut.key.id },
    webhook: { inside: await webhook(keyIn.key.id), outside: await webhook(keyOut.key.id) },
    labResult: { inside: await labResult(keyIn.secret, who.caseInPhone, 'KQ-IN'), outside: await labResult(keyOut.secret, who.caseOutPhone, 'KQ-OUT') },
  };
}
