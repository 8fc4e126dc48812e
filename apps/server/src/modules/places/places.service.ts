import type { Transaction } from 'kysely';
import {
  foldVietnamese,
  type PlaceDetail,
  type PlaceListQuery,
  type PlaceRegistration,
  type PlaceStatus,
  type PlaceSummary,
  type PlaceType,
  type PlaceUpdate,
  type Sector,
} from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { scopeCondition, type Scope } from '../../http/scope.js';
import { recordAudit, recordPersonalDataRead } from '../audit/index.js';
import { findOrCreateCitizenByPhone, phonesOf } from '../accounts/index.js';
import { enqueueMessage } from '../messaging/index.js';
import { checkLocation, isInHomeProvince, requireUnit, unitTree } from '../units/index.js';
import { actorScope, loadPlaceFor, PLACE_SCOPE_COLUMNS, placeInScope } from './place-access.js';
import { createPoint, forgetPoints, pointViews } from './points.service.js';
import {
  activePointCounts,
  findPlaceByIdentity,
  insertMember,
  insertPlace,
  listMembers,
  listPlaces as listPlaceRows,
  placePins,
  pointsOfPlaces,
  updatePlace,
  type PlaceRow,
} from './places.repository.js';
import { identityKeys, initialStatus, requiresDeclaration } from './places.rules.js';
import { matchTargetsForPlace } from './targets.service.js';

/** The commune a place is registered in, checked: a commune, of this installation's province. */
export function requireCommune(ctx: Context, code: string, field = 'communeCode') {
  const unit = requireUnit(ctx, code, field);
  if (unit.tier !== 'commune') throw new AppError('commune_required', { field });
  if (!isInHomeProvince(ctx, code)) throw new AppError('unit_outside_installation', { field });
  return unit;
}

export function locationColumns(ctx: Context, communeCode: string) {
  const location = unitTree(ctx).locate(communeCode);
  return { province_code: location?.provinceCode ?? '', district_code: location?.districtCode ?? null, commune_code: communeCode };
}

function checkPlaceLocation(ctx: Context, communeCode: string, location: { lat: number; lon: number } | null | undefined): void {
  if (!location) return;
  const verdict = checkLocation(ctx, communeCode, location.lat, location.lon);
  if (verdict === 'outside_vietnam') throw new AppError('location_outside_vietnam', { field: 'location' });
  if (verdict === 'outside_province') throw new AppError('location_outside_province', { field: 'location' });
}

/** Officials register only in their unit, and sector officials only places of their sector. */
function checkOfficialMayRegister(ctx: Context, scope: Scope, communeCode: string, sector: Sector): void {
  if (scope.kind !== 'unit') return;
  if (!placeInScope(ctx, scope, { commune_code: communeCode, sector })) throw new AppError('out_of_scope', { field: 'communeCode' });
}

async function assertNotDuplicate(ctx: Context, communeCode: string, name: string, streetAddress: string, exceptId?: string): Promise<void> {
  const keys = identityKeys(name, streetAddress);
  const existing = await findPlaceByIdentity(ctx.db, communeCode, keys.nameKey, keys.addressKey);
  if (existing && existing.id !== exceptId) throw new AppError('place_duplicate', { field: 'name' });
}

export interface PreparedPlace {
  row: PlaceRow;
  ownerPhone: string | undefined;
  points: string[];
  channel: 'self' | 'official';
}

/**
 * Checks a registration and builds the row, without writing: the commune, the actor's scope, the
 * location and duplicates. Runs before the transaction, so an import can check every row first.
 */
