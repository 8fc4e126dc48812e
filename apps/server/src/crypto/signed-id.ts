import crypto from 'node:crypto';

// Layout (26 bytes, 35 base64url characters): id (16 bytes, a UUID) ‖ version (uint16 big-endian)
// ‖ HMAC-SHA256(key, purpose ‖ id ‖ version)[0..8). 64 bits of MAC are plenty against online
// guessing, which is rate-limited; nothing secret is inside, and a new version voids older codes.
const MAC_BYTES = 8;
const TOKEN_BYTES = 16 + 2 + MAC_BYTES;

function mac(key: Buffer, purpose: string, body: Buffer): Buffer {
  return crypto.createHmac('sha256', key).update(purpose).update(body).digest().subarray(0, MAC_BYTES);
}

/** A short signed token naming one version of a record, for QR codes (places' points, people). */
export function encodeSignedId(key: Buffer, purpose: string, id: string, version: number): string {
  const body = Buffer.alloc(18);
  Buffer.from(id.replace(/-/g, ''), 'hex').copy(body, 0);
  body.writeUInt16BE(version & 0xffff, 16);
  return Buffer.concat([body, mac(key, purpose, body)]).toString('base64url');
}

/** The id and version a token names, or null when it is malformed, forged or altered. */
export function decodeSignedId(key: Buffer, purpose: string, token: string): { id: string; version: number } | null {
  if (!/^[A-Za-z0-9_-]{35}$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== TOKEN_BYTES) return null;
  const body = raw.subarray(0, 18);
  if (!crypto.timingSafeEqual(raw.subarray(18), mac(key, purpose, body))) return null;
  const hex = body.subarray(0, 16).toString('hex');
  return { id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, version: body.readUInt16BE(16) };
}
