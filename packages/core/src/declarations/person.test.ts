import { describe, expect, it } from 'vitest';
import { contactPhoneSchema, normalizeInternationalPhone, personSchema } from './person.js';
import { CTX, PERSON } from './test-fixtures.js';

describe('contact phone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['0084 912 345 678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['+82 10-1234-5678', '+821012345678'],
    ['0082 10 1234 5678', '+821012345678'],
    ['+1 (202) 555-0100', '+12025550100'],
    ['+65 6123 4567', '+6561234567'],
  ])('%s → %s', (input, expected) => {
    expect(contactPhoneSchema.parse(input)).toBe(expected);
  });

  it.each([
    ['12345', 'phone_vn_or_international'],
    ['', 'phone_vn_or_international'],
    ['1 202 555 0100', 'phone_vn_or_international'],
    ['+84 12', 'phone_invalid'],
    ['+0 123456789', 'phone_international_invalid'],
    ['+1 202 555 0100 1234 5678', 'phone_international_invalid'],
  ])('refuses %j with %s', (input, key) => {
    expect(contactPhoneSchema.safeParse(input).error?.issues.map((issue) => issue.message)).toEqual([key]);
  });

  it('leaves Vietnamese numbers to phoneSchema', () => {
    expect(normalizeInternationalPhone('0912345678')).toBeNull();
  });
});

describe('person block', () => {
  it('takes the current year from the context, not the clock', () => {
    const born2026 = { ...PERSON, birthYear: 2026 };
    expect(personSchema(CTX).safeParse(born2026).success).toBe(false);
    expect(personSchema({ today: '2026-01-01' }).safeParse(born2026).success).toBe(true);
  });

  it('lets a child of 14 by birth year declare without a document, and not a 15-year-old', () => {
    const child = { ...PERSON, idType: 'none', idNumber: undefined };
    expect(personSchema(CTX).safeParse({ ...child, birthYear: 2011 }).success).toBe(true);
    expect(personSchema(CTX).safeParse({ ...child, birthYear: 2010 }).success).toBe(false);
  });

  it('accepts both CMND lengths and tidies a typed passport number', () => {
    const schema = personSchema(CTX);
    expect(schema.parse({ ...PERSON, idType: 'cmnd', idNumber: '095 123 456' }).idNumber).toBe('095123456');
    expect(schema.parse({ ...PERSON, idType: 'cmnd', idNumber: '095123456789' }).idNumber).toBe('095123456789');
    expect(schema.parse({ ...PERSON, idType: 'passport', idNumber: ' c1234567 ' }).idNumber).toBe('C1234567');
  });

  it('treats an empty email as not given', () => {
    expect(personSchema(CTX).parse({ ...PERSON, email: '' }).email).toBe('');
    expect(personSchema(CTX).parse({ ...PERSON, email: undefined }).email).toBeUndefined();
  });

  it('refuses a context date that is not a date, because that is a bug of the caller', () => {
    expect(() => personSchema({ today: '15/08/2025' })).toThrow(/YYYY-MM-DD/);
  });
});
