import { z } from 'zod';
import { phoneSchema } from '../phone.js';
import {
  addressSchema,
  choiceOf,
  countryCodeSchema,
  type DeclarationContext,
  requiredText,
  whenFieldsValid,
  yearOf,
} from './fields.js';
import { GENDERS, type ID_DOCUMENT_TYPES } from './options.js';

/** A kind of identity document, from ID_DOCUMENT_TYPES. */
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number]['code'];

/** Documents accepted on the domestic forms. */
export const DOMESTIC_ID_TYPES = ['cccd', 'cmnd', 'passport', 'none'] as const satisfies readonly IdDocumentType[];
/** Documents accepted at the border (VHD: "passport or other valid travel document"). */
export const ENTRY_ID_TYPES = ['passport', 'travel_document'] as const satisfies readonly IdDocumentType[];

// CMND cards were issued with 9 digits, and with 12 digits from 2012 until the CCCD replaced them.
const ID_SHAPES: Record<Exclude<IdDocumentType, 'none'>, { pattern: RegExp; key: string }> = {
  cccd: { pattern: /^\d{12}$/, key: 'id_number_format_cccd' },
  cmnd: { pattern: /^(\d{9}|\d{12})$/, key: 'id_number_format_cmnd' },
  passport: { pattern: /^[A-Z0-9]{6,9}$/, key: 'id_number_format_passport' },
  travel_document: { pattern: /^[A-Z0-9]{5,20}$/, key: 'id_number_format_travel_document' },
};

/** Age (by birth year) from which a person must give an identity document: the age a CCCD becomes mandatory. */
export const ID_REQUIRED_FROM_AGE = 14;

/** Earliest birth year accepted; anything before is a typing mistake. */
export const MIN_BIRTH_YEAR = 1900;

const E164_INTERNATIONAL = /^\+[1-9]\d{6,14}$/;

/**
 * Normalises a foreign phone number written with + or 00 and the country code to E.164, or returns null.
 * Vietnamese numbers are phoneSchema's business; this only handles the rest.
 */
export function normalizeInternationalPhone(input: string): string | null {
  const compact = compactPhone(input);
  return E164_INTERNATIONAL.test(compact) && !compact.startsWith('+84') ? compact : null;
}

// Spaces, dots, brackets and hyphens are how people group digits; "00" is the international call prefix.
function compactPhone(input: string): string {
  const compact = input.trim().replace(/[\s.()/-]/g, '');
  return compact.startsWith('00') ? '+' + compact.slice(2) : compact;
}

/**
 * A contact phone: a Vietnamese number (any usual spelling, checked by phoneSchema) or a foreign one written
 * with + and its country code, for foreigners and Vietnamese abroad. Outputs E.164 either way, so phone
 * lookups find the person however the number was typed.
 */
export const contactPhoneSchema = z
  .string()
  .max(30)
  .transform((value, ctx) => {
    const compact = compactPhone(value);
    if (compact.startsWith('+') && !compact.startsWith('+84')) {
      const phone = normalizeInternationalPhone(compact);
      if (phone) return phone;
      ctx.addIssue({ code: 'custom', message: 'phone_international_invalid' });
      return z.NEVER;
    }
    const vietnamese = phoneSchema.safeParse(compact);
    if (vietnamese.success) return vietnamese.data;
    // "+84…" is plainly meant as Vietnamese, so phoneSchema's own message fits; otherwise explain both ways.
    ctx.addIssue({ code: 'custom', message: compact.startsWith('+84') ? 'phone_invalid' : 'phone_vn_or_international' });
    return z.NEVER;
  });

// The simple shape most providers accept; deliverability is the mail server's question, not the form's.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An optional email address, lower-cased; an empty string counts as not given. */
export const optionalEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .refine((value) => value === '' || EMAIL.test(value), { error: 'email_invalid' })
  .optional();

/** The identity-document number as people type it: spaces dropped, letters upper-cased. */
const idNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .overwrite((value) => value.replace(/\s+/g, ''))
  .max(20)
  .optional();

/** Options of the person block. */
export interface PersonOptions {
  /** Identity documents this form accepts; defaults to the domestic ones. */
  idTypes?: readonly [IdDocumentType, ...IdDocumentType[]];
}

/**
 * The person block shared by all declaration forms (PRODUCT.md §5): who the declaration is about.
 * A factory because the birth-year bound depends on today's date.
 */
export function personSchema(ctx: DeclarationContext, options: PersonOptions = {}) {
  const currentYear = yearOf(ctx.today);
  const idTypes = options.idTypes ?? DOMESTIC_ID_TYPES;
  return z
    .strictObject({
      fullName: requiredText(100),
      idType: z.enum(idTypes, { error: (issue) => (issue.input === undefined ? 'required' : undefined) }),
      idNumber: idNumberSchema,
      birthYear: z
        .number()
        .int()
        .min(MIN_BIRTH_YEAR, { error: 'birth_year_too_early' })
        .max(currentYear, { error: 'birth_year_future' }),
      gender: choiceOf(GENDERS),
      nationality: countryCodeSchema,
      phone: contactPhoneSchema,
      email: optionalEmailSchema,
      address: addressSchema(ctx),
    })
    .superRefine((person, issues) => {
      if (person.idType === 'none') {
        if (person.idNumber) issues.addIssue({ code: 'custom', message: 'id_number_unexpected', path: ['idNumber'] });
        if (currentYear - person.birthYear > ID_REQUIRED_FROM_AGE) {
          issues.addIssue({ code: 'custom', message: 'id_required_from_14', path: ['idType'] });
        }
        return;
      }
      if (!person.idNumber) {
        issues.addIssue({ code: 'custom', message: 'required', path: ['idNumber'] });
        return;
      }
      const shape = ID_SHAPES[person.idType];
      if (!shape.pattern.test(person.idNumber)) issues.addIssue({ code: 'custom', message: shape.key, path: ['idNumber'] });
    }, whenFieldsValid('idType', 'idNumber', 'birthYear'));
}

/** A validated person block. */
export type Person = z.output<ReturnType<typeof personSchema>>;
