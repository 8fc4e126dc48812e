import { type DeclarationOption, DOMESTIC_ID_TYPES, type FieldSpec, type FormVersionDefinition, ID_DOCUMENT_TYPES } from '@phongdich/core';

/**
 * What the person has answered, by field path ("person.address.communeCode"), as the inputs hold it:
 * strings as typed (numbers and dates too, so a half-typed value is never lost), booleans for yes/no,
 * code lists for multiple choices, rows for vaccines. `toRecord` turns it into the schema's shape.
 */
export type Answers = Readonly<Record<string, unknown>>;

/** One vaccine as typed: the dose count stays text until the record is built. */
export interface VaccineRow {
  name: string;
  doses: string;
}

/**
 * Fields the app answers itself, never shown as questions: who the declaration is for comes from the
 * "who" screen (it must agree with the subject sent to the server).
 */
export const APP_ANSWERED = ['declaredFor'] as const;

// Follow-up questions asked only after the answer that calls for them, as on the paper forms.
const ASKED_WHEN: Readonly<Record<string, (answers: Answers) => boolean>> = {
  vehicleOther: (answers) => answers.vehicleType === 'other',
  visitReasonNote: (answers) => answers.visitReason === 'other',
  testDate: (answers) => answers.testResult !== undefined && answers.testResult !== 'not_tested',
};

/** True when the question at `path` is asked, given the answers so far. */
export function isAsked(path: string, answers: Answers): boolean {
  if ((APP_ANSWERED as readonly string[]).includes(path)) return false;
  const rule = ASKED_WHEN[path];
  return rule ? rule(answers) : true;
}

/**
 * The choices to offer for a question. Core's shared person block lists every identity document, but the
 * domestic schemas accept only DOMESTIC_ID_TYPES (the entry form narrows its own list already): offering
 * "other travel document" there would only earn a "not allowed" message.
 */
export function offeredOptions(path: string, spec: FieldSpec): readonly DeclarationOption[] {
  const options = spec.options ?? [];
  if (path === 'person.idType' && options.length === ID_DOCUMENT_TYPES.length) {
    return options.filter((option) => (DOMESTIC_ID_TYPES as readonly string[]).includes(option.code));
  }
  return options;
}

/** The value at a dotted path of a nested record, or undefined. */
export function getAt(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The object holding the last key of a path, created on the way; a block is there even with nothing answered. */
function parentOf(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  let current = record;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (typeof next === 'object' && next !== null) current = next as Record<string, unknown>;
    else current = current[key] = {};
  }
  return current;
}

// A blank block (the person, an address) must still be an object: otherwise the schema reports the
// whole block as missing instead of naming the questions left blank.
function setAt(record: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = parentOf(record, keys);
  if (value !== undefined) parent[keys[keys.length - 1]!] = value;
}

// A number as people type it: "36,8" (Vietnamese decimal comma) or "36.8".
const NUMBER = /^-?\d+([.,]\d+)?$/;

function toNumber(text: string): number | string {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed.replace(',', '.')) : trimmed;
}

/** The record value of one answer, or undefined when the question is left blank. */
function recordValue(spec: FieldSpec, answer: unknown): unknown {
  switch (spec.input) {
    case 'yes_no':
      return typeof answer === 'boolean' ? answer : undefined;
    case 'multiple_choice':
    case 'countries':
    case 'units':
      return Array.isArray(answer) ? answer : [];
    case 'vaccines':
      return Array.isArray(answer)
        ? (answer as VaccineRow[])
            .filter((row) => row.name.trim() !== '' || row.doses.trim() !== '')
            .map((row) => ({ name: row.name, doses: row.doses.trim() === '' ? undefined : toNumber(row.doses) }))
        : [];
    case 'year':
    case 'number':
      // A non-numeric answer stays text, so the schema says "must be a number" rather than "required".
      return typeof answer === 'string' && answer.trim() !== '' ? toNumber(answer) : undefined;
    default:
      return typeof answer === 'string' && answer !== '' ? answer : undefined;
  }
}

/**
 * The declaration record the schema checks and the server stores: every asked question in its nested
 * place, blank answers left out (so the schema says "required" where one is needed), plus the fields
 * the app fills in (form version, the facility's place, who the declaration is for).
 */
export function toRecord(definition: FormVersionDefinition, answers: Answers, filled: Readonly<Record<string, string>>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(filled)) setAt(record, path, value);
  for (const [path, spec] of Object.entries(definition.fields)) {
    if (!isAsked(path, answers)) continue;
    setAt(record, path, recordValue(spec, answers[path]));
  }
  return record;
}

/** The answers a stored record gives for the questions under `prefix` (e.g. the person block of the last declaration). */
export function answersFromRecord(definition: FormVersionDefinition, record: unknown, prefix: string): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [path, spec] of Object.entries(definition.fields)) {
    if (!path.startsWith(prefix)) continue;
    const value = getAt(record, path);
    if (value === undefined || value === null) continue;
    // A choice the form no longer offers (a CCCD on the entry form) is better asked again than kept.
    if (spec.options && !offeredOptions(path, spec).some((option) => option.code === value)) continue;
    answers[path] = typeof value === 'number' ? String(value) : value;
  }
  return answers;
}
