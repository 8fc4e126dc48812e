import crypto from 'node:crypto';

/**
 * RFC 6238 codes as an authenticator app makes them (HMAC-SHA1, 30-second steps, 6 digits, the
 * algorithm the server's enrolment QR code names). Written here apart from the server's own, so the
 * test checks that the secret shown on the page works in any app, not the server against itself.
 */
const STEP_MS = 30_000;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function fromBase32(text: string): Buffer {
  const bits = [...text.replace(/[\s=]/g, '').toUpperCase()]
    .map((char) => {
      const index = ALPHABET.indexOf(char);
      if (index < 0) throw new Error(`not base32: ${char}`);
      return index.toString(2).padStart(5, '0');
    })
    .join('');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

export function totpAt(secretBase32: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', fromBase32(secretBase32)).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * A code the server takes now and has not taken before: it accepts each 30-second step once, and
 * one step either side of its clock. After `lastStep`, or the current step when none was used;
 * waits for the clock when the next unused step is too far ahead.
 */
export async function freshTotp(secretBase32: string, lastStep: number | null): Promise<{ code: string; step: number }> {
  const now = Math.floor(Date.now() / STEP_MS);
  const step = lastStep === null ? now : Math.max(now, lastStep + 1);
  if (step > now + 1) await new Promise((r) => setTimeout(r, (step - 1) * STEP_MS - Date.now() + 1000));
  return { code: totpAt(secretBase32, step), step };
}
