import { maskName } from '@phongdich/core';
import { z } from 'zod';
import type { Actor } from '../../actor.js';
import { perContext, TtlCache } from '../../cache.js';
import { newId, type Context } from '../../context.js';
import { anyOf } from '../../db/any-of.js';
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
  keepersCache(ctx).clear();
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
  // The member stays linked (disabled): their data is still the citizen's to export and delete.
  await updateUser(ctx.db, memberId, { status: 'disabled', updated_at: ctx.clock.now() });
  await recordAudit(ctx, actor, { action: 'family.remove', subjectType: 'user', subjectId: memberId });
}

/** True when the account may declare for this person: themself, or a family member under them. */
export async function maySpeakFor(ctx: Context, actorId: string, subjectId: string): Promise<boolean> {
  if (actorId === subjectId) return true;
  const subject = await findUserById(ctx.db, subjectId);
  return subject?.guardian_id === actorId && subject.status === 'active';
}

// Few accounts keep a family list; knowing which spares tracing a lookup per person traced.
const keepersCache = perContext((ctx: Context) => new TtlCache<'all', Set<string>>(60_000, 1, () => ctx.clock.now()));

async function familyKeepers(ctx: Context): Promise<Set<string>> {
  const cached = keepersCache(ctx).get('all');
  if (cached) return cached;
  const rows = await ctx.db.selectFrom('users').select('guardian_id').distinct().where('guardian_id', 'is not', null).where('status', '=', 'active').execute();
  const keepers = new Set(rows.map((r) => r.guardian_id as string));
  keepersCache(ctx).set('all', keepers);
  return keepers;
}

/**
 * The people sharing a household with each person, as the platform knows it: the account that keeps
 * the family list and everyone on it. Two queries for any number of people.
 */
export async function householdsOf(ctx: Context, personIds: readonly string[]): Promise<Map<string, string[]>> {
  const households = new Map<string, string[]>();
  const keepers = await familyKeepers(ctx);
  if (keepers.size === 0) return households;
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    const people = await ctx.db.selectFrom('users').select(['id', 'guardian_id']).where(anyOf(ctx.dialect, 'id', chunk)).execute();
    const headOf = new Map(people.map((p) => [p.id, p.guardian_id ?? p.id]));
    const heads = [...new Set(headOf.values())].filter((head) => keepers.has(head));
    if (heads.length === 0) continue;
    const members = await ctx.db.selectFrom('users').select(['id', 'guardian_id']).where(anyOf(ctx.dialect, 'guardian_id', heads)).where('status', '=', 'active').execute();
    const byHead = new Map<string, string[]>();
    for (const m of members) byHead.set(m.guardian_id as string, [...(byHead.get(m.guardian_id as string) ?? []), m.id]);
    for (const [person, head] of headOf) {
      const household = [head, ...(byHead.get(head) ?? [])].filter((id) => id !== person);
      if (household.length > 0) households.set(person, household);
    }
  }
  return households;
}
