import { z } from 'zod';

// Wire contracts of Bluetooth exposure notification (PRODUCT.md §6): verification codes issued by health
// officials, the code → token → certificate exchange, key upload, export keys, and shared matches.
// Protocol fields keep the names of the Exposure Notification verification and key servers.

/** What a health official certifies: a positive test, or a clinical diagnosis without one. */
export const EXPOSURE_TEST_TYPES = ['confirmed', 'likely'] as const;
export type ExposureTestType = (typeof EXPOSURE_TEST_TYPES)[number];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' });
const base64 = z.string().max(128).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'bad_format' });
/** Random text clients add so every request of a kind has the same size (EN apps do the same). */
const padding = z.string().max(4096).optional();

export const exposureCodeInputSchema = z.strictObject({
  /** The case (cases module) the code is issued for; keys uploaded with it are linked to that case. */
  caseId: z.string().min(1).max(64).optional(),
  testType: z.enum(EXPOSURE_TEST_TYPES),
  symptomDate: localDate.optional(),
  testDate: localDate.optional(),
});
export type ExposureCodeInput = z.infer<typeof exposureCodeInputSchema>;

export const exposureCodeIssuedSchema = z.object({
  id: z.string(),
  /** 8 digits, valid 15 minutes: read out or typed. */
  shortCode: z.string(),
  shortExpiresAt: z.number(),
  /** 16 characters, valid 24 hours: sent as a link. */
  longCode: z.string(),
  longExpiresAt: z.number(),
  link: z.string(),
  caseCode: z.string().nullable(),
});
export type ExposureCodeIssued = z.infer<typeof exposureCodeIssuedSchema>;

export const EXPOSURE_CODE_STATES = ['unused', 'used', 'expired'] as const;

export const exposureCodeListItemSchema = z.object({
  id: z.string(),
  issuedAt: z.number(),
  issuedBy: z.string(),
  caseCode: z.string().nullable(),
  testType: z.enum(EXPOSURE_TEST_TYPES),
  state: z.enum(EXPOSURE_CODE_STATES),
  longExpiresAt: z.number(),
  usedAt: z.number().nullable(),
});
export type ExposureCodeListItem = z.infer<typeof exposureCodeListItemSchema>;

export const exposureVerifyRequestSchema = z.strictObject({
  code: z.string().trim().min(8).max(40),
  padding,
});

export const exposureVerifyResponseSchema = z.object({
  token: z.string(),
  testType: z.enum(EXPOSURE_TEST_TYPES),
  symptomDate: z.string().nullable(),
  testDate: z.string().nullable(),
  /** The first day (UTC, YYYY-MM-DD) whose keys the phone should upload: the start of the infectious period. */
  keysFrom: z.string(),
  expiresAt: z.number(),
});
export type ExposureVerifyResponse = z.infer<typeof exposureVerifyResponseSchema>;

export const exposureCertificateRequestSchema = z.strictObject({
  token: z.string().min(10).max(200),
  /** base64(HMAC-SHA256(hmacKey, cleartext of the keys)): all the verification side learns about the keys. */
  ekeyhmac: base64.min(40),
  padding,
});

export const exposureCertificateResponseSchema = z.object({ certificate: z.string(), expiresAt: z.number() });

export const exposureKeyInputSchema = z.strictObject({
  key: base64,
  rollingStartNumber: z.number().int().min(0).max(2 ** 31 - 1),
  rollingPeriod: z.number().int().min(0).max(1000),
  transmissionRisk: z.number().int().min(0).max(8),
});
export type ExposureKeyInput = z.infer<typeof exposureKeyInputSchema>;

export const exposurePublishSchema = z.strictObject({
  temporaryExposureKeys: z.array(exposureKeyInputSchema).min(1).max(100),
  hmacKey: base64.min(20),
  verificationPayload: z.string().min(20).max(4096),
  healthAuthorityID: z.string().max(100).optional(),
  symptomOnsetInterval: z.number().int().min(0).optional(),
  traveler: z.boolean().optional(),
  padding,
});
export type ExposurePublish = z.infer<typeof exposurePublishSchema>;

export const exposurePublishResponseSchema = z.object({
  insertedExposures: z.number().int(),
  /** When the last of the still-valid keys will be published (null when all go out with the next export). */
  embargoedUntil: z.number().nullable(),
});

export const exposureSigningKeySchema = z.object({
  verificationKeyId: z.string(),
  verificationKeyVersion: z.string(),
  algorithm: z.string(),
  publicKey: z.string(),
  createdAt: z.number(),
  retiredAt: z.number().nullable(),
});

export const exposureExportInfoSchema = z.object({
  region: z.string(),
  /** Path of index.txt; its lines are paths of archives relative to `filesBase`. */
  index: z.string(),
  filesBase: z.string(),
  signingKeys: z.array(exposureSigningKeySchema),
  lastExportAt: z.number().nullable(),
});
export type ExposureExportInfo = z.infer<typeof exposureExportInfoSchema>;

export const exposureExportRunSchema = z.object({
  files: z.array(z.string()),
  keys: z.number().int(),
  padded: z.number().int(),
});

export const exposureShareSchema = z.strictObject({
  /** The published keys the phone matched, as they appear in the export files. */
  keys: z.array(z.strictObject({ key: base64, rollingStartNumber: z.number().int().min(0) })).min(1).max(30),
  exposureDate: localDate,
  windowStart: z.number().int(),
  windowEnd: z.number().int(),
  weightedMinutes: z.number().min(0).max(24 * 60),
  level: z.enum(['low', 'high']),
});
export type ExposureShare = z.infer<typeof exposureShareSchema>;

export const exposureShareResultSchema = z.object({ shared: z.number().int(), linkedToCase: z.boolean() });

export const exposureShareListItemSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  exposureDate: z.string(),
  weightedMinutes: z.number(),
  level: z.string(),
  createdAt: z.number(),
});
