import { describe, expect, it } from 'vitest';
import { checkMember } from './family-rules.js';

describe('checkMember', () => {
  it('tidies the name and keeps the birth year as a number', () => {
    expect(checkMember({ name: '  Trần   Văn Minh ', relation: 'child', birthYear: '2015' }, 2025)).toEqual({
      body: { name: 'Trần Văn Minh', relation: 'child', birthYear: 2015 },
    });
  });

  it('accepts a member whose birth year is not known', () => {
    expect(checkMember({ name: 'Bà Sáu', relation: 'grandparent', birthYear: '' }, 2025)).toEqual({ body: { name: 'Bà Sáu', relation: 'grandparent' } });
  });

  it.each([
    [{ name: ' ', birthYear: '' }, { name: 'nameRequired' }],
    [{ name: 'x'.repeat(101), birthYear: '' }, { name: 'nameTooLong' }],
    [{ name: 'Minh', birthYear: '15' }, { birthYear: 'birthYearFormat' }],
    [{ name: 'Minh', birthYear: '1899' }, { birthYear: 'birthYearRange' }],
    [{ name: 'Minh', birthYear: '2026' }, { birthYear: 'birthYearRange' }],
    [{ name: '', birthYear: 'abcd' }, { name: 'nameRequired', birthYear: 'birthYearFormat' }],
  ])('refuses %j', (input, problems) => {
    expect(checkMember({ relation: 'child', ...input }, 2025)).toEqual({ problems });
  });
});
