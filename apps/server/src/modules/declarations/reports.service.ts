import type { z } from 'zod';
import type { citizenReportInputSchema } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeOf, unitInScope } from '../../http/scope.js';
import { recordAudit, recordPersonalDataRead } from '../audit/index.js';
import { isInHomeProvince, requireUnit, unitTree } from '../units/index.js';
import { findReport, insertReport, listReports as listReportRows, updateReport, type ReportRow } from './declarations.repository.js';
import { declarationScope } from './review.service.js';

type ReportInput = z.infer<typeof citizenReportInputSchema>;

/**
 * A citizen's report ("phản ánh", as NCOVI had): a suspected case, an arrival from an affected area,
 * a place not enforcing check-ins. It goes to the commune's worklist; text and photo are encrypted.
 */
export async function submitReport(ctx: Context, actor: Actor, input: ReportInput): Promise<{ id: string }> {
  const commune = requireUnit(ctx, input.communeCode, 'communeCode');
  if (commune.tier !== 'commune') throw new AppError('commune_required', { field: 'communeCode' });
  if (!isInHomeProvince(ctx, commune.code)) throw new AppError('unit_outside_installation', { field: 'communeCode' });
  const location = unitTree(ctx).locate(commune.code);
  const id = newId(ctx);
  await insertReport(ctx.db, {
    id,
    reporter_id: actor.userId,
    kind: input.kind,
    description_enc: ctx.cipher.encrypt('reports.description', input.description),
    photo_enc: input.photo ? ctx.cipher.encrypt('reports.photo', input.photo) : null,
    lat: input.location?.lat ?? null,
    lon: input.location?.lon ?? null,
    province_code: location?.provinceCode ?? commune.provinceCode,
    district_code: location?.districtCode ?? null,
    commune_code: commune.code,
    status: 'open',
    resolution_enc: null,
    handled_by: null,
    handled_at: null,
    created_at: ctx.clock.now(),
  });
  return { id };
}

function view(ctx: Context, row: ReportRow) {
  return {
    id: row.id,
    kind: row.kind as ReportInput['kind'],
    description: ctx.cipher.decrypt('reports.description', row.description_enc),
    hasPhoto: row.photo_enc !== null,
    location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    communeName: unitTree(ctx).get(row.commune_code)?.name ?? row.commune_code,
    status: row.status as 'open' | 'forwarded' | 'closed',
    resolution: row.resolution_enc ? ctx.cipher.decryptLegacy('reports.resolution', row.resolution_enc) : null,
    createdAt: row.created_at,
  };
}

export async function listReports(ctx: Context, actor: Actor, query: { unit?: string | undefined; status?: 'open' | 'forwarded' | 'closed' | undefined }) {
  const rows = await listReportRows(ctx.db, declarationScope(ctx, actor, query.unit), query.status, 500);
  await recordPersonalDataRead(ctx, actor, rows.map((r) => ({ type: 'citizen_report', id: r.id, unitCode: r.commune_code })), 'reports.worklist');
  return rows.map((r) => view(ctx, r));
}

async function loadInScope(ctx: Context, actor: Actor, id: string): Promise<ReportRow> {
  const row = await findReport(ctx.db, id);
  if (!row) throw new AppError('not_found');
  if (!unitInScope(scopeOf(actor, unitTree(ctx)), row.commune_code, unitTree(ctx))) throw new AppError('out_of_scope');
  return row;
}

/** The photo of a report (a data URL), for the officials of its commune. */
export async function reportPhoto(ctx: Context, actor: Actor, id: string): Promise<{ type: string; data: Buffer }> {
  const row = await loadInScope(ctx, actor, id);
  if (!row.photo_enc) throw new AppError('not_found');
  const url = ctx.cipher.decrypt('reports.photo', row.photo_enc);
  const [head = '', body = ''] = url.split(',');
  await recordPersonalDataRead(ctx, actor, [{ type: 'citizen_report_photo', id, unitCode: row.commune_code }], 'reports.photo');
  return { type: head.slice(5, head.indexOf(';')), data: Buffer.from(body, 'base64') };
}

/** Forwards a report to health officials, or closes it with a reason. */
export async function actOnReport(ctx: Context, actor: Actor, id: string, action: 'forward' | 'close', reason: string): Promise<void> {
  const row = await loadInScope(ctx, actor, id);
  await updateReport(ctx.db, id, { status: action === 'forward' ? 'forwarded' : 'closed', resolution_enc: ctx.cipher.encrypt('reports.resolution', reason), handled_by: actor.userId, handled_at: ctx.clock.now() });
  await recordAudit(ctx, actor, { action: `report.${action}`, subjectType: 'citizen_report', subjectId: id, unitCode: row.commune_code });
}
