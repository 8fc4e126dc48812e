import type { Declaration, DeclarationKind, DeclarationQuery, DeclarationSummary } from '@phongdich/core';
import { foldVietnamese } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeCondition, scopeOf, unitInScope } from '../../http/scope.js';
import { recordPersonalDataRead } from '../audit/index.js';
import { requireUnit, unitTree } from '../units/index.js';
import { findDeclaration, listDeclarations as listRows, type DeclarationRow } from './declarations.repository.js';
import { normalizeIdNumber } from './declarations.rules.js';
import { openRecord } from './declarations.service.js';

const COLUMNS = { province: 'province_code', district: 'district_code', commune: 'commune_code' };
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS;
}

/** The scope condition of an official, narrowed to a unit inside it when asked. */
export function declarationScope(ctx: Context, actor: Actor, unitCode: string | undefined) {
  const tree = unitTree(ctx);
  const scope = scopeOf(actor, tree);
  if (!unitCode) return scopeCondition(scope, COLUMNS);
  const unit = requireUnit(ctx, unitCode, 'unit');
  if (!unitInScope(scope, unit.code, tree)) throw new AppError('out_of_scope', { field: 'unit' });
  return scopeCondition({ kind: 'unit', unitCode: unit.code, tier: unit.tier, sector: null }, COLUMNS);
}

export function summaryOf(ctx: Context, row: DeclarationRow, declaration: Declaration): DeclarationSummary {
  return {
    id: row.id,
    kind: row.kind as DeclarationKind,
    formVersion: row.form_version,
    submittedAt: row.submitted_at,
    flagged: row.flagged === 1,
    flagReasons: JSON.parse(row.flag_reasons) as string[],
    fullName: declaration.person.fullName,
    phone: declaration.person.phone ?? null,
    communeCode: row.commune_code,
    communeName: row.commune_code ? (unitTree(ctx).get(row.commune_code)?.name ?? row.commune_code) : '',
  };
}

/**
 * Officials' search of declarations in their area. Name, phone and ID number are found through
 * keyed indexes (exact match), never by decrypting and scanning; every declaration shown is audited.
 */
export async function searchDeclarations(ctx: Context, actor: Actor, query: DeclarationQuery): Promise<{ items: DeclarationSummary[]; total: number }> {
  const { rows, total } = await listRows(ctx.db, {
    where: [declarationScope(ctx, actor, query.unit)],
    kind: query.kind,
    flagged: query.flagged === undefined ? undefined : query.flagged === 'true',
    from: query.from ? dayStart(query.from) : undefined,
    to: query.to ? dayStart(query.to) + 86_400_000 : undefined,
    nameIndex: query.name ? ctx.cipher.blindIndex('name', foldVietnamese(query.name)) : undefined,
    phoneIndex: query.phone ? ctx.cipher.blindIndex('phone', query.phone) : undefined,
    idNumberIndex: query.idNumber ? ctx.cipher.blindIndex('id_number', normalizeIdNumber(query.idNumber)) : undefined,
    limit: query.limit ?? 50,
    offset: query.offset ?? 0,
  });
  const items = rows.map((row) => summaryOf(ctx, row, openRecord(ctx, row)));
  await recordPersonalDataRead(ctx, actor, rows.map((r) => ({ type: 'declaration', id: r.id, unitCode: r.commune_code })), 'declarations.search');
  return { items, total };
}

/** One declaration in full, for an official of its area; the view is audited. */
export async function readDeclaration(ctx: Context, actor: Actor, id: string): Promise<{ summary: DeclarationSummary; declaration: Declaration }> {
  const row = await findDeclaration(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const scope = scopeOf(actor, unitTree(ctx));
  if (!unitInScope(scope, row.commune_code ?? row.province_code, unitTree(ctx))) throw new AppError('out_of_scope');
  const declaration = openRecord(ctx, row);
  await recordPersonalDataRead(ctx, actor, [{ type: 'declaration', id: row.id, unitCode: row.commune_code }], 'declarations.read');
  return { summary: summaryOf(ctx, row, declaration), declaration };
}
