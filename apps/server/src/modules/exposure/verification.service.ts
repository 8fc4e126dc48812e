import { localDateOf, type ExposureCodeInput, type ExposureCodeIssued, type ExposureCodeListItem, type ExposureTestType, type ExposureVerifyResponse } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, securityLog, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeCondition, scopeOf } from '../../http/scope.js';
import { labelsOf } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { caseCodesOf, caseForExposureCode, type CaseForExposure } from '../cases/index.js';
import { unitTree } from '../units/index.js';
import { signCertificate } from './certificates.js';
import {
  LONG_CODE_ALPHABET_SIZE,
  LONG_CODE_TTL_MS,
  SHORT_CODE_TTL_MS,
  TOKEN_TTL_MS,
  dayInterval,
  keysFrom,
  longCodeOf,
  normalizeCode,
  shortCodeOf,
} from './exposure.rules.js';
import { claimCode, claimToken, codeByHash, insertCode, insertToken, listCodes, tokenByHash, type CodeRow } from './exposure.repository.js';

const CODE_COLUMNS = { province: 'exposure_codes.province_code', district: 'exposure_codes.district_code', commune: 'exposure_codes.commune_code' };
const DAY_MS = 86_400_000;

// Codes and tokens are kept only as keyed hashes: a copy of the database cannot be used to upload keys.
const codeHash = (ctx: Context, code: string) => ctx.cipher.blindIndex('exposure.code', code);
const tokenHash = (ctx: Context, token: string) => ctx.cipher.blindIndex('exposure.token', token);

function unitsOf(ctx: Context, actor: Actor, found: CaseForExposure | null) {
  if (found) return { province_code: found.provinceCode, district_code: found.districtCode, commune_code: found.communeCode };
  const located = actor.unitCode ? unitTree(ctx).locate(actor.unitCode) : undefined;
  return { province_code: located?.provinceCode ?? ctx.config.homeUnit, district_code: located?.districtCode ?? null, commune_code: located?.communeCode ?? null };
}

/**
 * A health official issues a one-time code for a confirmed (or clinically diagnosed) case: an 8-digit code
 * valid 15 minutes and a 16-character link code valid 24 hours; either one works, once. Shown once, stored hashed.
 */
export async function issueCode(ctx: Context, actor: Actor, input: ExposureCodeInput): Promise<ExposureCodeIssued> {
  const today = localDateOf(ctx.clock.now());
  for (const field of ['symptomDate', 'testDate'] as const) if ((input[field] ?? '') > today) throw new AppError('date_in_future', { field });
  const found = input.caseId ? await caseForExposureCode(ctx, actor, input.caseId) : null;
  const now = ctx.clock.now();
  for (let attempt = 0; ; attempt++) {
    const shortCode = shortCodeOf(ctx.rng.int(100_000_000));
    const longCode = longCodeOf(Array.from({ length: 16 }, () => ctx.rng.int(LONG_CODE_ALPHABET_SIZE)));
    const row: CodeRow = {
      id: newId(ctx),
      short_hash: codeHash(ctx, shortCode),
      long_hash: codeHash(ctx, longCode),
      short_expires_at: now + SHORT_CODE_TTL_MS,
      long_expires_at: now + LONG_CODE_TTL_MS,
      test_type: input.testType,
      symptom_date: input.symptomDate ?? found?.onsetDate ?? null,
      test_date: input.testDate ?? found?.testDate ?? null,
      case_id: found?.id ?? null,
      ...unitsOf(ctx, actor, found),
      issued_by: actor.userId,
      issued_at: now,
      used_at: null,
    };
    try {
      await insertCode(ctx.db, row);
    } catch (error) {
      // A live code with the same digits (1 in 10^8 per live code): draw again.
      if (attempt < 5) continue;
      throw error;
    }
    await recordAudit(ctx, actor, { action: 'exposure.code_issued', subjectType: found ? 'case' : 'exposure_code', subjectId: found?.id ?? row.id, unitCode: row.commune_code ?? row.province_code, detail: { codeId: row.id, testType: input.testType } });
    return { id: row.id, shortCode, shortExpiresAt: row.short_expires_at, longCode, longExpiresAt: row.long_expires_at, link: `${ctx.config.baseUrl}/bluezone?code=${longCode}`, caseCode: found?.code ?? null };
  }
}

