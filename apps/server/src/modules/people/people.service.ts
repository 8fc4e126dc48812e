import { maskName, PERSONAL_QR_PREFIX, type PersonalQr } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { securityLog, type Context } from '../../context.js';
import { decodeSignedId, encodeSignedId } from '../../crypto/signed-id.js';
import { AppError } from '../../http/errors.js';
import { labelsOf } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { renderPersonalCard } from './personal-card.js';
import { bumpPersonalQr, findPersonalQr, insertPersonalQr } from './people.repository.js';

const PURPOSE = 'person1';

async function currentVersion(ctx: Context, userId: string): Promise<number> {
  const existing = await findPersonalQr(ctx.db, userId);
  if (existing) return existing.version;
  const now = ctx.clock.now();
  await insertPersonalQr(ctx.db, { user_id: userId, version: 1, created_at: now, updated_at: now });
  return (await findPersonalQr(ctx.db, userId))?.version ?? 1;
}

/** The person's personal QR: one per person, created on first use. */
export async function personalQr(ctx: Context, userId: string): Promise<PersonalQr> {
  const version = await currentVersion(ctx, userId);
  const label = (await labelsOf(ctx, [userId])).get(userId);
  return { token: PERSONAL_QR_PREFIX + encodeSignedId(ctx.keyring.signingKey, PURPOSE, userId, version), version, displayName: maskName(label?.displayName ?? '') };
}

/** Replaces the personal QR (a lost card, a shared screenshot): every older code stops working. */
export async function replacePersonalQr(ctx: Context, actor: Actor): Promise<PersonalQr> {
  await currentVersion(ctx, actor.userId);
  await bumpPersonalQr(ctx.db, actor.userId, ctx.clock.now());
  await recordAudit(ctx, actor, { action: 'personal_qr.replace', subjectType: 'user', subjectId: actor.userId });
  return personalQr(ctx, actor.userId);
}

/** The person a scanned personal QR names; refuses forged codes and replaced versions. */
export async function resolvePersonalToken(ctx: Context, token: string, requestId: string | null): Promise<string> {
  const body = token.startsWith(PERSONAL_QR_PREFIX) ? token.slice(PERSONAL_QR_PREFIX.length) : token;
  const decoded = decodeSignedId(ctx.keyring.signingKey, PURPOSE, body);
  if (!decoded) {
    securityLog(ctx).info({ reqId: requestId, reason: 'personal_qr_forged' }, 'personal QR refused');
    throw new AppError('personal_qr_invalid', { field: 'personalToken' });
  }
  const row = await findPersonalQr(ctx.db, decoded.id);
  if (!row) throw new AppError('personal_qr_invalid', { field: 'personalToken' });
  if (row.version !== decoded.version) throw new AppError('personal_qr_revoked', { field: 'personalToken' });
  return decoded.id;
}

/** The printable card of a person's QR (for people without smartphones). */
export async function personalCard(ctx: Context, userId: string): Promise<Buffer> {
  const qr = await personalQr(ctx, userId);
  const label = (await labelsOf(ctx, [userId])).get(userId);
  return renderPersonalCard({ token: qr.token, name: qr.displayName, phoneMasked: label?.phoneMasked ?? null });
}
