import { decodeSignedId, encodeSignedId } from '../../crypto/signed-id.js';

const PURPOSE = 'qr1';

/** The signed token of a QR point version (35 characters, so `BASE_URL/q/<token>` is a low-density QR). */
export function encodePointToken(key: Buffer, pointId: string, version: number): string {
  return encodeSignedId(key, PURPOSE, pointId, version);
}

/** The point and version a token names, or null when it is malformed, forged or altered. */
export function decodePointToken(key: Buffer, token: string): { pointId: string; version: number } | null {
  const decoded = decodeSignedId(key, PURPOSE, token);
  return decoded ? { pointId: decoded.id, version: decoded.version } : null;
}

/** The URL printed in the QR code. */
export function pointUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/q/${token}`;
}
