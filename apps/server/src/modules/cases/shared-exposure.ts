import { exposureScore, localDateOf } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { emitIntegrationEvents } from '../integration/index.js';
import { contactsOfCases, findCase, insertCaseEvent, insertContacts, updateContact, type ContactRow } from './cases.repository.js';
import { caseInScope } from './cases.service.js';
import { contactCreatedEvents } from './events.js';
import { warn } from './tracing.service.js';

const DAY_MS = 86_400_000;

/** What the exposure module needs to know about a case it issues a Bluetooth verification code for. */
export interface CaseForExposure {
  id: string;
  code: string;
  classification: string;
  onsetDate: string | null;
  testDate: string | null;
  provinceCode: string;
  districtCode: string | null;
  communeCode: string;
}

/** A case in the official's area, for a verification code (throws case_not_found / out_of_scope). */
export async function caseForExposureCode(ctx: Context, actor: Actor, caseId: string): Promise<CaseForExposure> {
  const row = await caseInScope(ctx, actor, caseId);
  return {
    id: row.id,
    code: row.code,
    classification: row.classification,
    onsetDate: row.onset_date,
    testDate: row.test_date,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    communeCode: row.commune_code,
  };
}

/** The case numbers of cases, for lists of codes issued. */
export async function caseCodesOf(ctx: Context, caseIds: readonly string[]): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  for (const id of new Set(caseIds)) {
    const row = await findCase(ctx.db, id);
    if (row) codes.set(id, row.code);
  }
  return codes;
}

/** A Bluetooth match a person chose to share: where it happened is unknown, when and how long is what the phone scored. */
export interface SharedExposure {
  caseId: string;
  personId: string;
  windowStart: number;
  windowEnd: number;
  /** Weighted minutes of the exposure as the phone scored it. */
  minutes: number;
}

/**
 * Adds the person as an F1 of the case with the source `bluetooth` (or adds the source to the contact they
 * already are), and warns them like any new contact. Null when the case is gone or is the person themselves.
 */
export async function addSharedExposure(ctx: Context, exposure: SharedExposure): Promise<{ contactId: string; added: boolean } | null> {
  const row = await findCase(ctx.db, exposure.caseId);
  if (!row || row.person_id === exposure.personId) return null;
  const now = ctx.clock.now();
  const existing = (await contactsOfCases(ctx.db, [row.id])).find((c) => c.person_key === exposure.personId);
  const detail = JSON.stringify({ source: 'bluetooth' });
  if (existing) {
    const sources = [...new Set([...(JSON.parse(existing.sources) as string[]), 'bluetooth'])];
    await updateContact(ctx.db, existing.id, {
      sources: JSON.stringify(sources),
      window_start: Math.min(existing.window_start, exposure.windowStart),
      window_end: Math.max(existing.window_end, exposure.windowEnd),
      exposure_minutes: Math.max(existing.exposure_minutes, Math.round(exposure.minutes * 10) / 10),
      score: Math.max(existing.score, exposureScore('bluetooth', exposure.minutes)),
      updated_at: now,
    });
    await insertCaseEvent(ctx.db, { id: newId(ctx), case_id: row.id, at: now, actor_id: exposure.personId, action: 'contact_shared', detail });
    return { contactId: existing.id, added: false };
  }
  const contact: ContactRow = {
    id: newId(ctx),
    case_id: row.id,
    generation: 1,
    parent_contact_id: null,
    person_key: exposure.personId,
    person_id: exposure.personId,
    name_enc: null,
    phone_enc: null,
    sources: JSON.stringify(['bluetooth']),
    place_id: null,
    window_start: exposure.windowStart,
    window_end: exposure.windowEnd,
    exposure_minutes: Math.round(exposure.minutes * 10) / 10,
    score: exposureScore('bluetooth', exposure.minutes),
    province_code: row.province_code,
    district_code: row.district_code,
    commune_code: row.commune_code,
    status: 'new',
    quarantine_start: localDateOf(now),
    quarantine_end: localDateOf(exposure.windowEnd + ctx.config.contactQuarantineDays * DAY_MS),
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
  await insertCaseEvent(ctx.db, { id: newId(ctx), case_id: row.id, at: now, actor_id: exposure.personId, action: 'contact_shared', detail });
  await warn(ctx, [contact]);
  return { contactId: contact.id, added: true };
}

