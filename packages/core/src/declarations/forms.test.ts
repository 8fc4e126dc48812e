import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWithKeys } from '../validation.js';
import { dailyUpdateSchemaV1 } from './daily-update.js';
import { DECLARATION_FORMS, DECLARATION_KINDS, declarationSchema, formKindOf, formVersionDefinition, isOutdatedFormVersion } from './forms.js';
import { CTX, EXAMPLES, example, problemsOf } from './test-fixtures.js';

const allVersions = Object.values(DECLARATION_FORMS).flatMap((form) => Object.keys(form.versions));

describe('declaration forms', () => {
  it.each(allVersions)('a valid %s declaration parses, by its own schema and by the union', (formVersion) => {
    const definition = formVersionDefinition(formVersion);
    expect(definition).toBeDefined();
    expect(problemsOf(parseWithKeys(definition!.schema(CTX), example(formVersion)))).toEqual([]);
    const parsed = parseWithKeys(declarationSchema(CTX), example(formVersion));
    expect(problemsOf(parsed)).toEqual([]);
    expect(parsed.data?.formVersion).toBe(formVersion);
  });

  it('normalises what people type: phone to E.164, document and vehicle numbers without spaces, email lower case', () => {
    const entry = declarationSchema(CTX).parse(example('entry@1'));
    expect(entry.person.phone).toBe('+821012345678');
    expect(entry.person.idNumber).toBe('M12345678');
    if (entry.formVersion !== 'entry@1') throw new Error('wrong form');
    expect(entry.vehicleNumber).toBe('VN417');
    const domestic = declarationSchema(CTX).parse(example('domestic@1'));
    expect(domestic.person).toMatchObject({ phone: '+84912345678', idNumber: '006190001234', email: 'lan.nguyen@example.com' });
  });

  it('fills the optional lists with empty ones, so readers need not check for undefined', () => {
    const input = example('domestic@1');
    delete input.visitedUnits;
    delete input.visitedCountries;
    const parsed = declarationSchema(CTX).parse(input);
    expect(parsed).toMatchObject({ visitedUnits: [], visitedCountries: [] });
  });

  it('keeps a form kind for every registry entry and a current version that exists', () => {
    expect(Object.keys(DECLARATION_FORMS).sort()).toEqual([...DECLARATION_KINDS].sort());
    for (const [kind, form] of Object.entries(DECLARATION_FORMS)) {
      expect(Object.keys(form.versions)).toContain(form.current);
      for (const version of Object.keys(form.versions)) {
        expect(formKindOf(version)).toBe(kind);
        expect(EXAMPLES[version], `example for ${version}`).toBeDefined();
      }
    }
  });

  it('the union knows exactly the versions of the registry', () => {
    const union = declarationSchema(CTX);
    const tags = union.options.map((option) => option.shape.formVersion.value);
    expect(tags.sort()).toEqual([...allVersions].sort());
  });

  it('reads the version of a record and finds the questions it answered', () => {
    expect(formKindOf('entry@1')).toBe('entry');
    expect(formKindOf('passport@1')).toBeUndefined();
    expect(formVersionDefinition('domestic@1')?.steps[0]?.fields).toContain('person.fullName');
    expect(formVersionDefinition('domestic@9')).toBeUndefined();
    expect(formVersionDefinition('toString@1')).toBeUndefined();
    expect(isOutdatedFormVersion('domestic@1')).toBe(false);
  });

  it('refuses a version no one registered, naming the form version', () => {
    const input = { ...example('domestic@1'), formVersion: 'domestic@0' };
    expect(problemsOf(parseWithKeys(declarationSchema(CTX), input))).toEqual(['formVersion → unknown_form_version']);
  });

  // Only version 1 of each form exists today, so the scenario of a changed form is built here: the way
  // DECLARATION_FORMS keeps versions side by side must let an old record parse by its own rules.
  it('still reads an old version after a form changes', () => {
    const v1 = dailyUpdateSchemaV1(CTX);
    const v2 = v1.extend({ formVersion: z.literal('daily_update@2'), oxygenSaturation: z.number().int().min(50).max(100) });
    const union = z.discriminatedUnion('formVersion', [v1, v2]);
    const oldRecord = example('daily_update@1');
    const parsedOld = union.safeParse(oldRecord);
    expect(parsedOld.success).toBe(true);
    expect(parsedOld.data?.formVersion).toBe('daily_update@1');
    // The old record does not have the new question, and the new version requires it.
    expect(union.safeParse({ ...oldRecord, formVersion: 'daily_update@2' }).success).toBe(false);
    expect(union.safeParse({ ...oldRecord, formVersion: 'daily_update@2', oxygenSaturation: 97 }).success).toBe(true);
  });
});