export async function preparePlace(ctx: Context, actor: Actor, input: PlaceRegistration, channel?: 'import'): Promise<PreparedPlace> {
  requireCommune(ctx, input.communeCode);
  checkOfficialMayRegister(ctx, actorScope(ctx, actor), input.communeCode, input.sector);
  checkPlaceLocation(ctx, input.communeCode, input.location);
  await assertNotDuplicate(ctx, input.communeCode, input.name, input.streetAddress);
  const start = initialStatus(actor.role, ctx.config.placesAutoApprove);
  const now = ctx.clock.now();
  const keys = identityKeys(input.name, input.streetAddress);
  const row: PlaceRow = {
    id: newId(ctx),
    name: input.name,
    name_key: keys.nameKey,
    type: input.type,
    sector: input.sector,
    ...locationColumns(ctx, input.communeCode),
    street_address: input.streetAddress,
    address_key: keys.addressKey,
    lat: input.location?.lat ?? null,
    lon: input.location?.lon ?? null,
    contact_name_enc: ctx.cipher.encrypt('places.contact_name', input.contactName),
    contact_phone_enc: ctx.cipher.encrypt('places.contact_phone', input.contactPhone),
    capacity: input.capacity ?? null,
    opening_hours: input.openingHours ?? null,
    requires_declaration: requiresDeclaration(input.type, input.requiresDeclaration) ? 1 : 0,
    status: start.status,
    status_reason: null,
    registration_channel: channel ?? start.channel,
    registered_by: actor.userId,
    approved_by: start.status === 'active' ? actor.userId : null,
    approved_at: start.status === 'active' ? now : null,
    created_at: now,
    updated_at: now,
  };
  return { row, ownerPhone: input.ownerPhone, points: input.points?.length ? input.points : ['Cổng chính'], channel: start.channel };
}

/** Writes a prepared place with its owner, QR points and target matches, in the caller's transaction. */
export async function writePlace(ctx: Context, actor: Actor, prepared: PreparedPlace, trx: Transaction<Database>): Promise<void> {
  const { row } = prepared;
  await insertPlace(trx, row);
  await addInitialOwner(ctx, actor, row, prepared.ownerPhone, prepared.channel, trx);
  for (const label of prepared.points) await createPoint(ctx, row.id, label, trx);
  await matchTargetsForPlace(ctx, row, trx);
  await recordAudit(ctx, actor, { action: 'place.register', subjectType: 'place', subjectId: row.id, unitCode: row.commune_code, detail: { channel: row.registration_channel, status: row.status } }, trx);
}

/**
 * Registers a place with its QR points and owner in one transaction. Owners registering themselves
 * wait for a commune official's approval; officials' registrations are active at once.
 */
export async function registerPlace(ctx: Context, actor: Actor, input: PlaceRegistration): Promise<PlaceRow> {
  const prepared = await preparePlace(ctx, actor, input);
  const { row } = prepared;
  try {
    await ctx.db.transaction().execute((trx) => writePlace(ctx, actor, prepared, trx));
  } catch (error) {
    // Two registrations of the same place at once: the unique index decides, the loser gets 409.
    if (!(error instanceof AppError) && (await findPlaceByIdentity(ctx.db, row.commune_code, row.name_key, row.address_key))) {
      throw new AppError('place_duplicate', { field: 'name' });
    }
    throw error;
  }
  // An active place is on the public map at once; one waiting for approval is not on it yet.
  if (row.status === 'active') forgetPoints(ctx);
  return row;
}

async function addInitialOwner(ctx: Context, actor: Actor, place: PlaceRow, ownerPhone: string | undefined, channel: 'self' | 'official', trx: Transaction<Database>): Promise<void> {
  const now = ctx.clock.now();
  if (channel === 'self') {
    await insertMember(trx, { place_id: place.id, user_id: actor.userId, role: 'owner', added_by: actor.userId, created_at: now });
    return;
  }
  if (!ownerPhone) return;
  const owner = await findOrCreateCitizenByPhone(ctx, ownerPhone, trx);
  await insertMember(trx, { place_id: place.id, user_id: owner.id, role: 'owner', added_by: actor.userId, created_at: now });
  await enqueueMessage(
    ctx,
    { channel: 'sms', recipient: ownerPhone, template: 'place_registered_owner', language: 'vi', vars: { place: place.name, url: ctx.config.baseUrl }, dedupeKey: `place-owner:${place.id}:${owner.id}` },
    trx,
  );
}

