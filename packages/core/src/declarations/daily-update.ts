import { z } from 'zod';
import { choiceOf, choicesOf, type DeclarationContext, pastDateSchema } from './fields.js';
import { DECLARED_FOR_FIELD, type FormVersionDefinition, PERSON_FIELDS, personSteps } from './labels.js';
import { DAILY_SYMPTOMS, DECLARED_FOR, HEALTHY } from './options.js';
import { personSchema } from './person.js';

/** The current version tag of the daily health update. */
export const DAILY_UPDATE_V1 = 'daily_update@1';

// "Healthy" is an answer of its own: with a symptom beside it the answer contradicts itself.
const dailySymptomsSchema = choicesOf(DAILY_SYMPTOMS).superRefine((symptoms, issues) => {
  if (symptoms.length === 0) issues.addIssue({ code: 'custom', message: 'daily_symptoms_required' });
  else if (symptoms.length > 1 && symptoms.includes(HEALTHY)) issues.addIssue({ code: 'custom', message: 'healthy_with_symptoms' });
});

/** Daily health update, version 1, for people in quarantine or under monitoring. */
export function dailyUpdateSchemaV1(ctx: DeclarationContext) {
  return z.strictObject({
    formVersion: z.literal(DAILY_UPDATE_V1, { error: 'unknown_form_version' }),
    declaredFor: choiceOf(DECLARED_FOR),
    person: personSchema(ctx),
    date: pastDateSchema(ctx),
    symptoms: dailySymptomsSchema,
    // Optional: monitoring sheets record it, but not everyone has a thermometer.
    temperatureC: z.number().min(34).max(43).optional(),
  });
}

/** A validated daily update, version 1. */
export type DailyUpdateV1 = z.output<ReturnType<typeof dailyUpdateSchemaV1>>;

/** Schema, labels and steps of daily_update@1; today's health comes first because the rest is usually prefilled. */
export const DAILY_UPDATE_FORM_V1: FormVersionDefinition<ReturnType<typeof dailyUpdateSchemaV1>> = {
  schema: dailyUpdateSchemaV1,
  fields: {
    ...DECLARED_FOR_FIELD,
    ...PERSON_FIELDS,
    date: { label: { vi: 'Ngày khai báo', en: 'Date of this update' }, input: 'date' },
    symptoms: {
      label: { vi: 'Tình trạng sức khỏe hôm nay', en: 'How are you today?' },
      help: { vi: 'Chọn các triệu chứng đang có, hoặc “Khỏe mạnh”.', en: 'Choose the symptoms you have, or “Healthy”.' },
      input: 'multiple_choice',
      options: DAILY_SYMPTOMS,
    },
    temperatureC: {
      label: { vi: 'Nhiệt độ cơ thể (°C), nếu đã đo', en: 'Body temperature (°C), if you measured it' },
      input: 'number',
    },
  },
  steps: [
    { id: 'today', title: { vi: 'Sức khỏe hôm nay', en: 'Your health today' }, fields: ['date', 'symptoms', 'temperatureC'] },
    ...personSteps(),
  ],
  hidden: ['formVersion'],
};
