import { API_KEY_PERMISSIONS, type ApiKey, type ApiKeyPermission, type apiKeyCreateSchema } from '@phongdich/core';
import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import { newId, securityLog, type Context } from '../../context.js';
import { sha256Hex } from '../../crypto/tokens.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';
import { isInHomeProvince, requireUnit, unitTree } from '../units/index.js';
import { findApiKey, findApiKeyByHash, insertApiKey, listApiKeys, updateApiKey, type ApiKeyRow } from './api-keys.repository.js';

/** A system authenticated by its key, as the request carries it (see http/auth.ts). */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  unitCode: string;
  permissions: ApiKeyPermission[];
}

// pdk_<12 hex: shown in lists>_<43 base64url: 256 random bits>. The prefix lets an administrator tell
// which key a system uses (or which one leaked) without the database holding anything usable.
const KEY_PATTERN = /^pdk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;
// Writing last_used_at on every call would turn every read into a write; once a minute is enough.
const LAST_USED_EVERY_MS = 60_000;

function newSecret(ctx: Context): { secret: string; prefix: string; hash: string } {
  const prefix = Buffer.from(ctx.rng.bytes(6)).toString('hex');
  const secret = `pdk_${prefix}_${Buffer.from(ctx.rng.bytes(32)).toString('base64url')}`;
  return { secret, prefix, hash: sha256Hex(secret) };
}

function permissionsOf(row: ApiKeyRow): ApiKeyPermission[] {
  return (JSON.parse(row.permissions) as string[]).filter((p): p is ApiKeyPermission => (API_KEY_PERMISSIONS as readonly string[]).includes(p));
}

export function apiKeyView(ctx: Context, row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: `pdk_${row.prefix}`,
    unitCode: row.unit_code,
    unitName: unitTree(ctx).get(row.unit_code)?.name ?? row.unit_code,
    permissions: permissionsOf(row),
    status: row.status as ApiKey['status'],
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** An administrator issues a key for a system, bound to a unit and permissions; the secret is answered once. */
export async function createApiKey(ctx: Context, actor: Actor, input: z.infer<typeof apiKeyCreateSchema>): Promise<{ key: ApiKey; secret: string }> {
  requireUnit(ctx, input.unitCode, 'unitCode');
  if (!isInHomeProvince(ctx, input.unitCode)) throw new AppError('unit_outside_installation', { field: 'unitCode' });
  const { secret, prefix, hash } = newSecret(ctx);
  const row: ApiKeyRow = {
    id: newId(ctx),
    name: input.name,
    prefix,
    key_hash: hash,
    unit_code: input.unitCode,
    permissions: JSON.stringify([...new Set(input.permissions)]),
    status: 'active',
    created_by: actor.userId,
    created_at: ctx.clock.now(),
    rotated_at: null,
    revoked_at: null,
    last_used_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertApiKey(trx, row);
    await recordAudit(ctx, actor, { action: 'api_key.create', subjectType: 'api_key', subjectId: row.id, unitCode: row.unit_code, detail: { name: row.name, permissions: input.permissions } }, trx);
  });
  return { key: apiKeyView(ctx, row), secret };
}

export async function listKeys(ctx: Context): Promise<ApiKey[]> {
  return (await listApiKeys(ctx.db)).map((row) => apiKeyView(ctx, row));
}

async function activeKey(ctx: Context, id: string): Promise<ApiKeyRow> {
  const row = await findApiKey(ctx.db, id);
  if (!row) throw new AppError('api_key_not_found');
  if (row.status !== 'active') throw new AppError('api_key_revoked');
  return row;
}

/** A new secret for the same key (same id, scope, webhooks); the old secret stops working at once. */
export async function rotateApiKey(ctx: Context, actor: Actor, id: string): Promise<{ key: ApiKey; secret: string }> {
  const row = await activeKey(ctx, id);
  const { secret, prefix, hash } = newSecret(ctx);
  const changes = { prefix, key_hash: hash, rotated_at: ctx.clock.now() };
  await ctx.db.transaction().execute(async (trx) => {
    await updateApiKey(trx, id, changes);
    await recordAudit(ctx, actor, { action: 'api_key.rotate', subjectType: 'api_key', subjectId: id, unitCode: row.unit_code }, trx);
  });
  return { key: apiKeyView(ctx, { ...row, ...changes }), secret };
}

export async function revokeApiKey(ctx: Context, actor: Actor, id: string): Promise<ApiKey> {
  const row = await findApiKey(ctx.db, id);
  if (!row) throw new AppError('api_key_not_found');
  if (row.status === 'revoked') return apiKeyView(ctx, row);
  const changes = { status: 'revoked', revoked_at: ctx.clock.now() };
  await ctx.db.transaction().execute(async (trx) => {
    await updateApiKey(trx, id, changes);
    await recordAudit(ctx, actor, { action: 'api_key.revoke', subjectType: 'api_key', subjectId: id, unitCode: row.unit_code }, trx);
  });
  return apiKeyView(ctx, { ...row, ...changes });
}

/**
 * The system behind `Authorization: Bearer <key>`, if the key is valid and holds the permission the route
 * needs. Unknown, revoked and rotated-away keys all answer api_key_invalid; a valid key without the
 * permission answers forbidden. Refusals go to the security log with the reason only.
 */
export async function authenticateApiKey(ctx: Context, authorization: string | undefined, permission: ApiKeyPermission, requestId: string): Promise<ApiKeyPrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const key = match?.[1] ?? '';
  const row = KEY_PATTERN.test(key) ? await findApiKeyByHash(ctx.db, sha256Hex(key)) : undefined;
  if (!row || row.status !== 'active') {
    securityLog(ctx).info({ reqId: requestId, reason: row ? 'api_key_revoked' : 'api_key_unknown' }, 'request refused');
    throw new AppError('api_key_invalid', { headers: { 'www-authenticate': 'Bearer realm="phongdich"' } });
  }
  const permissions = permissionsOf(row);
  if (!permissions.includes(permission)) {
    securityLog(ctx).info({ reqId: requestId, reason: 'api_key_permission', keyPrefix: row.prefix, permission }, 'request refused');
    throw new AppError('forbidden');
  }
  const now = ctx.clock.now();
  if (row.last_used_at === null || now - row.last_used_at > LAST_USED_EVERY_MS) await updateApiKey(ctx.db, row.id, { last_used_at: now });
  return { id: row.id, name: row.name, unitCode: row.unit_code, permissions };
}

/** Names of keys by id, for lists. */
export async function keyNames(ctx: Context): Promise<Map<string, string>> {
  return new Map((await listApiKeys(ctx.db)).map((k) => [k.id, k.name]));
}