export async function summaries(ctx: Context, rows: PlaceRow[]): Promise<PlaceSummary[]> {
  const tree = unitTree(ctx);
  const counts = await activePointCounts(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type as PlaceType,
    sector: r.sector as Sector,
    communeCode: r.commune_code,
    communeName: tree.get(r.commune_code)?.name ?? r.commune_code,
    streetAddress: r.street_address,
    location: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    status: r.status as PlaceStatus,
    statusReason: r.status_reason,
    pointCount: counts.get(r.id) ?? 0,
    registrationChannel: r.registration_channel as PlaceSummary['registrationChannel'],
    createdAt: r.created_at,
  }));
}

/** Scope and filters of a listing, as SQL conditions; shared by the list, the map and the export. */
export function placeConditions(ctx: Context, actor: Actor, query: Pick<PlaceListQuery, 'unit'>) {
  const scope = actorScope(ctx, actor);
  if (!query.unit) return [scopeCondition(scope, PLACE_SCOPE_COLUMNS)];
  const unit = requireUnit(ctx, query.unit, 'unit');
  if (scope.kind === 'none' || (scope.kind === 'unit' && !unitTree(ctx).contains(scope.unitCode, unit.code))) throw new AppError('out_of_scope', { field: 'unit' });
  // A unit inside the scope is the narrower filter; only a sector limit of the scope still applies.
  const sector = scope.kind === 'unit' ? scope.sector : null;
  return [scopeCondition({ kind: 'unit', unitCode: unit.code, tier: unit.tier, sector }, PLACE_SCOPE_COLUMNS)];
}

export async function listPlaces(ctx: Context, actor: Actor, query: PlaceListQuery): Promise<{ items: PlaceSummary[]; total: number }> {
  const { rows, total } = await listPlaceRows(ctx.db, {
    where: placeConditions(ctx, actor, query),
    type: query.type,
    sector: query.sector,
    status: query.status,
    nameKey: query.q ? foldVietnamese(query.q) : undefined,
    sort: query.sort ?? 'name',
    limit: query.limit ?? 50,
    offset: query.offset ?? 0,
  });
  return { items: await summaries(ctx, rows), total };
}

/** A place with contacts and points; an official's view of the contact details is audited. */
export async function getPlaceDetail(ctx: Context, actor: Actor, placeId: string): Promise<PlaceDetail> {
  const { place, relation } = await loadPlaceFor(ctx, actor, placeId, 'view');
  if (relation === 'official' || relation === 'admin') {
    await recordPersonalDataRead(ctx, actor, [{ type: 'place_contact', id: place.id, unitCode: place.commune_code }], 'place.detail');
  }
  return placeDetail(ctx, place, relation);
}

export async function placeDetail(ctx: Context, place: PlaceRow, relation: PlaceDetail['myRole']): Promise<PlaceDetail> {
  const [summary] = await summaries(ctx, [place]);
  const tree = unitTree(ctx);
  const unit = tree.get(place.commune_code);
  const points = relation === 'staff' ? [] : pointViews(ctx, await pointsOfPlaces(ctx.db, [place.id]));
  return {
    ...(summary as PlaceSummary),
    contactName: ctx.cipher.decrypt('places.contact_name', place.contact_name_enc),
    contactPhone: ctx.cipher.decrypt('places.contact_phone', place.contact_phone_enc),
    capacity: place.capacity,
    openingHours: place.opening_hours,
    requiresDeclaration: place.requires_declaration === 1,
    points,
    myRole: relation,
    unitPath: [...tree.ancestors(place.commune_code), ...(unit ? [unit] : [])].map((u) => ({ code: u.code, name: u.name })),
  };
}

