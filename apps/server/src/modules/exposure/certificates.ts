import crypto from 'node:crypto';
import type { ExposureTestType } from '@phongdich/core';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { CERTIFICATE_TTL_MS } from './exposure.rules.js';
import { activeSigningKey, privateKeyObject, publicKeys } from './signing-keys.js';

const ISSUER = 'phongdich-verification';
const AUDIENCE = 'phongdich-keyserver';

/** What the verification side certifies about an upload: never the keys, only their HMAC. */
export interface CertificateClaims {
  reportType: ExposureTestType;
  symptomOnsetInterval?: number;
  /** base64 HMAC-SHA256 of the keys' cleartext (EN verification protocol). */
  tekmac: string;
  /** The case the code was issued for, sealed; the phone cannot read it. */
  caseRef?: string;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT (ES256) the key server accepts for one upload within CERTIFICATE_TTL_MS. */
export async function signCertificate(ctx: Context, claims: CertificateClaims): Promise<{ certificate: string; expiresAt: number }> {
  const key = await activeSigningKey(ctx, 'certificate');
  const now = ctx.clock.now();
  const expiresAt = now + CERTIFICATE_TTL_MS;
  const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: `v${key.version}` }));
  const payload = b64url(
    JSON.stringify({ iss: ISSUER, aud: AUDIENCE, iat: Math.floor(now / 1000), exp: Math.floor(expiresAt / 1000), jti: Buffer.from(ctx.rng.bytes(16)).toString('base64url'), ...claims }),
  );
  const signature = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), { key: privateKeyObject(key), dsaEncoding: 'ieee-p1363' });
  return { certificate: `${header}.${payload}.${b64url(signature)}`, expiresAt };
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Checks signature, audience and expiry; throws exposure_certificate_invalid for anything else. */
export async function verifyCertificate(ctx: Context, jwt: string): Promise<CertificateClaims & { jti: string }> {
  const invalid = new AppError('exposure_certificate_invalid', { field: 'verificationPayload' });
  const [header = '', payload = '', signature = '', ...rest] = jwt.split('.');
  const head = parseJson(header);
  const body = parseJson(payload);
  if (rest.length > 0 || !head || !body || head.alg !== 'ES256' || typeof head.kid !== 'string') throw invalid;
  const row = (await publicKeys(ctx, 'certificate')).find((k) => `v${k.version}` === head.kid);
  if (!row) throw invalid;
  const valid = crypto.verify('sha256', Buffer.from(`${header}.${payload}`), { key: row.public_key_pem, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  const { iss, aud, exp, jti, reportType, symptomOnsetInterval, tekmac, caseRef } = body;
  if (!valid || iss !== ISSUER || aud !== AUDIENCE || typeof exp !== 'number' || exp * 1000 <= ctx.clock.now()) throw invalid;
  if (typeof jti !== 'string' || typeof tekmac !== 'string' || (reportType !== 'confirmed' && reportType !== 'likely')) throw invalid;
  return {
    jti,
    tekmac,
    reportType,
    ...(typeof symptomOnsetInterval === 'number' ? { symptomOnsetInterval } : {}),
    ...(typeof caseRef === 'string' ? { caseRef } : {}),
  };
}
