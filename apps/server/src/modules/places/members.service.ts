import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { findOrCreateCitizenByPhone, labelsOf } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { enqueueMessage } from '../messaging/index.js';
import { loadPlaceFor } from './place-access.js';
import { countOwners, deleteMember, findMember, insertMember, listMembers, membershipsOf } from './places.repository.js';
import { summaries } from './places.service.js';

export interface MemberView {
  userId: string;
  role: 'owner' | 'staff';
  displayName: string;
  phoneMasked: string | null;
  addedAt: number;
}

export async function listPlaceMembers(ctx: Context, actor: Actor, placeId: string): Promise<MemberView[]> {
  await loadPlaceFor(ctx, actor, placeId, 'manageStaff');
  const members = await listMembers(ctx.db, placeId);
  const labels = await labelsOf(ctx, members.map((m) => m.user_id));
  return members.map((m) => ({
    userId: m.user_id,
    role: m.role === 'owner' ? 'owner' : 'staff',
    displayName: labels.get(m.user_id)?.displayName ?? '',
    phoneMasked: labels.get(m.user_id)?.phoneMasked ?? null,
    addedAt: m.created_at,
  }));
}

/**
 * Adds scanner staff (or a co-owner) by phone number; the person signs in with that phone and gets
 * the staff role for this place only.
 */
export async function addMember(ctx: Context, actor: Actor, placeId: string, input: { phone: string; name?: string | undefined; role?: 'owner' | 'staff' }): Promise<MemberView[]> {
  const { place } = await loadPlaceFor(ctx, actor, placeId, 'manageStaff');
  const role = input.role ?? 'staff';
  await ctx.db.transaction().execute(async (trx) => {
    const person = await findOrCreateCitizenByPhone(ctx, input.phone, trx, input.name);
    const existing = await findMember(trx, place.id, person.id);
    // Adding an owner as staff would demote them; the stronger role stays.
    if (existing?.role === 'owner' && role === 'staff') return;
    await insertMember(trx, { place_id: place.id, user_id: person.id, role, added_by: actor.userId, created_at: ctx.clock.now() });
    await recordAudit(ctx, actor, { action: `place.${role}_add`, subjectType: 'user', subjectId: person.id, unitCode: place.commune_code, detail: { placeId: place.id } }, trx);
    await enqueueMessage(ctx, { channel: 'sms', recipient: input.phone, template: 'staff_added', language: 'vi', vars: { place: place.name, url: ctx.config.baseUrl }, dedupeKey: `member:${place.id}:${person.id}:${role}` }, trx);
  });
  return listPlaceMembers(ctx, actor, placeId);
}

export async function removeMember(ctx: Context, actor: Actor, placeId: string, userId: string): Promise<MemberView[]> {
  const { place } = await loadPlaceFor(ctx, actor, placeId, 'manageStaff');
  const member = await findMember(ctx.db, placeId, userId);
  if (!member) throw new AppError('member_not_found');
  if (member.role === 'owner' && (await countOwners(ctx.db, placeId)) <= 1) throw new AppError('last_owner');
  await ctx.db.transaction().execute(async (trx) => {
    await deleteMember(trx, placeId, userId);
    await recordAudit(ctx, actor, { action: 'place.member_remove', subjectType: 'user', subjectId: userId, unitCode: place.commune_code, detail: { placeId } }, trx);
  });
  return listPlaceMembers(ctx, actor, placeId);
}

/** The places the actor owns or works at, with their role at each. */
export async function myPlaces(ctx: Context, actor: Actor) {
  const memberships = await membershipsOf(ctx.db, actor.userId);
  const views = await summaries(ctx, memberships.map((m) => m.place));
  return views.map((view, i) => ({ ...view, myRole: memberships[i]?.role === 'owner' ? ('owner' as const) : ('staff' as const) }));
}
