import { describe, expect, it } from 'vitest';
import { DECLARATION_FORMS, declarationSchema, describeIssues, formVersionDefinition, parseWithKeys } from '@phongdich/core';
import { answersFromRecord, getAt, isAsked, offeredOptions, toRecord } from './record.js';

const domestic = formVersionDefinition(DECLARATION_FORMS.domestic.current)!;
const entry = formVersionDefinition(DECLARATION_FORMS.entry.current)!;
const schema = declarationSchema({ today: '2025-08-15' });

const PERSON_ANSWERS = {
  'person.fullName': 'Nguyễn Thị Lan',
  'person.idType': 'cccd',
  'person.idNumber': '006 190 001 234',
  'person.birthYear': '1990',
  'person.gender': 'female',
  'person.nationality': 'VN',
  'person.phone': '0912 345 678',
  'person.email': '',
  'person.address.provinceCode': '19',
  'person.address.communeCode': '01843',
  'person.address.street': 'Tổ 5, đường Trường Chinh',
};

function problems(record: unknown): string[] {
  const result = parseWithKeys(schema, record);
  return result.success ? [] : describeIssues(result.error.issues, 'en').map((p) => p.field);
}

describe('toRecord', () => {
  it('builds a domestic declaration the schema accepts from answers as typed', () => {
    const record = toRecord(domestic, { ...PERSON_ANSWERS, contactWithCase: false, contactWithTraveller: false, contactWithSymptomatic: true, symptoms: ['cough'] }, {
      formVersion: 'domestic@1',
      declaredFor: 'self',
    });
    expect(problems(record)).toEqual([]);
    expect(record).toMatchObject({ person: { birthYear: 1990, address: { provinceCode: '19' } }, chronicConditions: [], visitedUnits: [] });
    expect(getAt(record, 'person.email')).toBeUndefined();
  });

  it('leaves blank answers out, so the schema reports them as required', () => {
    const record = toRecord(domestic, { 'person.fullName': '', 'person.birthYear': ' ' }, { formVersion: 'domestic@1', declaredFor: 'self' });
    expect(getAt(record, 'person.fullName')).toBeUndefined();
    expect(problems(record)).toEqual(expect.arrayContaining(['person.fullName', 'person.birthYear', 'contactWithCase']));
  });

  it('keeps a number that is not one as text, and reads a decimal comma', () => {
    const daily = formVersionDefinition('daily_update@1')!;
    expect(toRecord(daily, { 'person.birthYear': '19x0', temperatureC: '36,8' }, {})).toMatchObject({ person: { birthYear: '19x0' }, temperatureC: 36.8 });
  });

  it('leaves out follow-up questions whose answer does not call for them', () => {
    const answers = { vehicleType: 'plane', vehicleOther: 'xe máy', testResult: 'not_tested', testDate: '2025-08-01' };
    const record = toRecord(entry, answers, { formVersion: 'entry@1' });
    expect(record.vehicleOther).toBeUndefined();
    expect(record.testDate).toBeUndefined();
    expect(toRecord(entry, { ...answers, vehicleType: 'other', testResult: 'negative' }, {})).toMatchObject({ vehicleOther: 'xe máy', testDate: '2025-08-01' });
  });

  it('turns vaccine rows into records, dropping empty rows', () => {
    const record = toRecord(entry, { vaccines: [{ name: 'Comirnaty', doses: '3' }, { name: ' ', doses: '' }, { name: 'Vero Cell', doses: '' }] }, {});
    expect(record.vaccines).toEqual([{ name: 'Comirnaty', doses: 3 }, { name: 'Vero Cell', doses: undefined }]);
  });

  it('never asks who the declaration is for: the app answers it from the chosen person', () => {
    expect(isAsked('declaredFor', {})).toBe(false);
    expect(toRecord(domestic, { declaredFor: 'other' }, { declaredFor: 'family' }).declaredFor).toBe('family');
  });
});

describe('answersFromRecord', () => {
  const last = {
    formVersion: 'domestic@1',
    declaredFor: 'self',
    person: { fullName: 'Nguyễn Thị Lan', idType: 'cccd', idNumber: '006190001234', birthYear: 1990, gender: 'female', nationality: 'VN', phone: '+84912345678', address: { provinceCode: '19', communeCode: '01843', street: 'Tổ 5' } },
    symptoms: ['cough'],
  };

  it('takes the person block of the last declaration as answers', () => {
    expect(answersFromRecord(domestic, last, 'person.')).toEqual({
      'person.fullName': 'Nguyễn Thị Lan',
      'person.idType': 'cccd',
      'person.idNumber': '006190001234',
      'person.birthYear': '1990',
      'person.gender': 'female',
      'person.nationality': 'VN',
      'person.phone': '+84912345678',
      'person.address.provinceCode': '19',
      'person.address.communeCode': '01843',
      'person.address.street': 'Tổ 5',
    });
  });

  it('drops a choice the form does not offer (a CCCD on the entry form)', () => {
    expect(answersFromRecord(entry, last, 'person.')['person.idType']).toBeUndefined();
  });

  it('gives answers that pass the schema again', () => {
    const record = toRecord(domestic, { ...answersFromRecord(domestic, last, 'person.'), contactWithCase: false, contactWithTraveller: false, contactWithSymptomatic: false }, { formVersion: 'domestic@1', declaredFor: 'self' });
    expect(problems(record)).toEqual([]);
  });
});

describe('offeredOptions', () => {
  const codes = (definition: typeof domestic) => offeredOptions('person.idType', definition.fields['person.idType']!).map((option) => option.code);

  it('offers on each form only the identity documents its schema accepts', () => {
    expect(codes(domestic)).toEqual(['cccd', 'cmnd', 'passport', 'none']);
    expect(codes(entry)).toEqual(['passport', 'travel_document']);
    for (const code of codes(domestic)) {
      const record = toRecord(domestic, { 'person.idType': code }, { formVersion: 'domestic@1' });
      expect(problems(record)).not.toContain('person.idType');
    }
  });

  it('drops a travel document copied from an entry declaration onto a domestic form', () => {
    expect(answersFromRecord(domestic, { person: { idType: 'travel_document' } }, 'person.')).toEqual({});
  });
});
