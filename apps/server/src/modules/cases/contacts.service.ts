import { localDateOf, localMidnight, maskName, type Contact, type ContactSource, type contactUpdateSchema, type followupInputSchema } from '@phongdich/core';
import { z } from 'zod';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeCondition, scopeOf, unitInScope } from '../../http/scope.js';
import { labelsOf, phonesOf } from '../accounts/index.js';
import { recordAudit, recordPersonalDataRead } from '../audit/index.js';
import { emitIntegrationEvents } from '../integration/index.js';
import { placeBasics } from '../places/index.js';
import { unitTree } from '../units/index.js';
import { casesByIds, contactsDueRewarning, contactsOfPerson, findContact, insertFollowup, lastFollowups, listContacts, notReachedByCommune, updateContact, type ContactRow } from './cases.repository.js';
import { contactStatusEvent } from './events.js';
import { warn } from './tracing.service.js';

const DAY_MS = 86_400_000;
const CONTACT_COLUMNS = { province: 'contacts.province_code', district: 'contacts.district_code', commune: 'contacts.commune_code' };

/** Contacts as officials see them: who (name as known, phone to call), where and when, follow-up state. */
export async function contactViews(ctx: Context, rows: ContactRow[]): Promise<Contact[]> {
  const personIds = [...new Set(rows.filter((r) => r.person_id).map((r) => r.person_id as string))];
  const labels = await labelsOf(ctx, personIds);
  const phones = await phonesOf(ctx, personIds);
  const places = await placeBasics(ctx, [...new Set(rows.filter((r) => r.place_id).map((r) => r.place_id as string))]);
  const followups = await lastFollowups(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => {
    const visitorName = r.name_enc ? maskName(ctx.cipher.decrypt('contacts.name', r.name_enc)) : null;
    const last = followups.get(r.id);
    return {
      id: r.id,
      caseId: r.case_id,
      generation: r.generation,
      parentContactId: r.parent_contact_id,
      personId: r.person_id,
      displayName: (r.person_id ? labels.get(r.person_id)?.displayName : visitorName) ?? visitorName ?? '—',
      phone: r.person_id ? (phones.get(r.person_id) ?? null) : r.phone_enc ? ctx.cipher.decrypt('contacts.phone', r.phone_enc) : null,
      sources: JSON.parse(r.sources) as ContactSource[],
      placeId: r.place_id,
      placeName: r.place_id ? (places.get(r.place_id)?.name ?? null) : null,
      windowStart: r.window_start,
      windowEnd: r.window_end,
      exposureMinutes: r.exposure_minutes,
      score: r.score,
      status: r.status as Contact['status'],
      quarantineStart: r.quarantine_start,
      quarantineEnd: r.quarantine_end,
      team: r.team,
      lastFollowup: last ? { date: last.date, status: last.status as 'well' | 'unwell' | 'not_reached' } : null,
      becameCaseId: r.became_case_id,
      warnedAt: r.warned_at,
    };
  });
}

