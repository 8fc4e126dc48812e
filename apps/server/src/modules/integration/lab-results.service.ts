import crypto from 'node:crypto';
import { localDateOf, normalizePhone, type LabResult, type labResolveSchema } from '@phongdich/core';
import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeCondition, scopeOf, unitInScope } from '../../http/scope.js';
import { accountsByPhoneIndex, phoneIndex, phonesOf } from '../accounts/index.js';
import { recordAudit, recordPersonalDataRead } from '../audit/index.js';
import { activeCaseForPerson, casesForExchange, changeCase, latestContactOfPerson, registerCase, type CaseForExchange } from '../cases/index.js';
import { declaredPeople, subjectsByIdNumber } from '../declarations/index.js';
import { unitTree } from '../units/index.js';
import { keyNames } from './api-keys.service.js';
import { existingResults, findLabResult, insertLabResults, listLabResults, updateLabResult, type LabResultRow } from './lab-results.repository.js';
import { readSheet } from '../../documents/spreadsheet.js';
import { LAB_CSV_COLUMNS, labInputFromRow, LabInputError, type LabInput } from './lab-results.parse.js';

const LAB_COLUMNS = { province: 'province_code', district: 'district_code', commune: 'commune_code' };
const WORKLIST = ['pending', 'unmatched', 'mismatch'];

/** What became of one result of an import. */
export interface LabOutcome {
  location: string;
  id: string;
  status: LabResult['status'] | 'duplicate';
  reason: string | null;
  caseId: string | null;
  caseCode: string | null;
}

interface Match {
  personId: string | null;
  matchedBy: 'id_number' | 'phone' | null;
  status: 'pending' | 'unmatched' | 'mismatch';
  reason: string | null;
}

/**
 * Finds the person through the keyed indexes: the ID number in their declarations, the phone of their
 * account. Two indexes pointing at two people, or one ID number held by several, is a mismatch an
 * official settles; nothing found is unmatched. Neither is guessed.
 */
async function matchPerson(ctx: Context, patient: LabInput['patient']): Promise<Match> {
  const byId = patient.idNumber ? await subjectsByIdNumber(ctx, patient.idNumber) : [];
  const index = patient.phone ? phoneIndex(ctx, patient.phone) : null;
  const byPhone = index ? (await accountsByPhoneIndex(ctx, [index])).get(index) : undefined;
  if (byId.length > 1) return { personId: null, matchedBy: null, status: 'mismatch', reason: 'id_number_ambiguous' };
  if (byId.length === 1 && byPhone && byPhone !== byId[0]) return { personId: null, matchedBy: null, status: 'mismatch', reason: 'id_number_and_phone_disagree' };
  if (byId.length === 1) return { personId: byId[0] as string, matchedBy: 'id_number', status: 'pending', reason: null };
  if (byPhone) return { personId: byPhone, matchedBy: 'phone', status: 'pending', reason: null };
  return { personId: null, matchedBy: null, status: 'unmatched', reason: 'unknown_person' };
}

/** Where a result is followed up: the person's case, else their contact record, else their declared address, else the key's unit. */
async function unitsFor(ctx: Context, personId: string | null, fallbackUnit: string) {
  if (personId) {
    const active = await activeCaseForPerson(ctx, personId);
    if (active) return { province_code: active.provinceCode, district_code: active.districtCode, commune_code: active.communeCode };
    const contact = await latestContactOfPerson(ctx, personId);
    if (contact) return { province_code: contact.provinceCode, district_code: contact.districtCode, commune_code: contact.communeCode };
    const declared = (await declaredPeople(ctx, [personId])).get(personId);
    if (declared?.communeCode) return { province_code: declared.provinceCode, district_code: declared.districtCode, commune_code: declared.communeCode };
  }
  const located = unitTree(ctx).locate(fallbackUnit);
  return { province_code: located?.provinceCode ?? ctx.config.homeUnit, district_code: located?.districtCode ?? null, commune_code: located?.communeCode ?? null };
}

