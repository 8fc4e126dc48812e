import { z } from 'zod';
import { phoneSchema } from './phone.js';
import { unitCodeSchema, unitSchema } from './units.js';

/**
 * Account roles (PRODUCT.md §1). Officials of communes, districts and provinces share one role;
 * their tier follows from the unit they are bound to. Place owners and scanner staff are citizens
 * with a membership of a place, so a phone account can be all three.
 */
export const ROLES = ['citizen', 'place_owner', 'scanner_staff', 'official', 'health_official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose accounts are bound to an administrative unit and see everything below it. */
export const UNIT_BOUND_ROLES: readonly Role[] = ['official', 'health_official'];

/** Roles created by an administrator with a username and password. */
export const STAFF_ROLES = ['official', 'health_official', 'admin', 'place_owner', 'scanner_staff'] as const;

/** Managing sectors of places (the departments the source instruction names). */
export const SECTORS = [
  'public_administration',
  'health',
  'education',
  'culture_sports_tourism',
  'transport',
  'industry_trade',
  'labour_social',
  'industrial_zones',
  'agriculture',
  'religion',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, { error: 'username_format' });

/** At least 10 characters with letters and digits: long enough to resist guessing with argon2id. */
export const newPasswordSchema = z
  .string()
  .max(200)
  .refine((value) => value.length >= 10 && /\p{L}/u.test(value) && /\d/.test(value), { error: 'password_weak' });

export const loginRequestSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
  /** The authenticator app's 6-digit code, or a recovery code, for accounts with a second factor. */
  code: z.string().trim().min(1).max(20).optional(),
});

/** Starting TOTP enrolment: the secret as a QR code (SVG) and as text for typing into the app. */
export const totpEnrolmentSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const totpCodeSchema = z.strictObject({ code: z.string().trim().min(1).max(20) });
export const totpDisableSchema = z.strictObject({ password: z.string().min(1).max(200), code: z.string().trim().min(1).max(20) });

export const otpRequestSchema = z.strictObject({ phone: phoneSchema });
export const otpVerifySchema = z.strictObject({
  phone: phoneSchema,
  code: z.string().regex(/^\d{6}$/, { error: 'otp_format' }),
});

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});

export const sessionUserSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  username: z.string().nullable(),
  displayName: z.string(),
  /** Phone with all but the last digits masked; never the full number. */
  phoneMasked: z.string().nullable(),
  unitCode: z.string().nullable(),
  sector: z.enum(SECTORS).nullable(),
  mustChangePassword: z.boolean(),
  /** Two-step verification (an authenticator app's codes) is on for this password account. */
  totpEnabled: z.boolean(),
  /** The account's role must use two-step verification (TOTP_REQUIRED_ROLES): turning it off restricts the account again. */
  totpRequired: z.boolean(),
  /** The account's role must use two-step verification and it is not on yet: until it is, only the account's own set-up answers (TOTP_REQUIRED_ROLES). */
  totpEnrolmentRequired: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const meSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
  /** The unit the account sees (with its ancestors), or null for the whole installation. */
  scopeUnit: unitSchema.extend({ ancestors: z.array(unitSchema) }).nullable(),
  homeUnitCode: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const otpRequestResultSchema = z.object({ expiresInSeconds: z.number().int() });

export const userSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitCode: z.string().nullable(),
  sector: z.enum(SECTORS).nullable(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.number().nullable(),
  lastLoginAt: z.number().nullable(),
  createdAt: z.number(),
  /** Two-step verification is on for the account. */
  totpEnabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const userCreateSchema = z.strictObject({
  username: usernameSchema,
  password: newPasswordSchema,
  displayName: z.string().trim().min(1).max(120),
  role: z.enum(STAFF_ROLES),
  unitCode: unitCodeSchema.nullable().optional(),
  sector: z.enum(SECTORS).nullable().optional(),
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(),
  role: z.enum(STAFF_ROLES).optional(),
  unitCode: unitCodeSchema.nullable().optional(),
  sector: z.enum(SECTORS).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  password: newPasswordSchema.optional(),
  /** Turns off the account's two-step verification, for a colleague who lost both phone and recovery codes. */
  resetTwoStep: z.literal(true).optional(),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  unit: unitCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  unitCode: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  action: z.string().max(80).optional(),
  actor: z.string().max(80).optional(),
  subjectId: z.string().max(80).optional(),
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const auditListSchema = z.object({ items: z.array(auditEntrySchema) });