export const contactQuerySchema = z.strictObject({
  status: z.enum(['new', 'quarantined', 'released', 'became_case', 'lost']).optional(),
  notReached: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

/** Days without a successful follow-up after which a contact counts as not reached. */
export const NOT_REACHED_DAYS = 2;

export function notReachedSince(ctx: Context): { date: string; midnight: number } {
  const date = localDateOf(ctx.clock.now() - NOT_REACHED_DAYS * DAY_MS);
  return { date, midnight: localMidnight(date) };
}

/** Contacts not reached for NOT_REACHED_DAYS, by commune: the same count as the worklist's filter. */
export function contactsNotReachedByCommune(ctx: Context): Promise<Map<string, number>> {
  return notReachedByCommune(ctx.db, notReachedSince(ctx));
}

/** The follow-up worklist of an official's area; every contact shown is audited. */
export async function contactWorklist(ctx: Context, actor: Actor, query: z.infer<typeof contactQuerySchema>) {
  const scope = scopeOf(actor, unitTree(ctx));
  const { rows, total } = await listContacts(ctx.db, {
    where: [scopeCondition(scope, CONTACT_COLUMNS)],
    status: query.status,
    notReachedSince: query.notReached === 'true' ? notReachedSince(ctx) : undefined,
    limit: query.limit ?? 100,
    offset: query.offset ?? 0,
  });
  const views = await contactViews(ctx, rows);
  const cases = new Map((await casesByIds(ctx.db, [...new Set(rows.map((r) => r.case_id))])).map((c) => [c.id, c.code]));
  await recordPersonalDataRead(ctx, actor, rows.map((r) => ({ type: 'contact', id: r.id, unitCode: r.commune_code })), 'contacts.worklist');
  return {
    items: views.map((v, i) => ({ ...v, caseCode: cases.get(v.caseId) ?? '', communeName: unitTree(ctx).get(rows[i]?.commune_code ?? '')?.name ?? '' })),
    total,
  };
}

export async function contactInScope(ctx: Context, actor: Actor, id: string): Promise<ContactRow> {
  const row = await findContact(ctx.db, id);
  if (!row) throw new AppError('contact_not_found');
  if (!unitInScope(scopeOf(actor, unitTree(ctx)), row.commune_code ?? row.province_code, unitTree(ctx))) throw new AppError('out_of_scope');
  return row;
}

async function viewOf(ctx: Context, id: string): Promise<Contact> {
  const [view] = await contactViews(ctx, [(await findContact(ctx.db, id)) as ContactRow]);
  return view as Contact;
}

/** Quarantine dates, the commune team, or the contact's state (quarantined, released, lost to follow-up). */
export async function changeContact(ctx: Context, actor: Actor, id: string, input: z.infer<typeof contactUpdateSchema>): Promise<Contact> {
  const row = await contactInScope(ctx, actor, id);
  if (row.status === 'became_case') throw new AppError('contact_already_case');
  const start = input.quarantineStart ?? row.quarantine_start;
  const end = input.quarantineEnd ?? row.quarantine_end;
  if (start && end && end < start) throw new AppError('date_order', { field: 'quarantineEnd' });
  await ctx.db.transaction().execute(async (trx) => {
    await updateContact(trx, id, {
      ...(input.status ? { status: input.status } : {}),
      quarantine_start: start,
      quarantine_end: end,
      ...(input.team !== undefined ? { team: input.team || null } : {}),
      updated_at: ctx.clock.now(),
    });
    if (input.status && input.status !== row.status) await emitIntegrationEvents(ctx, trx, [contactStatusEvent(row, input.status)]);
  });
  await recordAudit(ctx, actor, { action: 'contact.update', subjectType: 'contact', subjectId: id, unitCode: row.commune_code, detail: input });
  return viewOf(ctx, id);
}

/** A commune team's daily check on a contact: seen well, seen unwell, or not reached. */
export async function recordFollowup(ctx: Context, actor: Actor, id: string, input: z.infer<typeof followupInputSchema>): Promise<Contact> {
  const row = await contactInScope(ctx, actor, id);
  if (input.date > localDateOf(ctx.clock.now())) throw new AppError('date_in_future', { field: 'date' });
  await insertFollowup(ctx.db, { id: newId(ctx), contact_id: id, date: input.date, status: input.status, note_enc: input.note ? ctx.cipher.encrypt('contact_followups.note', input.note) : null, by: actor.userId, at: ctx.clock.now() });
  if (row.status === 'new' && input.status !== 'not_reached') {
    await ctx.db.transaction().execute(async (trx) => {
      await updateContact(trx, id, { status: 'quarantined', updated_at: ctx.clock.now() });
      await emitIntegrationEvents(ctx, trx, [contactStatusEvent(row, 'quarantined')]);
    });
  }
  await recordAudit(ctx, actor, { action: 'contact.followup', subjectType: 'contact', subjectId: id, unitCode: row.commune_code, detail: { date: input.date, status: input.status } });
  return viewOf(ctx, id);
}

/** The signed-in person's warnings: contacts of theirs still in quarantine or monitoring. */
export async function myWarnings(ctx: Context, actor: Actor) {
  const today = localDateOf(ctx.clock.now());
  const rows = (await contactsOfPerson(ctx.db, actor.userId)).filter((r) => (r.status === 'new' || r.status === 'quarantined') && (r.quarantine_end ?? '') >= today);
  const places = await placeBasics(ctx, [...new Set(rows.filter((r) => r.place_id).map((r) => r.place_id as string))]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      placeName: r.place_id ? (places.get(r.place_id)?.name ?? null) : null,
      source: (JSON.parse(r.sources) as ContactSource[])[0] ?? 'presence',
      windowStart: r.window_start,
      windowEnd: r.window_end,
      quarantineEnd: r.quarantine_end,
      generation: r.generation,
    })),
  };
}

/** Sends warnings again to contacts warned fewer times than configured (people miss one SMS). */
export async function repeatWarnings(ctx: Context): Promise<number> {
  const due = await contactsDueRewarning(ctx.db, ctx.config.warningRepeats, ctx.clock.now() - ctx.config.warningRepeatMs, 500);
  await warn(ctx, due);
  return due.length;
}
