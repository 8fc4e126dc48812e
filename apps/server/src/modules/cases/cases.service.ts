import { exposureScore, localDateOf, type Case, type CaseInput, type caseUpdateSchema, type Contact, type conversionSchema, type interviewContactSchema } from '@phongdich/core';
import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { assertUnitInScope, scopeCondition, scopeOf, unitInScope } from '../../http/scope.js';
import { findOrCreateCitizenByPhone, labelsOf, phonesOf } from '../accounts/index.js';
import { recordPersonalDataRead } from '../audit/index.js';
import { emitIntegrationEvents } from '../integration/index.js';
import { placeBasics } from '../places/index.js';
import { visitsOfPersonBetween } from '../presence/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import {
  activeCaseOfPerson,
  caseCount,
  contactsOfCases,
  contactsOfPerson,
  eventsOfCase,
  findCase,
  insertCase,
  insertCaseEvent,
  insertContacts,
  listCases,
  updateCase,
  updateContact,
  type CaseRow,
  type ContactRow,
} from './cases.repository.js';
import { contactInScope, contactViews } from './contacts.service.js';
import { caseCreatedEvent, caseUpdatedEvent, contactCreatedEvents, contactStatusEvent } from './events.js';
import { caseWindow, traceCase, warn, type TraceResult } from './tracing.service.js';

const CASE_COLUMNS = { province: 'cases.province_code', district: 'cases.district_code', commune: 'cases.commune_code' };

export function caseScope(ctx: Context, actor: Actor) {
  return scopeCondition(scopeOf(actor, unitTree(ctx)), CASE_COLUMNS);
}

async function contactCounts(ctx: Context, caseIds: readonly string[]): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('contacts').select(['case_id', (eb) => eb.fn.countAll<number>().as('n')]).where('case_id', 'in', caseIds).groupBy('case_id').execute();
  return new Map(rows.map((r) => [r.case_id, Number(r.n)]));
}

export async function caseViews(ctx: Context, rows: CaseRow[]): Promise<Case[]> {
  const counts = await contactCounts(ctx, rows.map((r) => r.id));
  return rows.map((r) => {
    const window = caseWindow(ctx, r);
    return {
      id: r.id,
      code: r.code,
      personId: r.person_id,
      fullName: ctx.cipher.decrypt('cases.name', r.name_enc),
      phone: ctx.cipher.decrypt('cases.phone', r.phone_enc),
      communeCode: r.commune_code,
      communeName: unitTree(ctx).get(r.commune_code)?.name ?? r.commune_code,
      classification: r.classification as Case['classification'],
      onsetDate: r.onset_date,
      testDate: r.test_date,
      testResult: r.test_result as Case['testResult'],
      isolationDate: r.isolation_date,
      isolationPlace: r.isolation_place_enc ? ctx.cipher.decryptLegacy('cases.isolation_place', r.isolation_place_enc) : null,
      outcome: r.outcome as Case['outcome'],
      infectiousFrom: window.start,
      infectiousUntil: window.end,
      fromContactId: r.from_contact_id,
      contactCount: counts.get(r.id) ?? 0,
      createdAt: r.created_at,
    };
  });
}

async function caseView(ctx: Context, row: CaseRow): Promise<Case> {
  return (await caseViews(ctx, [row]))[0] as Case;
}

async function addEvent(ctx: Context, actor: Actor, caseId: string, action: string, detail: unknown = null): Promise<void> {
  await insertCaseEvent(ctx.db, { id: newId(ctx), case_id: caseId, at: ctx.clock.now(), actor_id: actor.userId, action, detail: detail === null ? null : JSON.stringify(detail) });
}

function checkDates(ctx: Context, dates: { onsetDate?: string | null | undefined; testDate?: string | null | undefined; isolationDate?: string | null | undefined }): void {
  const today = localDateOf(ctx.clock.now());
  for (const field of ['onsetDate', 'testDate', 'isolationDate'] as const) {
    if ((dates[field] ?? '') > today) throw new AppError('date_in_future', { field });
  }
}

/** The next human-readable case number; a unique index settles two officials registering at once. */
async function nextCode(ctx: Context, attempt: number): Promise<string> {
  return `BN-${String((await caseCount(ctx.db)) + 1 + attempt).padStart(5, '0')}`;
}

