import { maskName, type ScanRequest, type ScanResult, type StaffScan } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { securityLog, type Context } from '../../context.js';
import { perContext, TtlCache } from '../../cache.js';
import { AppError } from '../../http/errors.js';
import { checkPhoneCode, findOrCreateCitizenByPhone, labelsOf, phoneIndex, sendPhoneCode } from '../accounts/index.js';
import { resolvePersonalToken } from '../people/index.js';
import { declarationDue } from '../declarations/index.js';
import { findPlaceForScan, placeBasics, placeBasicsOf, resolveShortCode, resolveToken, type PlaceBasics } from '../places/index.js';
import { countInside, lastVisitOf } from './presence.repository.js';
import { checkScanTime, impossibleTravel } from './presence.rules.js';
import { ScanLanes, type ScanJob, type ScanOutcome } from './scan-writer.js';

const writers = new WeakMap<Context, ScanLanes>();

export function scanWriter(ctx: Context): ScanLanes {
  let writer = writers.get(ctx);
  if (!writer) {
    writer = new ScanLanes(ctx);
    writers.set(ctx, writer);
  }
  return writer;
}

function checkTime(ctx: Context, scannedAt: number, requestId: string): void {
  const verdict = checkScanTime(scannedAt, ctx.clock.now(), ctx.config.scanMaxAgeMs);
  if (verdict === 'ok') return;
  securityLog(ctx).info({ reqId: requestId, reason: `scan_${verdict}` }, 'scan refused');
  throw new AppError(verdict === 'future' ? 'scan_time_future' : 'scan_too_old', { field: 'scannedAt' });
}

interface LastSeen {
  placeId: string;
  lat: number | null;
  lon: number | null;
  at: number;
}

// Where each person was last seen, so the travel check costs no query on the scan path; a miss
// (another server, a restart) falls back to the database.
const lastSeen = perContext((ctx: Context) => new TtlCache<string, LastSeen>(86_400_000, 100_000, () => ctx.clock.now()));

async function lastSeenOf(ctx: Context, personId: string): Promise<LastSeen | undefined> {
  const cached = lastSeen(ctx).get(personId);
  if (cached) return cached;
  const last = await lastVisitOf(ctx.db, personId);
  if (!last) return undefined;
  const place = (await placeBasics(ctx, [last.place_id])).get(last.place_id);
  return { placeId: last.place_id, lat: place?.lat ?? null, lon: place?.lon ?? null, at: last.checked_in_at };
}

async function checkTravel(ctx: Context, personId: string, place: PlaceBasics, scannedAt: number, requestId: string): Promise<void> {
  if (place.lat === null) return;
  const previous = await lastSeenOf(ctx, personId);
  if (!previous || previous.placeId === place.id) return;
  if (impossibleTravel(previous, { lat: place.lat, lon: place.lon, at: scannedAt })) {
    securityLog(ctx).info({ reqId: requestId, reason: 'impossible_travel' }, 'scan refused');
    throw new AppError('impossible_travel');
  }
}

async function store(ctx: Context, job: ScanJob): Promise<Extract<ScanOutcome, { ok: true }>> {
  const outcome = await scanWriter(ctx).submit(job);
  if (!outcome.ok) throw new AppError(outcome.error);
  if (job.personId) lastSeen(ctx).set(job.personId, { placeId: job.place.id, lat: job.place.lat, lon: job.place.lon, at: job.scannedAt });
  return outcome;
}

/**
 * A visitor scans a place's QR (or types its code): checked in, or out if they were inside.
 * The answer comes after the scan is committed; the same client event id gets the same answer.
 */
export async function recordSelfScan(ctx: Context, actor: Actor, request: ScanRequest, requestId: string): Promise<ScanResult> {
  const resolved = request.token ? await resolveToken(ctx, request.token, requestId) : await resolveShortCode(ctx, request.code ?? '');
  if (resolved.place.status !== 'active') throw new AppError('place_not_active');
  checkTime(ctx, request.scannedAt, requestId);
  const place = placeBasicsOf(ctx, resolved.place);
  await checkTravel(ctx, actor.userId, place, request.scannedAt, requestId);
  const outcome = await store(ctx, {
    actorId: actor.userId,
    clientEventId: request.clientEventId,
    personId: actor.userId,
    visitor: null,
    place,
    pointId: resolved.point.id,
    method: request.token ? 'self_scan' : 'manual_code',
    scannedAt: request.scannedAt,
    checkoutMethod: 'scan',
  });
  return {
    action: outcome.action,
    visitId: outcome.visitId,
    placeId: place.id,
    placeName: place.name,
    pointLabel: resolved.point.label,
    at: request.scannedAt,
    method: request.token ? 'self_scan' : 'manual_code',
    declarationRequired: place.requiresDeclaration,
    declarationDue: await declarationDue(ctx, actor.userId),
    visitorLabel: null,
    inside: null,
  };
}

