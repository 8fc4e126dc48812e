import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BORDER_GATES } from './border-gates.js';
import { COUNTRIES } from './countries.js';
import { DECLARATION_FORMS } from './forms.js';
import type { BilingualText, FormVersionDefinition } from './labels.js';
import * as OPTIONS from './options.js';
import { CTX } from './test-fixtures.js';

interface Leaf {
  path: string;
  required: boolean;
}

// The questions of a schema: every field that is not itself an object of fields, with its dotted path.
function leaves(schema: z.ZodType, prefix = '', required = true): Leaf[] {
  let inner = schema as z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType } } };
  while (['optional', 'default', 'nullable'].includes(inner._zod.def.type) && inner._zod.def.innerType) {
    inner = inner._zod.def.innerType as typeof inner;
  }
  if (inner._zod.def.type === 'object') {
    const shape = (inner as unknown as z.ZodObject).shape;
    return Object.entries(shape).flatMap(([key, field]) =>
      leaves(field as z.ZodType, prefix ? `${prefix}.${key}` : key, required && !(field as z.ZodType).safeParse(undefined).success),
    );
  }
  return [{ path: prefix, required }];
}

const versions: [string, FormVersionDefinition][] = Object.values(DECLARATION_FORMS).flatMap((form) =>
  Object.entries(form.versions as Record<string, FormVersionDefinition>),
);

describe.each(versions)('steps of %s', (_version, definition) => {
  const schemaLeaves = leaves(definition.schema(CTX));
  const schemaPaths = schemaLeaves.map((leaf) => leaf.path);
  const stepPaths = definition.steps.flatMap((step) => step.fields);

  it('ask only fields the schema has, each once', () => {
    expect(stepPaths.filter((path) => !schemaPaths.includes(path))).toEqual([]);
    expect(new Set(stepPaths).size).toBe(stepPaths.length);
  });

  it('place every field of the schema, so a new field cannot be forgotten', () => {
    const placed = new Set([...stepPaths, ...definition.hidden]);
    expect(schemaPaths.filter((path) => !placed.has(path))).toEqual([]);
    const required = schemaLeaves.filter((leaf) => leaf.required).map((leaf) => leaf.path);
    expect(required.filter((path) => !placed.has(path))).toEqual([]);
  });

  it('have 3 to 6 questions each, and a title and id of their own', () => {
    for (const step of definition.steps) {
      expect(step.fields.length, step.id).toBeGreaterThanOrEqual(3);
      expect(step.fields.length, step.id).toBeLessThanOrEqual(6);
    }
    expect(new Set(definition.steps.map((step) => step.id)).size).toBe(definition.steps.length);
  });

  it('label every question they ask', () => {
    expect(stepPaths.filter((path) => !definition.fields[path])).toEqual([]);
  });

  it('label and help in both languages, different where the words differ', () => {
    for (const [path, spec] of Object.entries(definition.fields)) {
      expectBilingual(spec.label, path);
      if (spec.help) expectBilingual(spec.help, `${path} help`);
      if (spec.group) expectBilingual(spec.group, `${path} group`);
      if (['single_choice', 'multiple_choice'].includes(spec.input)) expect(spec.options?.length, path).toBeGreaterThan(0);
    }
    for (const step of definition.steps) expectBilingual(step.title, step.id);
  });
});

function expectBilingual(text: BilingualText, where: string) {
  expect(text.vi.trim(), where).not.toBe('');
  expect(text.en.trim(), where).not.toBe('');
  // Nothing on these forms reads the same in both languages; a copied label is a translation left undone.
  expect(text.vi, where).not.toBe(text.en);
}

const optionLists = Object.entries(OPTIONS as Record<string, unknown>).filter(
  (entry): entry is [string, readonly OPTIONS.DeclarationOption[]] => Array.isArray(entry[1]),
);

describe('option lists', () => {
  it('are all checked here', () => {
    expect(optionLists.length).toBeGreaterThanOrEqual(15);
  });

  it.each(optionLists)('%s has distinct codes and labels in both languages', (_name, list) => {
    expect(new Set(list.map((option) => option.code)).size).toBe(list.length);
    for (const option of list) {
      expect(option.code).toMatch(/^[a-z][a-zA-Z_]*$/);
      expectBilingual(option, option.code);
    }
  });

  it('yes/no question lists name fields of the forms that ask them', () => {
    const domestic = DECLARATION_FORMS.domestic.versions['domestic@1'];
    const entry = DECLARATION_FORMS.entry.versions['entry@1'];
    for (const question of OPTIONS.CONTACT_QUESTIONS) expect(domestic.fields[question.code]?.input).toBe('yes_no');
    for (const question of OPTIONS.EXPOSURE_QUESTIONS) expect(entry.fields[question.code]?.input).toBe('yes_no');
  });
});

describe('reference lists', () => {
  it('have every ISO 3166-1 country once, named in both languages', () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(new Set(COUNTRIES.map((country) => country.code)).size).toBe(249);
    for (const country of COUNTRIES) {
      expect(country.code).toMatch(/^[A-Z]{2}$/);
      expect(country.vi.trim()).not.toBe('');
      expect(country.en.trim()).not.toBe('');
      expect(country.vi).toBe(country.vi.normalize('NFC'));
    }
    expect(COUNTRIES.find((country) => country.code === 'VN')).toMatchObject({ vi: 'Việt Nam', en: 'Vietnam' });
  });

  it('name every border gate in both languages', () => {
    for (const gate of BORDER_GATES) expectBilingual(gate, gate.code);
  });

  it('give each form a title in both languages', () => {
    for (const form of Object.values(DECLARATION_FORMS)) expectBilingual(form.title, form.current);
  });
});
