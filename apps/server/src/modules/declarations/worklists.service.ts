import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeOf, unitInScope } from '../../http/scope.js';
import { findOrCreateCitizenByPhone, labelsOf } from '../accounts/index.js';
import { recordAudit, recordPersonalDataRead } from '../audit/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import {
  activeMonitoringOf,
  endMonitoring,
  findDeclaration,
  findFlag,
  findMonitoring,
  insertMonitoring,
  latestOf,
  listFlags as listFlagRows,
  listMonitoring as listMonitoringRows,
  subjectsWithUpdateSince,
  updateFlag,
} from './declarations.repository.js';
import { openRecord, localToday } from './declarations.service.js';
import { declarationScope } from './review.service.js';

function communeName(ctx: Context, code: string | null): string {
  return code ? (unitTree(ctx).get(code)?.name ?? code) : '';
}

function assertInScope(ctx: Context, actor: Actor, unitCode: string): void {
  if (!unitInScope(scopeOf(actor, unitTree(ctx)), unitCode, unitTree(ctx))) throw new AppError('out_of_scope');
}

/** Declarations whose answers met a risk rule, for the commune and health officials of the area. */
export async function listFlags(ctx: Context, actor: Actor, query: { unit?: string | undefined; status?: 'open' | 'handled' | undefined }) {
  const rows = await listFlagRows(ctx.db, declarationScope(ctx, actor, query.unit), query.status ?? 'open', 500);
  const items = [];
  for (const flag of rows) {
    const declaration = await findDeclaration(ctx.db, flag.declaration_id);
    const record = declaration ? openRecord(ctx, declaration) : null;
    items.push({
      id: flag.id,
      declarationId: flag.declaration_id,
      reasons: JSON.parse(flag.reasons) as string[],
      fullName: record?.person.fullName ?? '',
      phone: record?.person.phone ?? null,
      communeName: communeName(ctx, flag.commune_code),
      status: flag.status === 'handled' ? ('handled' as const) : ('open' as const),
      note: flag.note_enc ? ctx.cipher.decryptLegacy('declaration_flags.note', flag.note_enc) : null,
      createdAt: flag.created_at,
      handledAt: flag.handled_at,
    });
  }
  await recordPersonalDataRead(ctx, actor, rows.map((r) => ({ type: 'declaration', id: r.declaration_id, unitCode: r.commune_code })), 'flags.worklist');
  return items;
}

/** Marks a flag handled (called, visited, tested…) with a note of what was done. */
export async function handleFlag(ctx: Context, actor: Actor, id: string, note: string): Promise<void> {
  const flag = await findFlag(ctx.db, id);
  if (!flag) throw new AppError('not_found');
  assertInScope(ctx, actor, flag.commune_code ?? flag.province_code);
  await updateFlag(ctx.db, id, { status: 'handled', handled_by: actor.userId, handled_at: ctx.clock.now(), note_enc: ctx.cipher.encrypt('declaration_flags.note', note) });
  await recordAudit(ctx, actor, { action: 'flag.handle', subjectType: 'declaration', subjectId: flag.declaration_id, unitCode: flag.commune_code });
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Places a person under monitoring (quarantine, contact of a case): they are asked for a daily
 * health update until the end date, and their commune sees who has not sent today's.
 */
export async function startMonitoring(ctx: Context, actor: Actor, input: { phone: string; days: number; reason: string; communeCode: string }) {
  const commune = requireUnit(ctx, input.communeCode, 'communeCode');
  assertInScope(ctx, actor, commune.code);
  const person = await findOrCreateCitizenByPhone(ctx, input.phone);
  const location = unitTree(ctx).locate(commune.code);
  const today = localToday(ctx);
  const id = newId(ctx);
  await insertMonitoring(ctx.db, {
    id,
    subject_id: person.id,
    reason_enc: ctx.cipher.encrypt('monitoring.reason', input.reason),
    start_date: today,
    end_date: addDays(today, input.days - 1),
    province_code: location?.provinceCode ?? commune.provinceCode,
    district_code: location?.districtCode ?? null,
    commune_code: commune.code,
    created_by: actor.userId,
    created_at: ctx.clock.now(),
    ended_at: null,
  });
  await recordAudit(ctx, actor, { action: 'monitoring.start', subjectType: 'user', subjectId: person.id, unitCode: commune.code, detail: { days: input.days } });
  return id;
}

/** People under monitoring in the area, with whether today's update came in. */
export async function listMonitoring(ctx: Context, actor: Actor, unit: string | undefined) {
  const today = localToday(ctx);
  const rows = await listMonitoringRows(ctx.db, declarationScope(ctx, actor, unit), today);
  const subjects = rows.map((r) => r.subject_id);
  const dayStart = Date.parse(`${today}T00:00:00Z`) - 7 * 3_600_000;
  const updated = await subjectsWithUpdateSince(ctx.db, subjects, dayStart);
  const labels = await labelsOf(ctx, subjects);
  const items = [];
  for (const row of rows) {
    const last = await latestOf(ctx.db, row.subject_id, ['daily_update']);
    items.push({
      id: row.id,
      subjectId: row.subject_id,
      displayName: labels.get(row.subject_id)?.phoneMasked ?? labels.get(row.subject_id)?.displayName ?? '',
      reason: ctx.cipher.decryptLegacy('monitoring.reason', row.reason_enc),
      startDate: row.start_date,
      endDate: row.end_date,
      communeName: communeName(ctx, row.commune_code),
      updatedToday: updated.has(row.subject_id),
      lastUpdateAt: last?.submitted_at ?? null,
    });
  }
  return items;
}

export async function stopMonitoring(ctx: Context, actor: Actor, id: string): Promise<void> {
  const row = await findMonitoring(ctx.db, id);
  if (!row) throw new AppError('not_found');
  assertInScope(ctx, actor, row.commune_code ?? row.province_code);
  await endMonitoring(ctx.db, id, ctx.clock.now());
  await recordAudit(ctx, actor, { action: 'monitoring.end', subjectType: 'user', subjectId: row.subject_id, unitCode: row.commune_code });
}

/** Puts a contact under monitoring (daily updates) unless already monitored past that end date. */
export async function ensureMonitoring(ctx: Context, actor: Actor, subjectId: string, unit: { provinceCode: string; districtCode: string | null; communeCode: string | null }, endDate: string, reason: string): Promise<void> {
  const today = localToday(ctx);
  const current = await activeMonitoringOf(ctx.db, subjectId, today);
  if (current && current.end_date >= endDate) return;
  await insertMonitoring(ctx.db, {
    id: newId(ctx),
    subject_id: subjectId,
    reason_enc: ctx.cipher.encrypt('monitoring.reason', reason),
    start_date: today,
    end_date: endDate,
    province_code: unit.provinceCode,
    district_code: unit.districtCode,
    commune_code: unit.communeCode,
    created_by: actor.userId,
    created_at: ctx.clock.now(),
    ended_at: null,
  });
}
