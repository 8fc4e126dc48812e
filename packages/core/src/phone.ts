import { z } from 'zod';

// Vietnamese subscriber numbers: 10 digits starting with 0 (mobile prefixes 3, 5, 7, 8, 9; landlines 2).
const NATIONAL = /^0[235789]\d{8}$/;

/**
 * Normalises a Vietnamese phone number to E.164 ("+84912345678"), or returns null when it is not one.
 * Accepts "0912 345 678", "+84 912345678", "84912345678".
 */
export function normalizePhone(input: string): string | null {
  let digits = input.replace(/[\s.()-]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (digits.startsWith('84') && digits.length === 11) digits = '0' + digits.slice(2);
  if (!NATIONAL.test(digits)) return null;
  return '+84' + digits.slice(1);
}

/** Shows an E.164 Vietnamese number in the national form people know ("0912345678"). */
export function nationalPhone(e164: string): string {
  return e164.startsWith('+84') ? '0' + e164.slice(3) : e164;
}

/** A phone number field: accepts the usual ways of writing it, outputs E.164. */
export const phoneSchema = z
  .string()
  .max(20)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
      return z.NEVER;
    }
    return phone;
  });
