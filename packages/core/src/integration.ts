import { z } from 'zod';
import { unitCodeSchema } from './units.js';

/**
 * What a system's API key may do. `fhir.read` reads patients, cases, tests, contacts and places as
 * FHIR; `feed.read` polls the change feed; `labs.write` sends lab results; `aggregates.read` exports
 * daily counts (CSV, DHIS2).
 */
export const API_KEY_PERMISSIONS = ['fhir.read', 'feed.read', 'labs.write', 'aggregates.read'] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

/** Changes other systems can follow through the feed and webhooks. */
export const INTEGRATION_EVENT_TYPES = [
  'case.created',
  'case.updated',
  'contact.created',
  'contact.status_changed',
  'declaration.flagged',
  'risk_level.changed',
] as const;
export type IntegrationEventType = (typeof INTEGRATION_EVENT_TYPES)[number];

export const apiKeyCreateSchema = z.strictObject({
  name: z.string().trim().min(3).max(80),
  unitCode: unitCodeSchema,
  permissions: z.array(z.enum(API_KEY_PERMISSIONS)).min(1).max(API_KEY_PERMISSIONS.length),
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The start of the key as shown once, to recognise it in lists and logs; never enough to use it. */
  prefix: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  permissions: z.array(z.enum(API_KEY_PERMISSIONS)),
  status: z.enum(['active', 'revoked']),
  createdAt: z.number(),
  rotatedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The answer to creating or rotating a key: the secret appears here once and is never stored. */
export const apiKeySecretSchema = z.object({ key: apiKeySchema, secret: z.string() });

export const webhookCreateSchema = z.strictObject({
  apiKeyId: z.string().min(1).max(64),
  url: z.url().max(500),
  /** Empty: every event type. */
  eventTypes: z.array(z.enum(INTEGRATION_EVENT_TYPES)).max(INTEGRATION_EVENT_TYPES.length).default([]),
});

export const webhookSchema = z.object({
  id: z.string(),
  apiKeyId: z.string(),
  apiKeyName: z.string(),
  url: z.string(),
  eventTypes: z.array(z.enum(INTEGRATION_EVENT_TYPES)),
  status: z.enum(['active', 'disabled']),
  createdAt: z.number(),
  pending: z.number().int(),
  failed: z.number().int(),
  lastDeliveredAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookSecretSchema = z.object({ webhook: webhookSchema, secret: z.string() });

/** One change as the feed and webhooks carry it: ids and codes only, never names or phones. */
export const integrationEventSchema = z.object({
  id: z.string(),
  type: z.enum(INTEGRATION_EVENT_TYPES),
  /** Position in the feed; pass it as `after` to read what follows. */
  cursor: z.string(),
  occurredAt: z.string(),
  unitCode: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type IntegrationEvent = z.infer<typeof integrationEventSchema>;

export const LAB_RESULT_VALUES = ['positive', 'negative', 'inconclusive'] as const;
export const LAB_RESULT_STATUSES = ['pending', 'unmatched', 'mismatch', 'applied', 'recorded', 'dismissed'] as const;
export type LabResultStatus = (typeof LAB_RESULT_STATUSES)[number];

/** A lab result on the health officials' worklist. */
export const labResultSchema = z.object({
  id: z.string(),
  issuer: z.string(),
  resultId: z.string(),
  apiKeyName: z.string(),
  patientName: z.string(),
  /** How the person was found: by ID number, by phone, or not at all. */
  matchedBy: z.enum(['id_number', 'phone']).nullable(),
  personId: z.string().nullable(),
  caseId: z.string().nullable(),
  caseCode: z.string().nullable(),
  testName: z.string(),
  result: z.enum(LAB_RESULT_VALUES),
  specimenDate: z.string(),
  status: z.enum(LAB_RESULT_STATUSES),
  reason: z.string().nullable(),
  communeCode: z.string().nullable(),
  receivedAt: z.number(),
  handledAt: z.number().nullable(),
});
export type LabResult = z.infer<typeof labResultSchema>;

export const labResolveSchema = z.strictObject({
  action: z.enum(['apply', 'dismiss']),
  /** Apply to this case's person instead of the one matched (or when nobody was matched). */
  caseCode: z
    .string()
    .trim()
    .regex(/^BN-\d{5,}$/i, { error: 'bad_format' })
    .optional(),
  note: z.string().trim().max(500).optional(),
});
