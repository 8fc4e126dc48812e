import { z } from 'zod';
import { DECLARATION_KINDS } from './declarations/forms.js';
import { phoneSchema } from './phone.js';
import { unitCodeSchema } from './units.js';

/** Submitting a declaration: the form record is checked against its version's schema by the server. */
export const declarationSubmitSchema = z.strictObject({
  clientEventId: z.uuid(),
  /** A family member declared for; omitted when declaring for oneself. */
  subjectId: z.string().min(1).max(64).optional(),
  declaration: z.record(z.string(), z.unknown()),
});

export const FLAG_REASON_CODES = ['any_symptom', 'contact_with_case', 'arrival_from_affected_area', 'vulnerable_with_symptoms'] as const;

export const declarationReceiptSchema = z.object({
  id: z.string(),
  kind: z.enum(DECLARATION_KINDS),
  formVersion: z.string(),
  submittedAt: z.number(),
  flagged: z.boolean(),
  flagReasons: z.array(z.enum(FLAG_REASON_CODES)),
  subject: z.object({ id: z.string(), displayName: z.string() }),
  personalQr: z.object({ token: z.string(), version: z.number().int(), displayName: z.string() }),
});
export type DeclarationReceipt = z.infer<typeof declarationReceiptSchema>;

export const myDeclarationSchema = z.object({
  id: z.string(),
  kind: z.enum(DECLARATION_KINDS),
  formVersion: z.string(),
  submittedAt: z.number(),
  flagged: z.boolean(),
  subjectId: z.string(),
  subjectName: z.string(),
});
export type MyDeclaration = z.infer<typeof myDeclarationSchema>;

export const declarationStatusSchema = z.object({
  declarationDue: z.boolean(),
  lastDeclaredAt: z.number().nullable(),
  monitoring: z.object({ until: z.string(), dailyUpdateDue: z.boolean() }).nullable(),
});
export type DeclarationStatus = z.infer<typeof declarationStatusSchema>;

/** Officials' search: exact lookups by name, phone or ID number, filters by unit, form, date and flag. */
export const declarationQuerySchema = z.strictObject({
  unit: unitCodeSchema.optional(),
  kind: z.enum(DECLARATION_KINDS).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'bad_format' }).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'bad_format' }).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  phone: phoneSchema.optional(),
  idNumber: z.string().trim().min(1).max(20).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type DeclarationQuery = z.infer<typeof declarationQuerySchema>;

export const declarationSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(DECLARATION_KINDS),
  formVersion: z.string(),
  submittedAt: z.number(),
  flagged: z.boolean(),
  flagReasons: z.array(z.string()),
  fullName: z.string(),
  phone: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string(),
});
export type DeclarationSummary = z.infer<typeof declarationSummarySchema>;

export const flagSchema = z.object({
  id: z.string(),
  declarationId: z.string(),
  reasons: z.array(z.string()),
  fullName: z.string(),
  phone: z.string().nullable(),
  communeName: z.string(),
  status: z.enum(['open', 'handled']),
  note: z.string().nullable(),
  createdAt: z.number(),
  handledAt: z.number().nullable(),
});

export const monitoringInputSchema = z.strictObject({
  phone: phoneSchema,
  days: z.number().int().min(1).max(60),
  reason: z.string().trim().min(1).max(300),
  communeCode: unitCodeSchema,
});

export const monitoringSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  displayName: z.string(),
  reason: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  communeName: z.string(),
  updatedToday: z.boolean(),
  lastUpdateAt: z.number().nullable(),
});

export const CITIZEN_REPORT_KINDS = ['suspected_case', 'arrival_from_affected_area', 'place_not_enforcing', 'other'] as const;

export const citizenReportInputSchema = z.strictObject({
  kind: z.enum(CITIZEN_REPORT_KINDS),
  description: z.string().trim().min(1).max(2000),
  communeCode: unitCodeSchema,
  location: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  /** A photo as a data URL (JPEG or PNG), at most about 1.5 MB. */
  photo: z
    .string()
    .max(2_000_000)
    .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, { error: 'bad_format' })
    .optional(),
});

export const citizenReportSchema = z.object({
  id: z.string(),
  kind: z.enum(CITIZEN_REPORT_KINDS),
  description: z.string(),
  hasPhoto: z.boolean(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  communeName: z.string(),
  status: z.enum(['open', 'forwarded', 'closed']),
  resolution: z.string().nullable(),
  createdAt: z.number(),
});

export const riskSettingsSchema = z.strictObject({
  affectedCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250),
  affectedUnits: z.array(unitCodeSchema).max(5000),
});
export type RiskSettings = z.infer<typeof riskSettingsSchema>;
