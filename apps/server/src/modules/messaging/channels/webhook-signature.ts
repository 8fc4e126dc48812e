import crypto from 'node:crypto';

/** Header carrying the Unix time (seconds) the request was signed at. */
export const TIMESTAMP_HEADER = 'x-phongdich-timestamp';
/** Header carrying `v1=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>` under the shared secret. */
export const SIGNATURE_HEADER = 'x-phongdich-signature';
/** Signatures older or newer than this are refused (replay protection). */
export const SIGNATURE_TOLERANCE_S = 300;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks a signature in constant time, and that its timestamp is within the tolerance of `nowS`. */
export function verifyWebhook(secret: string, timestamp: string | undefined, signature: string | undefined, body: string, nowS: number): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowS - Number(timestamp)) > SIGNATURE_TOLERANCE_S) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
