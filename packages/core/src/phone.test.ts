import { describe, expect, it } from 'vitest';
import { nationalPhone, normalizePhone, phoneSchema } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['0349.123.456', '+84349123456'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['', '091234567', '09123456789', '0112345678', 'abc', '+1 202 555 0100', "0912345678'; drop table"])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('shows the national form', () => {
    expect(nationalPhone('+84912345678')).toBe('0912345678');
  });

  it('schema outputs E.164 and names the problem with a message key', () => {
    expect(phoneSchema.parse('0912345678')).toBe('+84912345678');
    const result = phoneSchema.safeParse('123');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('phone_invalid');
  });
});
