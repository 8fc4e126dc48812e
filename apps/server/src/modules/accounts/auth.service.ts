import type { Language } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { securityLog, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';
import { deleteSessionsOfUser, findUserById, findUserByUsername, updateUser, type UserRow } from './accounts.repository.js';
import { afterFailedLogin, isLocked } from './accounts.rules.js';
import { findOrCreateCitizenByPhone } from './citizens.js';
import { checkPhoneCode, sendPhoneCode } from './phone-codes.js';
import { forgetSessions, issueSession, type IssuedSession } from './sessions.js';
import { checkSecondFactor } from './second-factor.js';

// Verifying against a fixed hash when the username is unknown keeps the answer time the same,
// so response times do not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

export async function login(ctx: Context, username: string, password: string, requestId: string, code?: string): Promise<IssuedSession & { user: UserRow }> {
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
  if (user.totp_enabled_at !== null) {
    if (!code) throw new AppError('totp_required', { field: 'code' });
    if (!(await checkSecondFactor(ctx, user, code, requestId))) {
      // A wrong second factor counts like a wrong password: guessing codes ends in the same lockout.
      const next = afterFailedLogin({ failedLogins: user.failed_logins, lockedUntil: user.locked_until }, now, { maxFailures: ctx.config.loginMaxFailures, lockMs: ctx.config.loginLockMs });
      await updateUser(ctx.db, user.id, { failed_logins: next.failedLogins, locked_until: next.lockedUntil });
      securityLog(ctx).info({ reqId: requestId, userId: user.id, reason: next.lockedNow ? 'locked' : 'wrong_second_factor' }, 'login refused');
      throw new AppError(next.lockedNow ? 'account_locked' : 'totp_invalid', { field: 'code' });
    }
  }
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
  forgetSessions(ctx);
}

/** Sends a 6-digit sign-in code by SMS (through the outbox); a few per phone per hour. */
export function requestSignInCode(ctx: Context, phone: string, lang: Language, requestId: string): Promise<{ expiresInSeconds: number }> {
  return sendPhoneCode(ctx, { phone, purpose: 'sign_in', template: 'sign_in_code', lang, vars: {} }, requestId);
}

/** Checks a sign-in code; on success signs the citizen in, creating the account on first use. */
export async function verifySignInCode(ctx: Context, phone: string, code: string, requestId: string): Promise<IssuedSession & { user: UserRow }> {
  await checkPhoneCode(ctx, phone, 'sign_in', code, requestId);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findOrCreateCitizenByPhone(ctx, phone, trx);
    if (user.status !== 'active') throw new AppError('account_disabled');
    await updateUser(trx, user.id, { last_login_at: ctx.clock.now() });
    const session = await issueSession(ctx, user.id, ctx.config.citizenSessionMs, trx);
    return { ...session, user };
  });
}
