import type { siteInputSchema, siteSchema } from '@phongdich/core';
import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { assertUnitInScope, scopeOf } from '../../http/scope.js';
import { recordAudit } from '../audit/index.js';
import { checkLocation, requireUnit, unitTree } from '../units/index.js';

type SiteInput = z.infer<typeof siteInputSchema>;
type Site = z.infer<typeof siteSchema>;
type SiteRow = NonNullable<Awaited<ReturnType<typeof findSite>>>;

function findSite(ctx: Context, id: string) {
  return ctx.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

function toSite(ctx: Context, row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Site['kind'],
    communeCode: row.commune_code,
    communeName: unitTree(ctx).get(row.commune_code)?.name ?? row.commune_code,
    address: row.address,
    location: { lat: row.lat, lon: row.lon },
    openingHours: row.opening_hours,
    phone: row.phone,
    capacity: row.capacity,
  };
}

function checkSite(ctx: Context, actor: Actor, input: SiteInput) {
  const commune = requireUnit(ctx, input.communeCode, 'communeCode');
  if (commune.tier !== 'commune') throw new AppError('commune_required', { field: 'communeCode' });
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), commune.code, unitTree(ctx));
  const where = checkLocation(ctx, commune.code, input.location.lat, input.location.lon);
  if (where === 'outside_vietnam') throw new AppError('location_outside_vietnam', { field: 'location' });
  if (where === 'outside_province') throw new AppError('location_outside_province', { field: 'location' });
  return { commune, located: unitTree(ctx).locate(commune.code) };
}

export async function createSite(ctx: Context, actor: Actor, input: SiteInput): Promise<Site> {
  const { commune, located } = checkSite(ctx, actor, input);
  const now = ctx.clock.now();
  const row: SiteRow = {
    id: newId(ctx),
    name: input.name,
    kind: input.kind,
    province_code: located?.provinceCode ?? ctx.config.homeUnit,
    district_code: located?.districtCode ?? null,
    commune_code: commune.code,
    address: input.address,
    lat: input.location.lat,
    lon: input.location.lon,
    opening_hours: input.openingHours ?? null,
    phone: input.phone ?? null,
    capacity: input.capacity ?? null,
    active: 1,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.insertInto('sites').values(row).execute();
  await recordAudit(ctx, actor, { action: 'site.create', subjectType: 'site', subjectId: row.id, unitCode: commune.code });
  return toSite(ctx, row);
}

export async function updateSite(ctx: Context, actor: Actor, id: string, changes: Partial<SiteInput>): Promise<Site> {
  const current = await findSite(ctx, id);
  if (!current || current.active !== 1) throw new AppError('not_found');
  const merged: SiteInput = { ...toSite(ctx, current), ...changes, openingHours: changes.openingHours ?? current.opening_hours ?? undefined, phone: changes.phone ?? current.phone ?? undefined, capacity: changes.capacity ?? current.capacity ?? undefined };
  const { commune } = checkSite(ctx, actor, merged);
  await ctx.db
    .updateTable('sites')
    .set({ name: merged.name, kind: merged.kind, commune_code: commune.code, address: merged.address, lat: merged.location.lat, lon: merged.location.lon, opening_hours: merged.openingHours ?? null, phone: merged.phone ?? null, capacity: merged.capacity ?? null, updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .execute();
  await recordAudit(ctx, actor, { action: 'site.update', subjectType: 'site', subjectId: id, unitCode: commune.code });
  return toSite(ctx, (await findSite(ctx, id)) as SiteRow);
}

export async function removeSite(ctx: Context, actor: Actor, id: string): Promise<void> {
  const current = await findSite(ctx, id);
  if (!current || current.active !== 1) throw new AppError('not_found');
  assertUnitInScope(scopeOf(actor, unitTree(ctx)), current.commune_code, unitTree(ctx));
  await ctx.db.updateTable('sites').set({ active: 0, updated_at: ctx.clock.now() }).where('id', '=', id).execute();
  await recordAudit(ctx, actor, { action: 'site.remove', subjectType: 'site', subjectId: id, unitCode: current.commune_code });
}

export async function activeSites(ctx: Context): Promise<Site[]> {
  const rows = await ctx.db.selectFrom('sites').selectAll().where('active', '=', 1).orderBy('name').execute();
  return rows.map((r) => toSite(ctx, r));
}
