import { describe, expect, it } from 'vitest';
import { formVersionDefinition } from '@phongdich/core';
import { askedSteps, firstStepWithProblems, problemsOfStep, questionBlocks, stepOfField } from './steps.js';

const domestic = formVersionDefinition('domestic@1')!;
const entry = formVersionDefinition('entry@1')!;
const medical = formVersionDefinition('medical_facility@1')!;

describe('problemsOfStep', () => {
  const problems = [
    { field: 'person.fullName', message: 'name' },
    { field: 'person.fullName', message: 'second message of the same field' },
    { field: 'person.phone', message: 'phone' },
    { field: 'vaccines.0.doses', message: 'doses' },
    { field: 'person.address.communeCode', message: 'commune' },
  ];

  it('keeps only the problems of the step’s own questions, one per field', () => {
    expect(problemsOfStep(problems, { fields: ['person.fullName', 'person.idType'] })).toEqual({ 'person.fullName': 'name' });
  });

  it('keeps problems inside a question (a vaccine row)', () => {
    expect(problemsOfStep(problems, { fields: ['symptoms', 'vaccines'] })).toEqual({ 'vaccines.0.doses': 'doses' });
  });

  it('does not take a field for another that only starts with the same letters', () => {
    expect(problemsOfStep([{ field: 'person.phoneNumber', message: 'x' }], { fields: ['person.phone'] })).toEqual({});
  });

  it('finds the first step with problems', () => {
    const steps = askedSteps(domestic, {});
    expect(firstStepWithProblems(steps, problems)).toBe(0);
    expect(firstStepWithProblems(steps, [{ field: 'person.address.street', message: 'x' }])).toBe(2);
    expect(firstStepWithProblems(steps, [])).toBe(-1);
  });
});

describe('stepOfField', () => {
  const steps = askedSteps(entry, {});

  it('finds the step of a field the server names', () => {
    expect(stepOfField(steps, 'person.idNumber')).toBe(2);
    expect(stepOfField(steps, 'vaccines.1.name')).toBe(6);
  });

  it('finds the step of a whole block the server names', () => {
    expect(stepOfField(steps, 'addressAfterQuarantine')).toBe(5);
  });

  it('finds none for a field the app fills in', () => {
    expect(stepOfField(steps, 'formVersion')).toBe(-1);
  });
});

describe('askedSteps', () => {
  it('leaves out who the declaration is for, and follow-ups not called for', () => {
    const [trip, person] = askedSteps(entry, { vehicleType: 'plane' });
    expect(trip?.fields).toEqual(['gateCode', 'vehicleType', 'vehicleNumber', 'seat']);
    expect(person?.fields).not.toContain('declaredFor');
    expect(askedSteps(entry, { vehicleType: 'other' })[0]?.fields).toContain('vehicleOther');
  });

  it('keeps a step that still has questions once the app-answered ones are gone', () => {
    expect(askedSteps(medical, {})[0]?.fields).toEqual(['visitReason']);
  });
});

describe('questionBlocks', () => {
  it('shows the stem once above consecutive yes/no questions', () => {
    const health = domestic.steps.find((step) => step.id === 'health')!;
    const blocks = questionBlocks(health.fields, domestic.fields);
    expect(blocks.map((block) => block.kind)).toEqual(['single', 'yes_no_group', 'single']);
    expect(blocks[1]).toMatchObject({ paths: ['contactWithCase', 'contactWithTraveller', 'contactWithSymptomatic'] });
  });

  it('puts province, district and commune of one address in one cascade, street apart', () => {
    const address = domestic.steps.find((step) => step.id === 'address')!;
    expect(questionBlocks(address.fields, domestic.fields)).toEqual([
      { kind: 'address', prefix: 'person.address', paths: ['person.address.provinceCode', 'person.address.districtCode', 'person.address.communeCode'] },
      { kind: 'single', path: 'person.address.street' },
    ]);
  });

  it('treats a lone province question as a cascade of one', () => {
    const route = entry.steps.find((step) => step.id === 'route')!;
    expect(questionBlocks(route.fields, entry.fields)).toContainEqual({ kind: 'address', prefix: '', paths: ['destinationProvinceCode'] });
  });
});