function stateOf(row: CodeRow, now: number): ExposureCodeListItem['state'] {
  if (row.used_at !== null) return 'used';
  return row.long_expires_at <= now ? 'expired' : 'unused';
}

/** Codes issued in the official's area in the last 14 days (no code itself: those were shown once). */
export async function listIssuedCodes(ctx: Context, actor: Actor): Promise<{ items: ExposureCodeListItem[] }> {
  const now = ctx.clock.now();
  const rows = await listCodes(ctx.db, scopeCondition(scopeOf(actor, unitTree(ctx)), CODE_COLUMNS), now - 14 * DAY_MS, 200);
  const issuers = await labelsOf(ctx, [...new Set(rows.map((r) => r.issued_by))]);
  const cases = await caseCodesOf(ctx, rows.flatMap((r) => (r.case_id ? [r.case_id] : [])));
  return {
    items: rows.map((r) => ({
      id: r.id,
      issuedAt: r.issued_at,
      issuedBy: issuers.get(r.issued_by)?.displayName ?? '—',
      caseCode: r.case_id ? (cases.get(r.case_id) ?? null) : null,
      testType: r.test_type as ExposureTestType,
      state: stateOf(r, now),
      longExpiresAt: r.long_expires_at,
      usedAt: r.used_at,
    })),
  };
}

function refuse(ctx: Context, code: 'exposure_code_invalid' | 'exposure_code_expired' | 'exposure_code_used' | 'exposure_token_invalid', field: string): AppError {
  securityLog(ctx).info({ reason: code }, 'exposure verification refused');
  return new AppError(code, { field });
}

/** Step 1 of the verification protocol: a code becomes a token, once. */
export async function verifyCode(ctx: Context, input: string): Promise<ExposureVerifyResponse> {
  const normalized = normalizeCode(input);
  if (!normalized) throw refuse(ctx, 'exposure_code_invalid', 'code');
  const row = await codeByHash(ctx.db, normalized.kind, codeHash(ctx, normalized.code));
  if (!row) throw refuse(ctx, 'exposure_code_invalid', 'code');
  const now = ctx.clock.now();
  if (row.used_at !== null) throw refuse(ctx, 'exposure_code_used', 'code');
  if ((normalized.kind === 'short' ? row.short_expires_at : row.long_expires_at) <= now) throw refuse(ctx, 'exposure_code_expired', 'code');
  if (!(await claimCode(ctx.db, row.id, now))) throw refuse(ctx, 'exposure_code_used', 'code');
  const token = Buffer.from(ctx.rng.bytes(32)).toString('base64url');
  const expiresAt = now + TOKEN_TTL_MS;
  await insertToken(ctx.db, { token_hash: tokenHash(ctx, token), code_id: row.id, test_type: row.test_type, symptom_date: row.symptom_date, test_date: row.test_date, case_id: row.case_id, expires_at: expiresAt, used_at: null });
  return {
    token,
    testType: row.test_type as ExposureTestType,
    symptomDate: row.symptom_date,
    testDate: row.test_date,
    keysFrom: keysFrom({ symptomDate: row.symptom_date, testDate: row.test_date }, ctx.config.infectiousDaysBefore, now),
    expiresAt,
  };
}

/** Step 2: the token and the HMAC of the keys become a signed certificate, once. The keys are never seen here. */
export async function issueCertificate(ctx: Context, token: string, ekeyhmac: string): Promise<{ certificate: string; expiresAt: number }> {
  const hash = tokenHash(ctx, token);
  const row = await tokenByHash(ctx.db, hash);
  const now = ctx.clock.now();
  if (!row || row.used_at !== null || row.expires_at <= now) throw refuse(ctx, 'exposure_token_invalid', 'token');
  if (!(await claimToken(ctx.db, hash, now))) throw refuse(ctx, 'exposure_token_invalid', 'token');
  const onset = row.symptom_date ?? row.test_date;
  return signCertificate(ctx, {
    reportType: row.test_type as ExposureTestType,
    tekmac: ekeyhmac,
    ...(onset ? { symptomOnsetInterval: dayInterval(onset) } : {}),
    ...(row.case_id ? { caseRef: ctx.cipher.encrypt('exposure.case_ref', row.case_id) } : {}),
  });
}
