import { maskName } from '@phongdich/core';
import { z } from 'zod';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';
import { familyOf, findUserById, insertUser, updateUser } from './accounts.repository.js';

export const FAMILY_RELATIONS = ['child', 'parent', 'spouse', 'grandparent', 'sibling', 'other'] as const;

export const familyMemberInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  relation: z.enum(FAMILY_RELATIONS),
  birthYear: z.number().int().min(1900).max(2100).optional(),
});

export interface FamilyMember {
  id: string;
  displayName: string;
  relation: string;
  birthYear: number | null;
}

/**
 * People a citizen declares for (children, elderly parents) who have no phone of their own: each
 * is an account without a login, under the citizen, so it has a personal QR and declarations.
 */
export async function listFamily(ctx: Context, actor: Actor): Promise<FamilyMember[]> {
  const rows = await familyOf(ctx.db, actor.userId);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, relation: r.relation ?? 'other', birthYear: r.birth_year }));
}

export async function addFamilyMember(ctx: Context, actor: Actor, input: z.infer<typeof familyMemberInputSchema>): Promise<FamilyMember> {
  const now = ctx.clock.now();
  const id = newId(ctx);
  // Only initials here: the full name lives in the encrypted declarations.
  const displayName = maskName(input.name);
  await insertUser(ctx.db, {
    id,
    username: null,
    phone_index: null,
    phone_enc: null,
    display_name: displayName,
    role: 'citizen',
    unit_code: null,
    sector: null,
    password_hash: null,
    status: 'active',
    must_change_password: 0,
    locked_until: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
    guardian_id: actor.userId,
    relation: input.relation,
    birth_year: input.birthYear ?? null,
  });
  return { id, displayName, relation: input.relation, birthYear: input.birthYear ?? null };
}

export async function removeFamilyMember(ctx: Context, actor: Actor, memberId: string): Promise<void> {
  const member = await findUserById(ctx.db, memberId);
  if (!member || member.guardian_id !== actor.userId) throw new AppError('user_not_found');
  await updateUser(ctx.db, memberId, { status: 'disabled', guardian_id: null, updated_at: ctx.clock.now() });
  await recordAudit(ctx, actor, { action: 'family.remove', subjectType: 'user', subjectId: memberId });
}

/** True when the account may declare for this person: themself, or a family member under them. */
export async function maySpeakFor(ctx: Context, actorId: string, subjectId: string): Promise<boolean> {
  if (actorId === subjectId) return true;
  const subject = await findUserById(ctx.db, subjectId);
  return subject?.guardian_id === actorId && subject.status === 'active';
}

/** The people sharing a household with a person as the platform knows it: their guardian and the guardian's family. */
export async function householdOf(ctx: Context, personId: string): Promise<string[]> {
  const person = await findUserById(ctx.db, personId);
  if (!person) return [];
  const head = person.guardian_id ?? person.id;
  const members = (await familyOf(ctx.db, head)).map((m) => m.id);
  return [head, ...members].filter((id) => id !== personId);
}