/** The place a staff member scans at; only its owners and scanner staff (and administrators) may. */
async function staffPlace(ctx: Context, actor: Actor, placeId: string, pointId: string | undefined) {
  const found = await findPlaceForScan(ctx, placeId, actor.userId);
  if (!found) throw new AppError('place_not_found', { field: 'placeId' });
  if (!found.memberRole && actor.role !== 'admin') throw new AppError('forbidden');
  if (found.place.status !== 'active') throw new AppError('place_not_active');
  const point = pointId ? found.points.find((p) => p.id === pointId) : found.points.find((p) => p.status === 'active');
  if (pointId && !point) throw new AppError('point_not_found', { field: 'pointId' });
  return { place: found.place, point: point ?? null };
}

/** Asks the visitor's phone for a code, so staff can record a visit by phone number with consent. */
export async function sendVisitCode(ctx: Context, actor: Actor, placeId: string, phone: string, requestId: string) {
  const { place } = await staffPlace(ctx, actor, placeId, undefined);
  return sendPhoneCode(ctx, { phone, purpose: 'visit', template: 'visit_code', lang: 'vi', vars: { place: place.name } }, requestId);
}

interface Visitor {
  personId: string | null;
  visitor: ScanJob['visitor'];
  method: ScanJob['method'];
  label: string;
}

async function identifyVisitor(ctx: Context, request: StaffScan, requestId: string): Promise<Visitor> {
  if (request.personalToken) {
    const personId = await resolvePersonalToken(ctx, request.personalToken, requestId);
    const label = (await labelsOf(ctx, [personId])).get(personId);
    return { personId, visitor: null, method: 'staff_personal_qr', label: maskName(label?.displayName ?? '') };
  }
  if (request.phone && request.code) {
    await checkPhoneCode(ctx, request.phone, 'visit', request.code, requestId);
    const person = await findOrCreateCitizenByPhone(ctx, request.phone, ctx.db, request.name);
    return { personId: person.id, visitor: null, method: 'staff_phone', label: maskName(request.name ?? person.display_name) };
  }
  if (request.name) {
    // No account and no code: the visitor as staff typed them in (a person without a phone).
    const phone = request.phone ?? null;
    return {
      personId: null,
      visitor: {
        nameEnc: ctx.cipher.encrypt('visits.visitor_name', request.name),
        phoneEnc: phone ? ctx.cipher.encrypt('visits.visitor_phone', phone) : null,
        phoneIndex: phone ? phoneIndex(ctx, phone) : null,
      },
      method: 'staff_manual',
      label: maskName(request.name),
    };
  }
  throw new AppError('visitor_identity_required', { field: 'personalToken' });
}

/** Staff check a visitor in or out by personal QR, by phone with the visitor's code, or by name. */
export async function recordStaffScan(ctx: Context, actor: Actor, request: StaffScan, requestId: string): Promise<ScanResult> {
  const { place, point } = await staffPlace(ctx, actor, request.placeId, request.pointId);
  checkTime(ctx, request.scannedAt, requestId);
  const visitor = await identifyVisitor(ctx, request, requestId);
  if (visitor.personId) await checkTravel(ctx, visitor.personId, place, request.scannedAt, requestId);
  const outcome = await store(ctx, {
    actorId: actor.userId,
    clientEventId: request.clientEventId,
    personId: visitor.personId,
    visitor: visitor.visitor,
    place,
    pointId: point?.id ?? null,
    method: visitor.method,
    scannedAt: request.scannedAt,
    forced: request.action,
    checkoutMethod: 'staff',
  });
  return {
    action: outcome.action,
    visitId: outcome.visitId,
    placeId: place.id,
    placeName: place.name,
    pointLabel: point?.label ?? '',
    at: request.scannedAt,
    method: visitor.method,
    declarationRequired: place.requiresDeclaration,
    declarationDue: visitor.personId ? await declarationDue(ctx, visitor.personId) : false,
    visitorLabel: visitor.label,
    inside: await countInside(ctx.db, place.id),
  };
}
