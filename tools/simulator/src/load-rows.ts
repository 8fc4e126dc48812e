import { DEFAULT_SECTOR, maskTail, nationalPhone, PLACE_TYPES, VISIT_METHODS, type PlaceType } from '@phongdich/core';
import { newId, type Context } from '../../../apps/server/src/context.js';
import type { UserRow } from '../../../apps/server/src/modules/accounts/accounts.repository.js';
import type { MemberRow, PlaceRow, PointRow } from '../../../apps/server/src/modules/places/places.repository.js';
import { locationColumns } from '../../../apps/server/src/modules/places/places.service.js';
import { identityKeys, newShortCode, requiresDeclaration } from '../../../apps/server/src/modules/places/places.rules.js';
import type { VisitRow } from '../../../apps/server/src/modules/presence/presence.repository.js';
import { PROFILES } from './profiles.js';

// Rows exactly as the server's own code paths write them (the function named on each), so the
// server reads loaded data as its own.

/** UUIDv7 ids from the context's randomness, stamped with a chosen time instead of "now". */
export function idsAt(ctx: Pick<Context, 'rng'>): (at: number) => string {
  let now = 0;
  const stamped = { clock: { now: () => now }, rng: ctx.rng };
  return (at) => {
    now = at;
    return newId(stamped);
  };
}

/** accounts/citizens.ts findOrCreateCitizenByPhone, for a citizen who signed up with no name. */
export function citizenRow(ctx: Context, id: string, phone: string, at: number): UserRow {
  return {
    id,
    username: null,
    phone_index: ctx.cipher.blindIndex('phone', phone),
    phone_enc: ctx.cipher.encrypt('users.phone', phone),
    display_name: maskTail(nationalPhone(phone), 3),
    role: 'citizen',
    unit_code: null,
    sector: null,
    password_hash: null,
    status: 'active',
    must_change_password: 0,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    created_at: at,
    updated_at: at,
    guardian_id: null,
    relation: null,
    birth_year: null,
    totp_secret_enc: null,
    totp_enabled_at: null,
    totp_last_step: null,
  };
}

export interface PlaceFacts {
  id: string;
  typeIndex: number;
  communeCode: string;
  name: string;
  streetAddress: string;
  lat: number;
  lon: number;
  capacity: number;
  contactName: string;
  contactPhone: string;
  registeredBy: string;
  at: number;
}

/** places/places.service.ts preparePlace for an official's import: active at once, approved by the importer. */
export function placeRow(ctx: Context, f: PlaceFacts): PlaceRow {
  const type = (PLACE_TYPES[f.typeIndex] ?? 'other') as PlaceType;
  const keys = identityKeys(f.name, f.streetAddress);
  return {
    id: f.id,
    name: f.name,
    name_key: keys.nameKey,
    type,
    sector: DEFAULT_SECTOR[type],
    ...locationColumns(ctx, f.communeCode),
    street_address: f.streetAddress,
    address_key: keys.addressKey,
    lat: f.lat,
    lon: f.lon,
    contact_name_enc: ctx.cipher.encrypt('places.contact_name', f.contactName),
    contact_phone_enc: ctx.cipher.encrypt('places.contact_phone', f.contactPhone),
    capacity: f.capacity,
    opening_hours: PROFILES[f.typeIndex]?.openingHours ?? null,
    requires_declaration: requiresDeclaration(type, undefined) ? 1 : 0,
    status: 'active',
    status_reason: null,
    registration_channel: 'import',
    registered_by: f.registeredBy,
    approved_by: f.registeredBy,
    approved_at: f.at,
    created_at: f.at,
    updated_at: f.at,
  };
}

/** places/points.service.ts createPoint. */
export function pointRow(id: string, placeId: string, label: string, shortCode: string, at: number): PointRow {
  return { id, place_id: placeId, label, status: 'active', version: 1, short_code: shortCode, created_at: at, revoked_at: null };
}

/** places/places.service.ts addInitialOwner: the owner named in the import. */
export function ownerRow(placeId: string, userId: string, addedBy: string, at: number): MemberRow {
  return { place_id: placeId, user_id: userId, role: 'owner', added_by: addedBy, created_at: at };
}

/** Short codes unique across the installation (the column is unique), drawn as the server draws them. */
export function shortCodes(ctx: Pick<Context, 'rng'>, taken: Set<string>): () => string {
  return () => {
    for (;;) {
      const code = newShortCode((max) => ctx.rng.int(max));
      if (!taken.has(code)) {
        taken.add(code);
        return code;
      }
    }
  };
}

const STAFF_METHODS = new Set(['staff_personal_qr', 'staff_phone', 'staff_manual']);

export interface VisitFacts {
  id: string;
  place: { id: string; type: PlaceType; province_code: string; district_code: string | null; commune_code: string };
  pointId: string;
  checkoutPointId: string;
  personId: string;
  /** The staff member who recorded a visit for someone without a smartphone. */
  staffId: string;
  methodIndex: number;
  /** Set for visits typed in by hand: the visitor has no account on the visit. */
  visitor: { name: string; phone: string } | null;
  checkedInAt: number;
  /** NaN when no check-out was recorded. */
  checkedOutAt: number;
  /** When the server's auto check-out closed a visit nobody checked out of, if it has by then. */
  autoClosedAt: number | null;
}

/**
 * presence/scan-writer.ts visitRowOf, then the check-out as it happened: a second scan
 * (closeVisit 'scan'), staff (recordStaffScan 'staff', or checkOutVisit with no point for visitors
 * typed in by hand), or the auto check-out job (closeOverdue: 'auto' at check-in plus the dwell).
 */
export function visitRow(ctx: Context, f: VisitFacts): VisitRow {
  const method = VISIT_METHODS[f.methodIndex] ?? 'self_scan';
  const staff = STAFF_METHODS.has(method);
  const recorded = !Number.isNaN(f.checkedOutAt);
  const phone = f.visitor?.phone ?? null;
  return {
    id: f.id,
    place_id: f.place.id,
    point_id: f.pointId,
    checkout_point_id: recorded && method !== 'staff_manual' ? (staff ? f.pointId : f.checkoutPointId) : null,
    person_id: f.visitor ? null : f.personId,
    visitor_name_enc: f.visitor ? ctx.cipher.encrypt('visits.visitor_name', f.visitor.name) : null,
    visitor_phone_enc: phone ? ctx.cipher.encrypt('visits.visitor_phone', phone) : null,
    visitor_phone_index: phone ? ctx.cipher.blindIndex('phone', phone) : null,
    province_code: f.place.province_code,
    district_code: f.place.district_code,
    commune_code: f.place.commune_code,
    place_type: f.place.type,
    method,
    recorded_by: staff ? f.staffId : f.personId,
    checked_in_at: f.checkedInAt,
    checked_out_at: recorded ? f.checkedOutAt : f.autoClosedAt,
    checkout_method: recorded ? (staff ? 'staff' : 'scan') : f.autoClosedAt !== null ? 'auto' : null,
    received_at: f.checkedInAt,
  };
}