/** The contact this person was (in some chain) before becoming a case, so the chain passes through them. */
async function contactBefore(ctx: Context, personId: string): Promise<ContactRow | undefined> {
  return (await contactsOfPerson(ctx.db, personId)).find((c) => c.status !== 'became_case');
}

/**
 * Registers a case and traces it at once (to the configured depth). When the person was a contact of
 * an earlier case, that contact becomes this case: the chain continues through it.
 */
export async function registerCase(ctx: Context, actor: Actor, input: CaseInput, fromContact?: ContactRow): Promise<{ case: Case; trace: TraceResult }> {
  const commune = requireUnit(ctx, input.communeCode, 'communeCode');
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), commune.code, unitTree(ctx));
  if (commune.tier !== 'commune') throw new AppError('commune_required', { field: 'communeCode' });
  checkDates(ctx, input);
  const person = await findOrCreateCitizenByPhone(ctx, input.phone, ctx.db, input.fullName);
  if (await activeCaseOfPerson(ctx.db, person.id)) throw new AppError('case_exists', { field: 'phone' });
  const earlier = fromContact ?? (await contactBefore(ctx, person.id));
  const located = unitTree(ctx).locate(commune.code);
  const now = ctx.clock.now();
  let row: CaseRow | undefined;
  for (let attempt = 0; !row; attempt++) {
    const candidate: CaseRow = {
      id: newId(ctx),
      code: await nextCode(ctx, attempt),
      person_id: person.id,
      name_enc: ctx.cipher.encrypt('cases.name', input.fullName),
      phone_enc: ctx.cipher.encrypt('cases.phone', input.phone),
      address_enc: input.streetAddress ? ctx.cipher.encrypt('cases.address', input.streetAddress) : null,
      province_code: located?.provinceCode ?? ctx.config.homeUnit,
      district_code: located?.districtCode ?? null,
      commune_code: commune.code,
      classification: input.classification,
      onset_date: input.onsetDate ?? null,
      test_date: input.testDate ?? null,
      test_result: input.testResult ?? null,
      isolation_date: input.isolationDate ?? null,
      isolation_place_enc: input.isolationPlace ? ctx.cipher.encrypt('cases.isolation_place', input.isolationPlace) : null,
      outcome: 'active',
      from_contact_id: earlier?.id ?? null,
      note_enc: input.note ? ctx.cipher.encrypt('cases.note', input.note) : null,
      traced_at: null,
      closed_at: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await insertCase(trx, candidate);
        if (earlier) await updateContact(trx, earlier.id, { status: 'became_case', became_case_id: candidate.id, updated_at: now });
        await emitIntegrationEvents(ctx, trx, [caseCreatedEvent(candidate), ...(earlier ? [contactStatusEvent(earlier, 'became_case')] : [])]);
      });
      row = candidate;
    } catch (error) {
      if (attempt >= 5 || !(await findCodeTaken(ctx, candidate.code))) throw error;
    }
  }
  await addEvent(ctx, actor, row.id, 'created', { classification: input.classification, fromContactId: earlier?.id ?? null });
  const trace = await traceCase(ctx, actor, row);
  await addEvent(ctx, actor, row.id, 'traced', trace);
  return { case: await caseView(ctx, (await findCase(ctx.db, row.id)) as CaseRow), trace };
}

