// Public API of the health-declaration contracts; helpers used only between these files stay unexported here.
export { BORDER_GATE_CODES, BORDER_GATES, type BorderGate, type BorderGateCode, type BorderGateKind, findBorderGate } from './border-gates.js';
export { COUNTRIES, COUNTRY_CODES, type CountryCode } from './countries.js';
export { DAILY_UPDATE_FORM_V1, DAILY_UPDATE_V1, type DailyUpdateV1, dailyUpdateSchemaV1 } from './daily-update.js';
export { DOMESTIC_FORM_V1, DOMESTIC_V1, type DomesticDeclarationV1, domesticSchemaV1 } from './domestic.js';
export { ENTRY_FORM_V1, ENTRY_V1, type EntryDeclarationV1, entrySchemaV1 } from './entry.js';
export {
  addressSchema,
  calendarDateSchema,
  countryCodeSchema,
  type DeclarationContext,
  isCalendarDate,
  vehicleNumberSchema,
} from './fields.js';
export {
  type Declaration,
  DECLARATION_FORMS,
  DECLARATION_KINDS,
  type DeclarationFormDefinition,
  type DeclarationKind,
  declarationSchema,
  formKindOf,
  formVersionDefinition,
  isOutdatedFormVersion,
} from './forms.js';
export type { BilingualText, FieldInput, FieldSpec, FormStep, FormVersionDefinition } from './labels.js';
export {
  MEDICAL_FACILITY_FORM_V1,
  MEDICAL_FACILITY_V1,
  type MedicalFacilityDeclarationV1,
  medicalFacilitySchemaV1,
} from './medical-facility.js';
export { DECLARATION_MESSAGES } from './messages.js';
export { journeyPointSchema, MOVEMENT_FORM_V1, MOVEMENT_V1, type MovementDeclarationV1, movementSchemaV1 } from './movement.js';
export {
  CHRONIC_CONDITIONS,
  CONTACT_QUESTIONS,
  DAILY_SYMPTOMS,
  DECLARED_FOR,
  type DeclarationOption,
  DOMESTIC_SYMPTOMS,
  ENTRY_SYMPTOMS,
  ENTRY_VEHICLES,
  EXPOSURE_QUESTIONS,
  GENDERS,
  HEALTHY,
  ID_DOCUMENT_TYPES,
  MOVEMENT_VEHICLES,
  QUARANTINE_CHOICES,
  TEST_RESULTS,
  TRAVELLER_TYPES,
  VISIT_REASONS,
} from './options.js';
export {
  contactPhoneSchema,
  DOMESTIC_ID_TYPES,
  ENTRY_ID_TYPES,
  type IdDocumentType,
  normalizeInternationalPhone,
  type Person,
  personSchema,
} from './person.js';
export { DEFAULT_VULNERABLE_AGE, type RiskContext, riskSignals, type RiskSignals } from './risk-answers.js';
