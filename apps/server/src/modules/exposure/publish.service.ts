import { embargoedUntil, fromBase64, toBase64, validateUploadKeys, verificationHmac, type TemporaryExposureKey } from '@phongdich/exposure';
import type { ExposurePublish } from '@phongdich/core';
import { securityLog, type Context } from '../../context.js';
import { timingSafeEqualText } from '../../crypto/tokens.js';
import { AppError } from '../../http/errors.js';
import { verifyCertificate } from './certificates.js';
import { daysSinceOnset, reportTypeOf, uploadError } from './exposure.rules.js';
import { findPublish, insertKeys, insertPublish, updatePublish, type KeyRow } from './exposure.repository.js';

export interface PublishResult {
  insertedExposures: number;
  embargoedUntil: number | null;
}

function decodeKey(text: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch {
    return new Uint8Array();
  }
}

/**
 * The key server's upload: the certificate must be ours and unexpired, the keys must be exactly those whose
 * HMAC it carries, and every key must pass the EN checks — or nothing is stored. Still-valid keys wait until
 * they expire plus two hours. Uploading again with the same certificate answers the same and adds nothing.
 */
export async function publishKeys(ctx: Context, body: ExposurePublish): Promise<PublishResult> {
  const certificate = await verifyCertificate(ctx, body.verificationPayload);
  const keys: TemporaryExposureKey[] = body.temporaryExposureKeys.map((k) => ({
    keyData: decodeKey(k.key),
    rollingStartIntervalNumber: k.rollingStartNumber,
    rollingPeriod: k.rollingPeriod,
    transmissionRiskLevel: k.transmissionRisk,
  }));
  if (!timingSafeEqualText(verificationHmac(decodeKey(body.hmacKey), keys), certificate.tekmac)) {
    securityLog(ctx).info({ reason: 'exposure_hmac_mismatch' }, 'key upload refused');
    throw new AppError('exposure_hmac_mismatch', { field: 'temporaryExposureKeys' });
  }
  const now = ctx.clock.now();
  const problems = validateUploadKeys(keys, now);
  // Too many keys is the one problem the phone can act on as a whole; name it before any single key.
  const problem = problems.find((p) => p.code === 'too_many_keys') ?? problems[0];
  if (problem) {
    securityLog(ctx).info({ reason: problem.code, index: problem.index }, 'key upload refused');
    throw new AppError(uploadError(problem).code, { field: uploadError(problem).field });
  }
  const rows: KeyRow[] = keys.map((k) => ({
    key_data: toBase64(k.keyData),
    transmission_risk: k.transmissionRiskLevel,
    rolling_start: k.rollingStartIntervalNumber,
    rolling_period: k.rollingPeriod,
    report_type: reportTypeOf(certificate.reportType),
    days_since_onset: daysSinceOnset(k.rollingStartIntervalNumber, certificate.symptomOnsetInterval) ?? null,
    case_ref: certificate.caseRef ?? null,
    uploaded_at: now,
    publish_after: embargoedUntil(k, now) ?? now,
    batch_id: null,
  }));
  const embargo = rows.reduce<number | null>((latest, r) => (r.publish_after > now ? Math.max(latest ?? 0, r.publish_after) : latest), null);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await insertPublish(trx, { jti: certificate.jti, tekmac: certificate.tekmac, inserted: 0, embargoed_until: embargo, at: now }))) {
      const earlier = await findPublish(trx, certificate.jti);
      return { insertedExposures: earlier?.inserted ?? 0, embargoedUntil: earlier?.embargoed_until ?? null };
    }
    const inserted = await insertKeys(trx, rows);
    await updatePublish(trx, certificate.jti, { inserted });
    return { insertedExposures: inserted, embargoedUntil: embargo };
  });
}