function contentHash(input: LabInput): string {
  const { location: _location, ...content } = input;
  return crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Stores a laboratory's results all or nothing. A result id repeated in the submission, or received before
 * with other content, refuses the whole submission; an identical resend is reported as a duplicate and not
 * stored again. Results are matched to people; with LAB_RESULTS_AUTO_APPLY they change cases at once,
 * otherwise they wait on the health officials' worklist.
 */
export async function importLabResults(ctx: Context, actor: Actor, apiKey: { id: string; unitCode: string }, inputs: LabInput[]): Promise<LabOutcome[]> {
  const seen = new Map<string, LabInput>();
  for (const input of inputs) {
    const key = `${input.issuer}|${input.resultId}`;
    if (seen.has(key)) throw new AppError('lab_result_duplicate', { field: input.location, detail: `The result id ${input.resultId} of ${input.issuer} appears twice (also at ${seen.get(key)?.location}).` });
    seen.set(key, input);
  }
  const earlier = new Map((await existingResults(ctx.db, inputs)).map((r) => [`${r.issuer}|${r.result_id}`, r]));
  for (const input of inputs) {
    const stored = earlier.get(`${input.issuer}|${input.resultId}`);
    if (stored && stored.content_hash !== contentHash(input)) throw new AppError('lab_result_duplicate', { field: input.location, detail: `The result id ${input.resultId} of ${input.issuer} was received before with different content.` });
  }
  const now = ctx.clock.now();
  const fresh = inputs.filter((i) => !earlier.has(`${i.issuer}|${i.resultId}`));
  const rows: LabResultRow[] = [];
  for (const input of fresh) {
    const match = await matchPerson(ctx, input.patient);
    rows.push({
      id: newId(ctx),
      issuer: input.issuer,
      result_id: input.resultId,
      content_hash: contentHash(input),
      api_key_id: apiKey.id,
      person_id: match.personId,
      case_id: null,
      matched_by: match.matchedBy,
      name_enc: ctx.cipher.encrypt('lab_results.name', input.patient.name),
      phone_enc: input.patient.phone ? ctx.cipher.encrypt('lab_results.phone', input.patient.phone) : null,
      id_number_enc: input.patient.idNumber ? ctx.cipher.encrypt('lab_results.id_number', input.patient.idNumber) : null,
      test_system: input.testSystem,
      test_code: input.testCode,
      test_name: input.testName,
      result: input.result,
      specimen_date: input.specimenDate,
      status: match.status,
      reason: match.reason,
      ...(await unitsFor(ctx, match.personId, apiKey.unitCode)),
      received_at: now,
      handled_by: null,
      handled_at: null,
      note: null,
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await insertLabResults(trx, rows);
    await recordAudit(ctx, actor, { action: 'lab_results.import', detail: { received: inputs.length, stored: rows.length, duplicates: inputs.length - rows.length } }, trx);
  });
  const outcomes = new Map<LabInput, LabOutcome>();
  for (const input of inputs) {
    const stored = earlier.get(`${input.issuer}|${input.resultId}`);
    if (stored) outcomes.set(input, { location: input.location, id: stored.id, status: 'duplicate', reason: 'already_received', caseId: stored.case_id, caseCode: null });
  }
  for (const [i, row] of rows.entries()) {
    const done = row.status === 'pending' && ctx.config.labResultsAutoApply ? await applySafely(ctx, actor, row) : row;
    outcomes.set(fresh[i] as LabInput, { location: (fresh[i] as LabInput).location, id: row.id, status: done.status as LabResult['status'], reason: done.reason, caseId: done.case_id, caseCode: null });
  }
  return inputs.map((input) => outcomes.get(input) as LabOutcome);
}

/** A laboratory's CSV file: every row is checked before anything is stored; the first bad cell refuses the file. */
export async function importLabCsv(ctx: Context, actor: Actor, apiKey: { id: string; unitCode: string }, data: Buffer): Promise<LabOutcome[]> {
  const sheet = await readSheet(data, 'csv', LAB_CSV_COLUMNS, ctx.config.importMaxRows);
  if (sheet.fileErrors.length) throw new AppError('lab_result_invalid', { field: 'file', detail: sheet.fileErrors.join('; ') });
  if (sheet.rows.length === 0) throw new AppError('lab_result_invalid', { field: 'file', detail: 'The file has no data rows.' });
  const today = todayOf(ctx);
  let inputs: LabInput[];
  try {
    inputs = sheet.rows.map(({ row, values }) => labInputFromRow(row, values, today));
  } catch (error) {
    if (error instanceof LabInputError) throw labInputProblem(error, 'lab_result_invalid');
    throw error;
  }
  return importLabResults(ctx, actor, apiKey, inputs);
}

/** Applies a result; a failure (a case outside the key's area, no phone to open a case) leaves it pending with the reason. */
async function applySafely(ctx: Context, actor: Actor, row: LabResultRow): Promise<LabResultRow> {
  try {
    return await applyLabResult(ctx, actor, row, row.person_id as string);
  } catch (error) {
    const reason = error instanceof AppError ? error.code : 'apply_failed';
    if (!(error instanceof AppError)) ctx.logger.error({ err: error, labResultId: row.id }, 'lab result not applied');
    await updateLabResult(ctx.db, row.id, { reason });
    return { ...row, reason };
  }
}

/**
 * What a result does to the person's case: a positive result confirms an active suspected or probable case,
 * or opens a suspected case (with the test recorded) for someone who has none; a negative result is
 * recorded on an active case. Anything else is only recorded.
 */
async function applyLabResult(ctx: Context, actor: Actor, row: LabResultRow, personId: string): Promise<LabResultRow> {
  const active = await activeCaseForPerson(ctx, personId);
  let caseId: string | null = active?.id ?? null;
  let status: LabResultRow['status'] = 'recorded';
  if (row.result === 'positive' && active) {
    const confirm = active.classification !== 'confirmed' ? { classification: 'confirmed' as const } : {};
    await changeCase(ctx, actor, active.id, { ...confirm, testResult: 'positive', testDate: row.specimen_date });
    status = 'applied';
  } else if (row.result === 'positive') {
    caseId = await openSuspectedCase(ctx, actor, row, personId);
    status = 'applied';
  } else if (row.result === 'negative' && active && active.testResult !== 'positive') {
    await changeCase(ctx, actor, active.id, { testResult: 'negative', testDate: row.specimen_date });
    status = 'applied';
  }
  const changes = { status, reason: null, case_id: caseId, person_id: personId, handled_by: actor.userId, handled_at: ctx.clock.now() };
  await updateLabResult(ctx.db, row.id, changes);
  return { ...row, ...changes };
}

async function openSuspectedCase(ctx: Context, actor: Actor, row: LabResultRow, personId: string): Promise<string> {
  const phone = (await phonesOf(ctx, [personId])).get(personId) ?? (row.phone_enc ? ctx.cipher.decrypt('lab_results.phone', row.phone_enc) : null);
  if (!phone || !normalizePhone(phone)) throw new AppError('invalid_input', { field: 'phone', detail: 'no Vietnamese phone number to open a case with' });
  if (!row.commune_code) throw new AppError('commune_required');
  const { case: opened } = await registerCase(ctx, actor, {
    phone,
    fullName: ctx.cipher.decrypt('lab_results.name', row.name_enc),
    communeCode: row.commune_code,
    classification: 'suspected',
    testDate: row.specimen_date,
    testResult: 'positive',
  });
  return opened.id;
}

async function labInScope(ctx: Context, actor: Actor, id: string): Promise<LabResultRow> {
  const row = await findLabResult(ctx.db, id);
  if (!row || !unitInScope(scopeOf(actor, unitTree(ctx)), row.commune_code ?? row.district_code ?? row.province_code, unitTree(ctx))) throw new AppError('lab_result_not_found');
  return row;
}

/** A health official applies a waiting result (to the matched person, or to a case they name) or dismisses it. */
export async function resolveLabResult(ctx: Context, actor: Actor, id: string, input: z.infer<typeof labResolveSchema>): Promise<LabResult> {
  const row = await labInScope(ctx, actor, id);
  if (!WORKLIST.includes(row.status)) throw new AppError('lab_result_handled');
  if (input.action === 'dismiss') {
    await updateLabResult(ctx.db, id, { status: 'dismissed', note: input.note ?? null, handled_by: actor.userId, handled_at: ctx.clock.now() });
  } else {
    let personId = row.person_id;
    if (input.caseCode) {
      const [named] = (await casesForExchange(ctx, actor, { code: input.caseCode.toUpperCase(), limit: 1, offset: 0 })).items;
      if (!named) throw new AppError('case_not_found', { field: 'caseCode' });
      personId = named.personId;
    }
    if (!personId) throw new AppError('invalid_input', { field: 'caseCode' });
    await applyLabResult(ctx, actor, { ...row, person_id: personId }, personId);
    if (input.note) await updateLabResult(ctx.db, id, { note: input.note });
  }
  await recordAudit(ctx, actor, { action: `lab_result.${input.action}`, subjectType: 'lab_result', subjectId: id, unitCode: row.commune_code, detail: { caseCode: input.caseCode ?? null } });
  return (await labViews(ctx, [(await findLabResult(ctx.db, id)) as LabResultRow]))[0] as LabResult;
}

async function labViews(ctx: Context, rows: LabResultRow[]): Promise<LabResult[]> {
  const names = await keyNames(ctx);
  const caseIds = [...new Set(rows.flatMap((r) => (r.case_id ? [r.case_id] : [])))];
  const cases = new Map<string, CaseForExchange>();
  for (const id of caseIds) {
    const found = await activeOrAnyCase(ctx, id);
    if (found) cases.set(id, found);
  }
  return rows.map((r) => ({
    id: r.id,
    issuer: r.issuer,
    resultId: r.result_id,
    apiKeyName: names.get(r.api_key_id) ?? '',
    patientName: ctx.cipher.decrypt('lab_results.name', r.name_enc),
    matchedBy: r.matched_by as LabResult['matchedBy'],
    personId: r.person_id,
    caseId: r.case_id,
    caseCode: r.case_id ? (cases.get(r.case_id)?.code ?? null) : null,
    testName: r.test_name,
    result: r.result as LabResult['result'],
    specimenDate: r.specimen_date,
    status: r.status as LabResult['status'],
    reason: r.reason,
    communeCode: r.commune_code,
    receivedAt: r.received_at,
    handledAt: r.handled_at,
  }));
}

const SYSTEM_SCOPE: Actor = { userId: 'system', role: 'admin', unitCode: null, sector: null, requestId: null };

async function activeOrAnyCase(ctx: Context, id: string): Promise<CaseForExchange | undefined> {
  return (await casesForExchange(ctx, SYSTEM_SCOPE, { ids: [id], limit: 1, offset: 0 })).items[0];
}

/** The health officials' worklist: results waiting for confirmation, or that matched nobody or two people. */
export async function labWorklist(ctx: Context, actor: Actor, query: { status?: LabResult['status'] | undefined; limit?: number | undefined }): Promise<{ items: LabResult[] }> {
  const rows = await listLabResults(ctx.db, scopeCondition(scopeOf(actor, unitTree(ctx)), LAB_COLUMNS), query.status ? [query.status] : WORKLIST, query.limit ?? 200);
  await recordPersonalDataRead(ctx, actor, rows.map((r) => ({ type: 'lab_result', id: r.id, unitCode: r.commune_code })), 'lab_results.worklist');
  return { items: await labViews(ctx, rows) };
}

/** Turns a parse problem into the API's error (the FHIR API renders it as an OperationOutcome). */
export function labInputProblem(error: LabInputError, code: 'fhir_resource_invalid' | 'lab_result_invalid'): AppError {
  return new AppError(code, { field: error.path, detail: error.message });
}

export const todayOf = (ctx: Context) => localDateOf(ctx.clock.now());
