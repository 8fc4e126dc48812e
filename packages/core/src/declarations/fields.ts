import { z } from 'zod';
import { type UnitTree, unitCodeSchema } from '../units.js';
import { COUNTRY_CODES } from './countries.js';
import { type DeclarationOption, optionCodes } from './options.js';

/**
 * What declaration rules need from outside. Rules never read the clock: the caller passes today's date,
 * so a form validates the same way in the browser, on the server and in tests.
 */
export interface DeclarationContext {
  /** Today's calendar date in the installation's time zone, 'YYYY-MM-DD'. */
  today: string;
  /** The installation's unit tree; when given, unit codes must exist and nest (commune within province). */
  units?: Pick<UnitTree, 'get' | 'contains'>;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (no 2021-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The year of a 'YYYY-MM-DD' date; throws on anything else because that is a caller's bug. */
export function yearOf(date: string): number {
  if (!isCalendarDate(date)) throw new Error(`expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return Number(date.slice(0, 4));
}

// A missing answer says "required" rather than "not one of the allowed values", whatever the schema's own key.
const orRequired = (key?: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : key);

// Checks that follow a format check only speak when the format was right, so one mistake gives one message.
const whenClean = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/** Free text that must be answered: trimmed, 1 to `max` characters. Stored and shown as plain text. */
export function requiredText(max: number) {
  return z.string().trim().min(1, { error: 'required' }).max(max);
}

/** Free text that may be left out or empty: trimmed, at most `max` characters. */
export function optionalText(max: number) {
  return z.string().trim().max(max).optional();
}

/** A yes/no question: the answer is required, so "no" is never confused with "not answered". */
export const yesNoSchema = z.boolean();

/** One choice from an option list. */
export function choiceOf<const T extends readonly DeclarationOption[]>(list: T) {
  return z.enum(optionCodes(list), { error: orRequired() });
}

/** Any number of choices from an option list, each at most once; an empty list means "none of these". */
export function choicesOf<const T extends readonly DeclarationOption[]>(list: T) {
  return z
    .array(choiceOf(list))
    .max(list.length)
    .refine((values) => new Set(values).size === values.length, { error: 'duplicate_choice', ...whenClean });
}

/**
 * A flight, train, ship or vehicle number as typed ("VN 213", "vn213"): upper case without spaces, so
 * declarations on the same vehicle can be matched when tracing contacts (PRODUCT.md §7).
 */
export const vehicleNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .overwrite((value) => value.replace(/\s+/g, ''))
  .max(20)
  .optional();

/** A calendar date 'YYYY-MM-DD', as ARCHITECTURE.md stores them. */
export const calendarDateSchema = z.string().refine(isCalendarDate, { error: 'date_invalid' });

/** A calendar date that is today or earlier. */
export function pastDateSchema(ctx: DeclarationContext) {
  return calendarDateSchema.refine((date) => date <= ctx.today, { error: 'date_in_future', ...whenClean });
}

/** An ISO 3166-1 alpha-2 code from COUNTRIES. */
export const countryCodeSchema = z.enum(COUNTRY_CODES, { error: orRequired('unknown_country') });

/** A list of distinct country codes, e.g. the countries visited in the last 14 days. */
export const countryListSchema = z
  .array(countryCodeSchema)
  .max(50)
  .refine((values) => new Set(values).size === values.length, { error: 'duplicate_choice', ...whenClean });

/** A province code (2 digits) of either dataset. */
export const provinceCodeSchema = unitCodeSchema.refine((code) => code.length === 2, { error: 'province_code_format', ...whenClean });
/** A district code (3 digits); only 2021 trees have districts. */
export const districtCodeSchema = unitCodeSchema.refine((code) => code.length === 3, { error: 'district_code_format', ...whenClean });
/** A commune, ward or special-zone code (5 digits). */
export const communeCodeSchema = unitCodeSchema.refine((code) => code.length === 5, { error: 'commune_code_format', ...whenClean });

/** A list of distinct unit codes of any tier, e.g. places visited. */
export const unitListSchema = z
  .array(unitCodeSchema)
  .max(50)
  .refine((values) => new Set(values).size === values.length, { error: 'duplicate_choice', ...whenClean });

interface UnitChain {
  provinceCode?: string | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
}

type IssueSink = { addIssue(issue: { code: 'custom'; message: string; path: PropertyKey[] }): void };

/**
 * With a unit tree, checks that each given code exists and lies within the codes above it.
 * Without one (the browser before the tree has loaded) only the formats are checked.
 */
export function checkUnitChain(ctx: DeclarationContext, value: UnitChain, sink: IssueSink): void {
  const tree = ctx.units;
  if (!tree) return;
  const chain = (['provinceCode', 'districtCode', 'communeCode'] as const).filter((key) => value[key] !== undefined);
  let parent: string | undefined;
  for (const key of chain) {
    const code = value[key] as string;
    if (!tree.get(code)) {
      sink.addIssue({ code: 'custom', message: 'unknown_unit', path: [key] });
      return;
    }
    if (parent !== undefined && !tree.contains(parent, code)) {
      sink.addIssue({ code: 'custom', message: 'unit_not_in_parent', path: [key] });
      return;
    }
    parent = code;
  }
}

/** With a unit tree, reports each code of a list that the tree does not hold. */
export function checkUnitList(ctx: DeclarationContext, codes: readonly string[], sink: IssueSink, path: PropertyKey[]): void {
  const tree = ctx.units;
  if (!tree) return;
  codes.forEach((code, index) => {
    if (!tree.get(code)) sink.addIssue({ code: 'custom', message: 'unknown_unit', path: [...path, index] });
  });
}

/**
 * Runs an object's cross-field rule only when the fields it reads are valid, so a wrong field gets its own
 * message and the rule still speaks when unrelated fields are wrong.
 */
export function whenFieldsValid(...fields: string[]) {
  return {
    // The object itself must have parsed as an object: a missing block is reported as required, not read.
    when: (payload: { value: unknown; issues: readonly { path?: readonly PropertyKey[] | undefined }[] }) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !payload.issues.some((issue) => fields.includes(String(issue.path?.[0]))),
  };
}

/** A postal address in Vietnam: units from the installation's tree plus the street part as typed. */
export function addressSchema(ctx: DeclarationContext) {
  return z
    .strictObject({
      provinceCode: provinceCodeSchema,
      // The 2025 tree has no district tier, so the district is asked only where one exists.
      districtCode: districtCodeSchema.optional(),
      communeCode: communeCodeSchema,
      street: requiredText(200),
    })
    .superRefine((value, issues) => checkUnitChain(ctx, value, issues), whenFieldsValid('provinceCode', 'districtCode', 'communeCode'));
}
