import type { Language } from '@phongdich/core';
import { newId, securityLog, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { enqueueMessage } from '../messaging/index.js';
import type { TemplateName } from '../messaging/messaging.templates.js';
import { countRecentOtps, findLatestOtp, insertOtp, updateOtp } from './accounts.repository.js';
import { phoneIndex } from './citizens.js';

// The digest is keyed: six digits are easy to brute-force from a plain hash of a stolen table.
function codeDigest(ctx: Context, challengeId: string, code: string): string {
  return ctx.cipher.blindIndex('otp', `${challengeId}:${code}`);
}

export interface PhoneCodeRequest {
  phone: string;
  /** What the code confirms: signing in, or a visit recorded by staff. */
  purpose: 'sign_in' | 'visit';
  template: TemplateName;
  lang: Language;
  vars: Record<string, string | number>;
}

/** Sends a 6-digit code by SMS (through the outbox); a few per phone per hour, whatever the purpose. */
export async function sendPhoneCode(ctx: Context, request: PhoneCodeRequest, requestId: string): Promise<{ expiresInSeconds: number }> {
  const index = phoneIndex(ctx, request.phone);
  const now = ctx.clock.now();
  if ((await countRecentOtps(ctx.db, index, now - 3_600_000)) >= ctx.config.otpPerPhonePerHour) {
    securityLog(ctx).info({ reqId: requestId, reason: 'otp_quota' }, 'phone code refused');
    throw new AppError('rate_limited');
  }
  const code = String(ctx.rng.int(1_000_000)).padStart(6, '0');
  const id = newId(ctx);
  const minutes = Math.round(ctx.config.otpTtlMs / 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    await insertOtp(trx, { id, phone_index: index, code_hash: codeDigest(ctx, id, code), purpose: request.purpose, attempts: 0, created_at: now, expires_at: now + ctx.config.otpTtlMs, consumed_at: null });
    await enqueueMessage(ctx, { channel: 'sms', recipient: request.phone, template: request.template, language: request.lang, vars: { ...request.vars, code, minutes }, dedupeKey: `otp:${id}` }, trx);
  });
  return { expiresInSeconds: Math.round(ctx.config.otpTtlMs / 1000) };
}

/** Checks and uses up the latest code sent to a phone for a purpose; throws when it does not match. */
export async function checkPhoneCode(ctx: Context, phone: string, purpose: PhoneCodeRequest['purpose'], code: string, requestId: string): Promise<void> {
  const challenge = await findLatestOtp(ctx.db, phoneIndex(ctx, phone), purpose);
  const now = ctx.clock.now();
  if (!challenge || challenge.expires_at <= now) throw new AppError('otp_expired', { field: 'code' });
  if (challenge.attempts >= ctx.config.otpMaxAttempts) throw new AppError('otp_too_many_attempts', { field: 'code' });
  if (challenge.code_hash !== codeDigest(ctx, challenge.id, code)) {
    await updateOtp(ctx.db, challenge.id, { attempts: challenge.attempts + 1 });
    securityLog(ctx).info({ reqId: requestId, reason: 'otp_mismatch' }, 'phone code refused');
    throw new AppError('otp_invalid', { field: 'code' });
  }
  await updateOtp(ctx.db, challenge.id, { consumed_at: now });
}
