import crypto from 'node:crypto';

// Token layout (26 bytes, 35 base64url characters, so `BASE_URL/q/<token>` fits a low-density QR):
// point id (16 bytes, the UUID) ‖ version (uint16 big-endian) ‖ HMAC-SHA256(key, "qr1" ‖ id ‖ version)[0..8).
// 64 bits of MAC are plenty against online guessing, which is rate-limited; nothing secret is inside.
const MAC_BYTES = 8;
const TOKEN_BYTES = 16 + 2 + MAC_BYTES;

function mac(key: Buffer, body: Buffer): Buffer {
  return crypto.createHmac('sha256', key).update('qr1').update(body).digest().subarray(0, MAC_BYTES);
}

/** The signed token of a QR point version. */
export function encodePointToken(key: Buffer, pointId: string, version: number): string {
  const body = Buffer.alloc(18);
  Buffer.from(pointId.replace(/-/g, ''), 'hex').copy(body, 0);
  body.writeUInt16BE(version & 0xffff, 16);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

/** The point and version a token names, or null when it is malformed, forged or altered. */
export function decodePointToken(key: Buffer, token: string): { pointId: string; version: number } | null {
  if (!/^[A-Za-z0-9_-]{35}$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== TOKEN_BYTES) return null;
  const body = raw.subarray(0, 18);
  if (!crypto.timingSafeEqual(raw.subarray(18), mac(key, body))) return null;
  const hex = body.subarray(0, 16).toString('hex');
  const pointId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { pointId, version: body.readUInt16BE(16) };
}

/** The URL printed in the QR code. */
export function pointUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/q/${token}`;
}
