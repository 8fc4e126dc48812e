import { describe, expect, it } from 'vitest';
import { formVersionDefinition } from '@phongdich/core';
import { declaredFor, startingAnswers } from './start.js';

const domestic = formVersionDefinition('domestic@1')!;
const daily = formVersionDefinition('daily_update@1')!;
const entry = formVersionDefinition('entry@1')!;
const base = { today: '2025-08-15', previous: null, remembered: null, homeUnitCode: '19' };

describe('startingAnswers', () => {
  it('copies the person block of the last declaration', () => {
    const previous = { person: { fullName: 'Nguyễn Thị Lan', birthYear: 1990, nationality: 'VN', address: { provinceCode: '01', communeCode: '00004', street: 'Tổ 5' } } };
    expect(startingAnswers({ ...base, definition: domestic, kind: 'domestic', previous })).toEqual({
      'person.fullName': 'Nguyễn Thị Lan',
      'person.birthYear': '1990',
      'person.nationality': 'VN',
      'person.address.provinceCode': '01',
      'person.address.communeCode': '00004',
      'person.address.street': 'Tổ 5',
    });
  });

  it('starts a family member with what the family list knows', () => {
    expect(startingAnswers({ ...base, definition: domestic, kind: 'domestic', member: { displayName: 'Trần Văn Minh', birthYear: 2015 } })).toMatchObject({
      'person.fullName': 'Trần Văn Minh',
      'person.birthYear': '2015',
    });
  });

  it('answers Vietnamese nationality on domestic forms but not at the border', () => {
    expect(startingAnswers({ ...base, definition: domestic, kind: 'domestic' })['person.nationality']).toBe('VN');
    expect(startingAnswers({ ...base, definition: entry, kind: 'entry' })['person.nationality']).toBeUndefined();
  });

  it('dates a daily update today and opens addresses at the remembered place', () => {
    expect(startingAnswers({ ...base, definition: daily, kind: 'daily_update', remembered: { provinceCode: '06', districtCode: '058' } })).toEqual({
      'person.nationality': 'VN',
      date: '2025-08-15',
      'person.address.provinceCode': '06',
      'person.address.districtCode': '058',
    });
  });
});

describe('declaredFor', () => {
  it('follows the chosen person', () => {
    expect(declaredFor(undefined)).toBe('self');
    expect(declaredFor({ relation: 'child' })).toBe('family');
    expect(declaredFor({ relation: 'other' })).toBe('other');
  });
});
