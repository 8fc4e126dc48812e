import type { Language } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, securityLog, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';
import { enqueueMessage } from '../messaging/index.js';
import {
  countRecentOtps,
  deleteSessionsOfUser,
  findLatestOtp,
  findUserById,
  findUserByUsername,
  insertOtp,
  updateOtp,
  updateUser,
  type UserRow,
} from './accounts.repository.js';
import { afterFailedLogin, isLocked } from './accounts.rules.js';
import { findOrCreateCitizenByPhone, phoneIndex } from './citizens.js';
import { issueSession, type IssuedSession } from './sessions.js';

// Verifying against a fixed hash when the username is unknown keeps the answer time the same,
// so response times do not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

export async function login(ctx: Context, username: string, password: string, requestId: string): Promise<IssuedSession & { user: UserRow }> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user?.password_hash) {
    dummyHash ??= ctx.passwords.hash('not-a-real-password-0');
    await ctx.passwords.verify(await dummyHash, password);
    securityLog(ctx).info({ reqId: requestId, reason: 'unknown_username' }, 'login refused');
    throw new AppError('invalid_credentials');
  }
  const now = ctx.clock.now();
  if (isLocked(user.locked_until, now)) throw new AppError('account_locked');
  if (!(await ctx.passwords.verify(user.password_hash, password))) {
    const next = afterFailedLogin({ failedLogins: user.failed_logins, lockedUntil: user.locked_until }, now, {
      maxFailures: ctx.config.loginMaxFailures,
      lockMs: ctx.config.loginLockMs,
    });
    await updateUser(ctx.db, user.id, { failed_logins: next.failedLogins, locked_until: next.lockedUntil });
    securityLog(ctx).info({ reqId: requestId, userId: user.id, reason: next.lockedNow ? 'locked' : 'wrong_password' }, 'login refused');
    throw new AppError(next.lockedNow ? 'account_locked' : 'invalid_credentials');
  }
  if (user.status !== 'active') throw new AppError('account_disabled');
  await updateUser(ctx.db, user.id, { failed_logins: 0, locked_until: null, last_login_at: now });
  const session = await issueSession(ctx, user.id, ctx.config.sessionIdleMs);
  return { ...session, user };
}

export async function changePassword(
  ctx: Context,
  actor: Actor,
  sessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user?.password_hash) throw new AppError('forbidden');
  if (!(await ctx.passwords.verify(user.password_hash, currentPassword))) {
    throw new AppError('current_password_incorrect', { field: 'currentPassword' });
  }
  const hash = await ctx.passwords.hash(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: hash, must_change_password: 0, updated_at: ctx.clock.now() });
    // Other devices signed in with the old password are signed out.
    await deleteSessionsOfUser(trx, user.id, sessionId);
    await recordAudit(ctx, actor, { action: 'account.password_change', subjectType: 'user', subjectId: user.id }, trx);
  });
}

function otpDigest(ctx: Context, challengeId: string, code: string): string {
  return ctx.cipher.blindIndex('otp', `${challengeId}:${code}`);
}

/** Sends a 6-digit sign-in code by SMS (through the outbox); a few per phone per hour. */
export async function requestSignInCode(ctx: Context, phone: string, lang: Language, requestId: string): Promise<{ expiresInSeconds: number }> {
  const index = phoneIndex(ctx, phone);
  const now = ctx.clock.now();
  if ((await countRecentOtps(ctx.db, index, now - 3_600_000)) >= ctx.config.otpPerPhonePerHour) {
    securityLog(ctx).info({ reqId: requestId, reason: 'otp_quota' }, 'sign-in code refused');
    throw new AppError('rate_limited');
  }
  const code = String(ctx.rng.int(1_000_000)).padStart(6, '0');
  const id = newId(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await insertOtp(trx, {
      id,
      phone_index: index,
      code_hash: otpDigest(ctx, id, code),
      purpose: 'sign_in',
      attempts: 0,
      created_at: now,
      expires_at: now + ctx.config.otpTtlMs,
      consumed_at: null,
    });
    await enqueueMessage(
      ctx,
      { channel: 'sms', recipient: phone, template: 'sign_in_code', language: lang, vars: { code, minutes: Math.round(ctx.config.otpTtlMs / 60_000) }, dedupeKey: `otp:${id}` },
      trx,
    );
  });
  return { expiresInSeconds: Math.round(ctx.config.otpTtlMs / 1000) };
}

/** Checks a sign-in code; on success signs the citizen in, creating the account on first use. */
export async function verifySignInCode(ctx: Context, phone: string, code: string, requestId: string): Promise<IssuedSession & { user: UserRow }> {
  const index = phoneIndex(ctx, phone);
  const now = ctx.clock.now();
  const challenge = await findLatestOtp(ctx.db, index, 'sign_in');
  if (!challenge || challenge.expires_at <= now) throw new AppError('otp_expired', { field: 'code' });
  if (challenge.attempts >= ctx.config.otpMaxAttempts) throw new AppError('otp_too_many_attempts', { field: 'code' });
  if (challenge.code_hash !== otpDigest(ctx, challenge.id, code)) {
    await updateOtp(ctx.db, challenge.id, { attempts: challenge.attempts + 1 });
    securityLog(ctx).info({ reqId: requestId, reason: 'otp_mismatch' }, 'sign-in code refused');
    throw new AppError('otp_invalid', { field: 'code' });
  }
  return ctx.db.transaction().execute(async (trx) => {
    await updateOtp(trx, challenge.id, { consumed_at: now });
    const user = await findOrCreateCitizenByPhone(ctx, phone, trx);
    if (user.status !== 'active') throw new AppError('account_disabled');
    await updateUser(trx, user.id, { last_login_at: now });
    const session = await issueSession(ctx, user.id, ctx.config.citizenSessionMs, trx);
    return { ...session, user };
  });
}
