import { z } from 'zod';
import { phoneSchema } from './phone.js';
import { PLACE_TYPES, type PlaceType } from './places.js';

/** How a visit was recorded: the visitor scanned, or staff scanned or typed the visitor in. */
export const VISIT_METHODS = ['self_scan', 'manual_code', 'staff_personal_qr', 'staff_phone', 'staff_manual'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

export const SCAN_ACTIONS = ['check_in', 'check_out'] as const;
export type ScanAction = (typeof SCAN_ACTIONS)[number];

/** Default stay per place type, after which an open visit is closed automatically (minutes). */
export const DEFAULT_DWELL_MINUTES: Record<PlaceType, number> = {
  agency: 240,
  school: 600,
  health_facility: 240,
  market: 120,
  supermarket_mall: 120,
  restaurant_cafe: 120,
  hotel: 1440,
  station_port: 120,
  tourist_site: 240,
  factory_enterprise: 720,
  religious_site: 180,
  residential_building: 720,
  other: 180,
};

const clientEventId = z.uuid();
const scanTime = z.number().int().min(0).max(8_640_000_000_000);

/** A visitor's scan of a place's QR (or its short code typed by hand). */
export const scanRequestSchema = z
  .strictObject({
    token: z.string().min(1).max(100).optional(),
    code: z.string().min(1).max(20).optional(),
    /** Made on the phone when the scan happened; the same id sent again gets the same answer. */
    clientEventId,
    /** When the scan happened on the phone (epoch ms): offline scans arrive later with their real time. */
    scannedAt: scanTime,
  })
  .refine((value) => value.token !== undefined || value.code !== undefined, { error: 'required', path: ['token'] });
export type ScanRequest = z.infer<typeof scanRequestSchema>;

/** Staff checking a visitor in or out: by the visitor's personal QR, phone with a code, or by hand. */
export const staffScanSchema = z
  .strictObject({
    placeId: z.string().min(1).max(64),
    pointId: z.string().min(1).max(64).optional(),
    clientEventId,
    scannedAt: scanTime,
    personalToken: z.string().min(1).max(200).optional(),
    phone: phoneSchema.optional(),
    code: z.string().regex(/^\d{6}$/, { error: 'otp_format' }).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    /** Force a direction; by default a visitor inside is checked out and one outside checked in. */
    action: z.enum(SCAN_ACTIONS).optional(),
  })
  .refine((v) => v.personalToken !== undefined || v.phone !== undefined || v.name !== undefined, { error: 'required', path: ['personalToken'] });
export type StaffScan = z.infer<typeof staffScanSchema>;

export const staffLookupSchema = z.strictObject({ placeId: z.string().min(1).max(64), phone: phoneSchema });

export const scanResultSchema = z.object({
  action: z.enum(SCAN_ACTIONS),
  visitId: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  pointLabel: z.string(),
  at: z.number(),
  method: z.enum(VISIT_METHODS),
  /** The place asks every visitor for a health declaration (health facilities). */
  declarationRequired: z.boolean(),
  /** The person has no declaration in the configured period. */
  declarationDue: z.boolean(),
  /** Staff scans: the visitor as staff may see them (masked unless the installation allows more). */
  visitorLabel: z.string().nullable(),
  inside: z.number().int().nullable(),
});
export type ScanResult = z.infer<typeof scanResultSchema>;

export const visitSchema = z.object({
  id: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  placeType: z.enum(PLACE_TYPES),
  communeName: z.string(),
  pointLabel: z.string(),
  checkedInAt: z.number(),
  checkedOutAt: z.number().nullable(),
  checkoutMethod: z.enum(['scan', 'staff', 'auto']).nullable(),
  method: z.enum(VISIT_METHODS),
});
export type Visit = z.infer<typeof visitSchema>;

export const visitListSchema = z.object({ items: z.array(visitSchema) });

export const occupancySchema = z.object({
  inside: z.number().int(),
  today: z.number().int(),
  days: z.array(z.object({ date: z.string(), visits: z.number().int(), visitors: z.number().int() })),
});
export type Occupancy = z.infer<typeof occupancySchema>;

export const placeVisitSchema = z.object({
  id: z.string(),
  visitor: z.string(),
  pointLabel: z.string(),
  checkedInAt: z.number(),
  checkedOutAt: z.number().nullable(),
  method: z.enum(VISIT_METHODS),
});

export const personalQrSchema = z.object({
  /** The text inside the personal QR code (staff scan it). */
  token: z.string(),
  version: z.number().int(),
  displayName: z.string(),
});
export type PersonalQr = z.infer<typeof personalQrSchema>;

/** Personal QR tokens start with this, so a scanner can tell them from place URLs at a glance. */
export const PERSONAL_QR_PREFIX = 'PD1.';