export async function editPlace(ctx: Context, actor: Actor, placeId: string, input: PlaceUpdate): Promise<PlaceDetail> {
  const { place, relation } = await loadPlaceFor(ctx, actor, placeId, 'edit');
  const communeCode = input.communeCode ?? place.commune_code;
  const sector = (input.sector ?? place.sector) as Sector;
  const name = input.name ?? place.name;
  const streetAddress = input.streetAddress ?? place.street_address;
  if (input.communeCode) requireCommune(ctx, communeCode);
  if (relation === 'official') checkOfficialMayRegister(ctx, actorScope(ctx, actor), communeCode, sector);
  const location = input.location !== undefined ? input.location : place.lat !== null && place.lon !== null ? { lat: place.lat, lon: place.lon } : null;
  checkPlaceLocation(ctx, communeCode, location);
  await assertNotDuplicate(ctx, communeCode, name, streetAddress, place.id);
  const keys = identityKeys(name, streetAddress);
  const type = (input.type ?? place.type) as PlaceType;
  const changes: Partial<PlaceRow> = {
    name,
    name_key: keys.nameKey,
    street_address: streetAddress,
    address_key: keys.addressKey,
    type,
    sector,
    ...locationColumns(ctx, communeCode),
    lat: location?.lat ?? null,
    lon: location?.lon ?? null,
    capacity: input.capacity !== undefined ? input.capacity : place.capacity,
    opening_hours: input.openingHours !== undefined ? input.openingHours : place.opening_hours,
    requires_declaration: requiresDeclaration(type, input.requiresDeclaration ?? place.requires_declaration === 1) ? 1 : 0,
    updated_at: ctx.clock.now(),
  };
  if (input.contactName) changes.contact_name_enc = ctx.cipher.encrypt('places.contact_name', input.contactName);
  if (input.contactPhone) changes.contact_phone_enc = ctx.cipher.encrypt('places.contact_phone', input.contactPhone);
  await ctx.db.transaction().execute(async (trx) => {
    await updatePlace(trx, place.id, changes);
    await recordAudit(ctx, actor, { action: 'place.update', subjectType: 'place', subjectId: place.id, unitCode: communeCode, detail: { fields: Object.keys(input) } }, trx);
  });
  forgetPoints(ctx);
  return placeDetail(ctx, { ...place, ...changes }, relation);
}

const STATUS_WORDS: Record<PlaceStatus, string> = { active: 'đã được duyệt và hoạt động', pending: 'đang chờ duyệt', suspended: 'đã bị tạm dừng' };

/** Approves, suspends or reopens a place (officials and administrators), telling its owners. */
export async function changePlaceStatus(ctx: Context, actor: Actor, placeId: string, status: PlaceStatus, reason: string | undefined): Promise<PlaceDetail> {
  const { place, relation } = await loadPlaceFor(ctx, actor, placeId, 'changeStatus');
  const now = ctx.clock.now();
  const changes: Partial<PlaceRow> = { status, status_reason: reason ?? null, updated_at: now };
  if (status === 'active' && place.approved_at === null) Object.assign(changes, { approved_by: actor.userId, approved_at: now });
  await ctx.db.transaction().execute(async (trx) => {
    await updatePlace(trx, place.id, changes);
    await recordAudit(ctx, actor, { action: 'place.status', subjectType: 'place', subjectId: place.id, unitCode: place.commune_code, detail: { from: place.status, to: status } }, trx);
    const owners = (await listMembers(trx, place.id)).filter((m) => m.role === 'owner').map((m) => m.user_id);
    for (const [ownerId, phone] of await phonesOf(ctx, owners, trx)) {
      await enqueueMessage(ctx, { channel: 'sms', recipient: phone, template: 'place_status_changed', language: 'vi', vars: { place: place.name, status: STATUS_WORDS[status] }, dedupeKey: `place-status:${place.id}:${now}:${ownerId}` }, trx);
    }
  });
  forgetPoints(ctx);
  return placeDetail(ctx, { ...place, ...changes }, relation);
}

/** Places of an area for the officials' map: located ones as pins, and how many lack a location. */
export async function placesMap(ctx: Context, actor: Actor, query: Pick<PlaceListQuery, 'unit'>) {
  const pins = await placePins(ctx.db, placeConditions(ctx, actor, query));
  const located = pins.filter((p) => p.lat !== null && p.lon !== null) as Array<(typeof pins)[number] & { lat: number; lon: number }>;
  return { items: located.map((p) => ({ id: p.id, name: p.name, type: p.type as PlaceType, status: p.status as PlaceStatus, lat: p.lat, lon: p.lon })), withoutLocation: pins.length - located.length };
}
