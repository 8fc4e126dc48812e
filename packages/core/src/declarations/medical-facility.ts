import { z } from 'zod';
import { UUID_PATTERN } from '../ids.js';
import { domesticShape } from './domestic.js';
import { checkUnitList, choiceOf, type DeclarationContext, optionalText, whenFieldsValid } from './fields.js';
import {
  DECLARED_FOR_FIELD,
  DOMESTIC_HEALTH_FIELDS,
  DOMESTIC_HEALTH_STEPS,
  type FormVersionDefinition,
  PERSON_FIELDS,
  personSteps,
} from './labels.js';
import { VISIT_REASONS } from './options.js';

/** The current version tag of the declaration made at a medical facility. */
export const MEDICAL_FACILITY_V1 = 'medical_facility@1';

/** Declaration at a medical facility, version 1: the domestic form opened from the facility's QR code. */
export function medicalFacilitySchemaV1(ctx: DeclarationContext) {
  return z
    .strictObject({
      formVersion: z.literal(MEDICAL_FACILITY_V1, { error: 'unknown_form_version' }),
      // Taken from the scanned QR, never typed; the server checks the place exists and is a health facility.
      placeId: z.string().regex(UUID_PATTERN, { error: 'place_id_format' }),
      visitReason: choiceOf(VISIT_REASONS),
      visitReasonNote: optionalText(200),
      ...domesticShape(ctx),
    })
    .superRefine((value, issues) => checkUnitList(ctx, value.visitedUnits, issues, ['visitedUnits']), whenFieldsValid('visitedUnits'))
    .superRefine((value, issues) => {
      if (value.visitReason === 'other' && !value.visitReasonNote) {
        issues.addIssue({ code: 'custom', message: 'visit_reason_note_required', path: ['visitReasonNote'] });
      }
    }, whenFieldsValid('visitReason', 'visitReasonNote'));
}

/** A validated medical-facility declaration, version 1. */
export type MedicalFacilityDeclarationV1 = z.output<ReturnType<typeof medicalFacilitySchemaV1>>;

/** Schema, labels and steps of medical_facility@1. */
export const MEDICAL_FACILITY_FORM_V1: FormVersionDefinition<ReturnType<typeof medicalFacilitySchemaV1>> = {
  schema: medicalFacilitySchemaV1,
  fields: {
    ...DECLARED_FOR_FIELD,
    ...PERSON_FIELDS,
    ...DOMESTIC_HEALTH_FIELDS,
    visitReason: { label: { vi: 'Lý do đến cơ sở y tế', en: 'Why are you coming?' }, input: 'single_choice', options: VISIT_REASONS },
    visitReasonNote: { label: { vi: 'Lý do khác (ghi rõ)', en: 'Other reason (specify)' }, input: 'text' },
  },
  steps: [
    {
      id: 'visit',
      title: { vi: 'Đến cơ sở y tế', en: 'Your visit' },
      fields: ['visitReason', 'visitReasonNote', 'declaredFor'],
    },
    ...personSteps([]),
    ...DOMESTIC_HEALTH_STEPS,
  ],
  hidden: ['formVersion', 'placeId'],
};
