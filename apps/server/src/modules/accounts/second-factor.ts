import type { Role } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { securityLog, type Context } from '../../context.js';
import { sha256Hex } from '../../crypto/tokens.js';
import { base32Decode, base32Encode, matchTotp, otpauthUrl } from '../../crypto/totp.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';
import { findUserById, updateUser, type UserRow } from './accounts.repository.js';
import { forgetSessions } from './sessions.js';

/**
 * Optional second factor for accounts that sign in with a password (PRODUCT.md §11): a TOTP secret
 * from an authenticator app, and ten single-use recovery codes for a lost phone. Both live in
 * users.totp_secret_enc, encrypted: the secret in clear would let a stolen database copy make codes,
 * and the recovery codes are kept only as hashes.
 */
interface SecondFactor {
  secret: string;
  /** SHA-256 of each recovery code not used yet. */
  recovery: string[];
}

const PURPOSE = 'users.totp_secret';
const RECOVERY_CODES = 10;

function sealed(ctx: Context, factor: SecondFactor): string {
  return ctx.cipher.encrypt(PURPOSE, JSON.stringify(factor));
}

function opened(ctx: Context, user: UserRow): SecondFactor | null {
  return user.totp_secret_enc ? (JSON.parse(ctx.cipher.decrypt(PURPOSE, user.totp_secret_enc)) as SecondFactor) : null;
}

const normalised = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

async function passwordAccount(ctx: Context, actor: Actor): Promise<UserRow> {
  const user = await findUserById(ctx.db, actor.userId);
  // Citizens sign in with a code sent to their phone: that is already a second factor.
  if (!user?.password_hash) throw new AppError('forbidden');
  return user;
}

/**
 * Whether the account's role must use a second factor (TOTP_REQUIRED_ROLES). Password accounts only:
 * phone accounts never, their sign-in code is a second factor already.
 */
export function secondFactorRequired(ctx: Context, user: UserRow): boolean {
  return user.password_hash !== null && ctx.config.totpRequiredRoles.includes(user.role as Role);
}

/**
 * Whether the account must turn the second factor on before anything else: required for its role and
 * not confirmed. Until then its session opens only its own account set-up (http/auth.ts).
 */
export function mustEnrolSecondFactor(ctx: Context, user: UserRow): boolean {
  return user.totp_enabled_at === null && secondFactorRequired(ctx, user);
}

/** Starts enrolment: a new secret, shown once as a QR code and as text; not active until confirmed. */
export async function startTotpEnrolment(ctx: Context, actor: Actor): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const user = await passwordAccount(ctx, actor);
  if (user.totp_enabled_at !== null) throw new AppError('totp_already_enabled');
  const secret = base32Encode(ctx.rng.bytes(20));
  await updateUser(ctx.db, user.id, { totp_secret_enc: sealed(ctx, { secret, recovery: [] }), totp_last_step: null });
  const url = otpauthUrl('PhongDich', user.username ?? user.id, secret);
  const { default: QRCode } = await import('qrcode');
  return { secret, otpauthUrl: url, qrSvg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
}

/** Confirms enrolment with a code from the app; answers the recovery codes, which are never shown again. */
export async function confirmTotpEnrolment(ctx: Context, actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
  const user = await passwordAccount(ctx, actor);
  const factor = opened(ctx, user);
  if (!factor || user.totp_enabled_at !== null) throw new AppError('totp_not_started');
  const step = matchTotp(base32Decode(factor.secret), code, ctx.clock.now(), null);
  if (step === null) throw new AppError('totp_invalid', { field: 'code' });
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = base32Encode(ctx.rng.bytes(7)).slice(0, 10).toLowerCase();
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_secret_enc: sealed(ctx, { secret: factor.secret, recovery: recoveryCodes.map((c) => sha256Hex(normalised(c))) }), totp_enabled_at: ctx.clock.now(), totp_last_step: step });
    await recordAudit(ctx, actor, { action: 'account.totp_enabled', subjectType: 'user', subjectId: user.id }, trx);
  });
  // Sessions cache the account: the next request must see the factor on (and, for a required role, be let through).
  forgetSessions(ctx);
  return { recoveryCodes };
}

/**
 * Checks the second factor at sign-in: a current code from the app, or an unused recovery code
 * (which is then spent). True when accepted; the caller counts a refusal as a failed sign-in.
 */
export async function checkSecondFactor(ctx: Context, user: UserRow, code: string, requestId: string): Promise<boolean> {
  const factor = opened(ctx, user);
  if (!factor) return true;
  const step = matchTotp(base32Decode(factor.secret), code, ctx.clock.now(), user.totp_last_step);
  if (step !== null) {
    await updateUser(ctx.db, user.id, { totp_last_step: step });
    return true;
  }
  const hash = sha256Hex(normalised(code));
  if (factor.recovery.includes(hash)) {
    await updateUser(ctx.db, user.id, { totp_secret_enc: sealed(ctx, { ...factor, recovery: factor.recovery.filter((h) => h !== hash) }) });
    securityLog(ctx).info({ reqId: requestId, userId: user.id, left: factor.recovery.length - 1 }, 'recovery code used');
    return true;
  }
  return false;
}

/** Turns the second factor off; needs the password and a current code (or a recovery code). */
export async function disableTotp(ctx: Context, actor: Actor, password: string, code: string, requestId: string): Promise<void> {
  const user = await passwordAccount(ctx, actor);
  if (user.totp_enabled_at === null) throw new AppError('totp_not_started');
  if (!(await ctx.passwords.verify(user.password_hash as string, password))) throw new AppError('current_password_incorrect', { field: 'password' });
  if (!(await checkSecondFactor(ctx, user, code, requestId))) throw new AppError('totp_invalid', { field: 'code' });
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null });
    await recordAudit(ctx, actor, { action: 'account.totp_disabled', subjectType: 'user', subjectId: user.id }, trx);
  });
  // As after enrolment: for a required role, the account is restricted to enrolment again from the next request.
  forgetSessions(ctx);
}
