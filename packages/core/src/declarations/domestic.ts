import { z } from 'zod';
import {
  checkUnitList,
  choiceOf,
  choicesOf,
  countryListSchema,
  type DeclarationContext,
  optionalText,
  unitListSchema,
  whenFieldsValid,
  yesNoSchema,
} from './fields.js';
import {
  DECLARED_FOR_FIELD,
  DOMESTIC_HEALTH_FIELDS,
  DOMESTIC_HEALTH_STEPS,
  type FormVersionDefinition,
  PERSON_FIELDS,
  personSteps,
} from './labels.js';
import { CHRONIC_CONDITIONS, DECLARED_FOR, DOMESTIC_SYMPTOMS } from './options.js';
import { personSchema } from './person.js';

/** The current version tag of the domestic (NCOVI / universal) declaration. */
export const DOMESTIC_V1 = 'domestic@1';

/** The questions of the domestic form without its version tag; the medical-facility form asks them too. */
export function domesticShape(ctx: DeclarationContext) {
  return {
    declaredFor: choiceOf(DECLARED_FOR),
    person: personSchema(ctx),
    // Places in the last 14 days: people may write them, pick them, or both (PRODUCT.md §5).
    visitedPlaces: optionalText(500),
    visitedUnits: unitListSchema.default([]),
    visitedCountries: countryListSchema.default([]),
    symptoms: choicesOf(DOMESTIC_SYMPTOMS),
    contactWithCase: yesNoSchema,
    contactWithTraveller: yesNoSchema,
    contactWithSymptomatic: yesNoSchema,
    chronicConditions: choicesOf(CHRONIC_CONDITIONS),
  };
}

/** Domestic declaration, version 1: the NCOVI / universal health declaration. */
export function domesticSchemaV1(ctx: DeclarationContext) {
  return z
    .strictObject({ formVersion: z.literal(DOMESTIC_V1, { error: 'unknown_form_version' }), ...domesticShape(ctx) })
    .superRefine((value, issues) => checkUnitList(ctx, value.visitedUnits, issues, ['visitedUnits']), whenFieldsValid('visitedUnits'));
}

/** A validated domestic declaration, version 1. */
export type DomesticDeclarationV1 = z.output<ReturnType<typeof domesticSchemaV1>>;

/** Schema, labels and steps of domestic@1. */
export const DOMESTIC_FORM_V1: FormVersionDefinition<ReturnType<typeof domesticSchemaV1>> = {
  schema: domesticSchemaV1,
  fields: { ...DECLARED_FOR_FIELD, ...PERSON_FIELDS, ...DOMESTIC_HEALTH_FIELDS },
  steps: [...personSteps(), ...DOMESTIC_HEALTH_STEPS],
  hidden: ['formVersion'],
};
