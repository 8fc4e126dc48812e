import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, otpauthUrl, totpCode, TOTP_STEP_MS } from './totp.js';

// RFC 6238 appendix B, SHA-1 secret "12345678901234567890"; the RFC shows 8 digits, apps use the last 6.
const SECRET = Buffer.from('12345678901234567890');

describe('TOTP', () => {
  it.each([
    [59, '94287082'],
    [1_111_111_109, '07081804'],
    [1_111_111_111, '14050471'],
    [1_234_567_890, '89005924'],
    [2_000_000_000, '69279037'],
    [20_000_000_000, '65353130'],
  ])('matches the RFC 6238 vector at T=%i', (seconds, expected) => {
    expect(totpCode(SECRET, Math.floor(seconds / 30), 8)).toBe(expected);
    expect(totpCode(SECRET, Math.floor(seconds / 30))).toBe(expected.slice(2));
  });

  it('round-trips base32 (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(SECRET))).toEqual(SECRET);
    expect(() => base32Decode('MZ1')).toThrow();
  });

  it('accepts the current step and one either side, once, and nothing else', () => {
    const now = 1_234_567_890_000;
    const step = Math.floor(now / TOTP_STEP_MS);
    expect(matchTotp(SECRET, totpCode(SECRET, step), now, null)).toBe(step);
    expect(matchTotp(SECRET, totpCode(SECRET, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(SECRET, totpCode(SECRET, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(SECRET, totpCode(SECRET, step - 2), now, null)).toBeNull();
    // Replay: the step already accepted, or an earlier one, is refused.
    expect(matchTotp(SECRET, totpCode(SECRET, step), now, step)).toBeNull();
    expect(matchTotp(SECRET, 'abcdef', now, null)).toBeNull();
    expect(matchTotp(SECRET, '1234567', now, null)).toBeNull();
  });

  it('writes the otpauth URL authenticator apps read', () => {
    expect(otpauthUrl('PhongDich', 'can.bo', 'ABC')).toBe('otpauth://totp/PhongDich%3Acan.bo?secret=ABC&issuer=PhongDich&algorithm=SHA1&digits=6&period=30');
  });
});