async function findCodeTaken(ctx: Context, code: string): Promise<boolean> {
  return (await ctx.db.selectFrom('cases').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function caseInScope(ctx: Context, actor: Actor, id: string): Promise<CaseRow> {
  const row = await findCase(ctx.db, id);
  if (!row) throw new AppError('case_not_found');
  if (!unitInScope(scopeOf(actor, unitTree(ctx)), row.commune_code, unitTree(ctx))) throw new AppError('out_of_scope');
  return row;
}

/** Cases of the official's area, newest first; a case number or a phone finds one case. */
export async function searchCases(ctx: Context, actor: Actor, query: { q?: string | undefined; classification?: string | undefined; outcome?: string | undefined; limit?: number | undefined; offset?: number | undefined }) {
  const q = query.q?.trim();
  const code = q && /^bn-?\d+$/i.test(q) ? `BN-${q.replace(/\D/g, '').padStart(5, '0')}` : undefined;
  let personId: string | undefined;
  if (q && !code) {
    const digits = q.replace(/[^\d+]/g, '');
    const phone = digits.startsWith('0') ? `+84${digits.slice(1)}` : digits;
    const account = await ctx.db.selectFrom('users').select('id').where('phone_index', '=', ctx.cipher.blindIndex('phone', phone)).executeTakeFirst();
    personId = account?.id ?? 'none';
  }
  const { rows, total } = await listCases(ctx.db, { where: [caseScope(ctx, actor)], code, personId, classification: query.classification, outcome: query.outcome, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  await recordPersonalDataRead(ctx, actor, rows.map((r) => ({ type: 'case', id: r.id, unitCode: r.commune_code })), 'cases.search');
  return { items: await caseViews(ctx, rows), total };
}

/** One case with its history and the places the person visited while infectious; the view is audited. */
export async function readCase(ctx: Context, actor: Actor, id: string) {
  const row = await caseInScope(ctx, actor, id);
  const window = caseWindow(ctx, row);
  const visits = await visitsOfPersonBetween(ctx, row.person_id, window.start - 86_400_000, window.end + 1);
  const inWindow = visits.filter((v) => (v.checkedOutAt ?? v.checkedInAt) >= window.start && v.checkedInAt <= window.end);
  const places = await placeBasics(ctx, [...new Set(inWindow.map((v) => v.placeId))]);
  const events = await eventsOfCase(ctx.db, id);
  const actors = await labelsOf(ctx, [...new Set(events.map((e) => e.actor_id))]);
  await recordPersonalDataRead(ctx, actor, [{ type: 'case', id, unitCode: row.commune_code }], 'cases.read');
  return {
    case: await caseView(ctx, row),
    events: events.map((e) => ({ at: e.at, action: e.action, actorName: actors.get(e.actor_id)?.displayName ?? e.actor_id, detail: e.detail })),
    placesVisited: inWindow.map((v) => ({ placeId: v.placeId, placeName: places.get(v.placeId)?.name ?? '', communeName: places.get(v.placeId)?.communeName ?? '', checkedInAt: v.checkedInAt, checkedOutAt: v.checkedOutAt })),
  };
}

/** Corrects dates, classification, isolation or outcome; the case is traced again when its window moves. */
export async function changeCase(ctx: Context, actor: Actor, id: string, input: z.infer<typeof caseUpdateSchema>): Promise<Case> {
  const row = await caseInScope(ctx, actor, id);
  checkDates(ctx, input);
  const changes: Partial<CaseRow> = {
    ...(input.classification ? { classification: input.classification } : {}),
    ...(input.onsetDate !== undefined ? { onset_date: input.onsetDate } : {}),
    ...(input.testDate !== undefined ? { test_date: input.testDate } : {}),
    ...(input.testResult !== undefined ? { test_result: input.testResult } : {}),
    ...(input.isolationDate !== undefined ? { isolation_date: input.isolationDate } : {}),
    ...(input.isolationPlace !== undefined ? { isolation_place_enc: input.isolationPlace ? ctx.cipher.encrypt('cases.isolation_place', input.isolationPlace) : null } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    // Retention counts from the day the case closed; reopening it stops the count.
    ...(input.outcome && input.outcome !== row.outcome ? { closed_at: input.outcome === 'active' ? null : ctx.clock.now() } : {}),
    ...(input.note !== undefined ? { note_enc: input.note ? ctx.cipher.encrypt('cases.note', input.note) : null } : {}),
    updated_at: ctx.clock.now(),
  };
  const exchanged = (['classification', 'outcome', 'testResult', 'testDate', 'onsetDate'] as const).filter((f) => input[f] !== undefined);
  await ctx.db.transaction().execute(async (trx) => {
    await updateCase(trx, id, changes);
    if (exchanged.length) await emitIntegrationEvents(ctx, trx, [caseUpdatedEvent({ ...row, ...changes }, exchanged)]);
  });
  await addEvent(ctx, actor, id, 'updated', { fields: Object.keys(input) });
  const updated = (await findCase(ctx.db, id)) as CaseRow;
  const before = caseWindow(ctx, row);
  const after = caseWindow(ctx, updated);
  if (updated.outcome === 'active' && (after.start < before.start || after.end > before.end)) {
    await addEvent(ctx, actor, id, 'traced', await traceCase(ctx, actor, updated));
  }
  return caseView(ctx, updated);
}

/** Traces again now, possibly deeper than the installation does on its own. */
export async function retrace(ctx: Context, actor: Actor, id: string, depth: number | undefined): Promise<TraceResult> {
  const row = await caseInScope(ctx, actor, id);
  const result = await traceCase(ctx, actor, row, depth ?? ctx.config.traceMaxDepth);
  await addEvent(ctx, actor, id, 'traced', result);
  return result;
}

/** Contacts of the case's chain (F1, F2 … under it), as officials see them; audited. */
export async function contactsOfCase(ctx: Context, actor: Actor, id: string): Promise<{ items: Contact[] }> {
  const row = await caseInScope(ctx, actor, id);
  const contacts = await contactsOfCases(ctx.db, [row.id]);
  await recordPersonalDataRead(ctx, actor, [{ type: 'case', id, unitCode: row.commune_code }], 'cases.contacts');
  return { items: await contactViews(ctx, contacts) };
}

/** A contact the case named in the interview: added as F1 (or marked as also named, if found already), warned. */
export async function addInterviewContact(ctx: Context, actor: Actor, id: string, input: z.infer<typeof interviewContactSchema>): Promise<Contact> {
  const row = await caseInScope(ctx, actor, id);
  if (input.lastContactAt > ctx.clock.now()) throw new AppError('date_in_future', { field: 'lastContactAt' });
  const person = await findOrCreateCitizenByPhone(ctx, input.phone, ctx.db, input.name);
  if (person.id === row.person_id) throw new AppError('invalid_input', { field: 'phone' });
  const source = input.relation === 'household' ? 'household' : 'interview';
  const existing = (await contactsOfCases(ctx.db, [id])).find((c) => c.person_key === person.id);
  const now = ctx.clock.now();
  if (existing) {
    const sources = [...new Set([...(JSON.parse(existing.sources) as string[]), source])];
    await updateContact(ctx.db, existing.id, { sources: JSON.stringify(sources), generation: 1, score: Math.max(existing.score, exposureScore(source, 0)), updated_at: now });
  } else {
    const contact: ContactRow = {
      id: newId(ctx),
      case_id: id,
      generation: 1,
      parent_contact_id: null,
      person_key: person.id,
      person_id: person.id,
      name_enc: ctx.cipher.encrypt('contacts.name', input.name),
      phone_enc: null,
      sources: JSON.stringify([source]),
      place_id: null,
      window_start: input.lastContactAt - 15 * 60_000,
      window_end: input.lastContactAt,
      exposure_minutes: 15,
      score: exposureScore(source, 15),
      province_code: row.province_code,
      district_code: row.district_code,
      commune_code: row.commune_code,
      status: 'new',
      quarantine_start: localDateOf(now),
      quarantine_end: localDateOf(input.lastContactAt + ctx.config.contactQuarantineDays * 86_400_000),
      team: null,
      became_case_id: null,
      warned_count: 0,
      warned_at: null,
      created_at: now,
      updated_at: now,
    };
    await ctx.db.transaction().execute(async (trx) => {
      await insertContacts(trx, [contact]);
      await emitIntegrationEvents(ctx, trx, contactCreatedEvents([contact]));
    });
    await warn(ctx, [contact]);
  }
  await addEvent(ctx, actor, id, 'contact_added', { relation: input.relation });
  const stored = (await contactsOfCases(ctx.db, [id])).find((c) => c.person_key === person.id) as ContactRow;
  return (await contactViews(ctx, [stored]))[0] as Contact;
}

/** One step from contact to case: the contact keeps its history, marked as having become this case. */
export async function convertContact(ctx: Context, actor: Actor, contactId: string, input: z.infer<typeof conversionSchema>): Promise<Case> {
  const contact = await contactInScope(ctx, actor, contactId);
  if (contact.status === 'became_case') throw new AppError('contact_already_case');
  const phone = contact.person_id ? (await phonesOf(ctx, [contact.person_id])).get(contact.person_id) : contact.phone_enc ? ctx.cipher.decrypt('contacts.phone', contact.phone_enc) : undefined;
  if (!phone) throw new AppError('invalid_input', { field: 'phone' });
  const knownName = contact.name_enc ? ctx.cipher.decrypt('contacts.name', contact.name_enc) : undefined;
  const fullName = input.fullName ?? knownName;
  if (!fullName) throw new AppError('invalid_input', { field: 'fullName' });
  const { case: created } = await registerCase(ctx, actor, { phone, fullName, communeCode: input.communeCode, classification: input.classification, onsetDate: input.onsetDate, testDate: input.testDate, testResult: input.testResult }, contact);
  await addEvent(ctx, actor, contact.case_id, 'converted', { contactId, caseId: created.id, code: created.code });
  return created;
}
