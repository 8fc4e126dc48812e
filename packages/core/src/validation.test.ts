import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loginRequestSchema, userCreateSchema } from './accounts.js';
import { describeIssues, parseWithKeys, renderMessage } from './validation.js';

function problems(schema: z.ZodType, data: unknown, lang: 'vi' | 'en' = 'en') {
  const result = parseWithKeys(schema, data);
  if (result.success) return [];
  return describeIssues(result.error.issues, lang);
}

describe('validation messages', () => {
  it('names a missing field and says it is required, in both languages', () => {
    expect(problems(loginRequestSchema, { password: 'x' })).toEqual([{ field: 'username', message: 'This is required.' }]);
    expect(problems(loginRequestSchema, { password: 'x' }, 'vi')).toEqual([{ field: 'username', message: 'Bắt buộc phải nhập.' }]);
  });

  it('names a field of the wrong type', () => {
    expect(problems(loginRequestSchema, { username: 'a', password: 5 })).toEqual([{ field: 'password', message: 'Must be text.' }]);
  });

  it('names an unknown field', () => {
    expect(problems(loginRequestSchema, { username: 'a', password: 'b', admin: true })).toEqual([
      { field: 'admin', message: 'The field "admin" is not accepted.' },
    ]);
  });

  it('uses the schema message keys (password strength, unit code format)', () => {
    const found = problems(userCreateSchema, { username: 'ab', password: 'short', displayName: 'X', role: 'official', unitCode: '1' });
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'username', message: expect.stringContaining('3–40') },
        { field: 'password', message: 'Passwords need at least 10 characters, with both letters and digits.' },
        { field: 'unitCode', message: 'An administrative unit code has 2, 3 or 5 digits.' },
      ]),
    );
  });

  it('gives sizes and limits', () => {
    expect(problems(z.object({ name: z.string().max(3) }), { name: 'abcd' })).toEqual([{ field: 'name', message: 'At most 3 characters.' }]);
    expect(problems(z.object({ n: z.number().int().min(2) }), { n: 1 })).toEqual([{ field: 'n', message: 'Must be at least 2.' }]);
    expect(problems(z.object({ n: z.number().int() }), { n: 1.5 })).toEqual([{ field: 'n', message: 'Must be a whole number.' }]);
    expect(problems(z.object({ r: z.enum(['a', 'b']) }), { r: 'c' })).toEqual([{ field: 'r', message: 'Not one of the allowed values.' }]);
  });

  it('renders unknown keys as themselves rather than failing', () => {
    expect(renderMessage('nonexistent_key', 'vi')).toBe('nonexistent_key');
  });
});
