import { z } from 'zod';
import { SECTORS } from './accounts.js';
import { phoneSchema } from './phone.js';
import { unitCodeSchema } from './units.js';

/** Kinds of places that register as checkpoints (PRODUCT.md §3). */
export const PLACE_TYPES = [
  'agency',
  'school',
  'health_facility',
  'market',
  'supermarket_mall',
  'restaurant_cafe',
  'hotel',
  'station_port',
  'tourist_site',
  'factory_enterprise',
  'religious_site',
  'residential_building',
  'other',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

export const PLACE_TYPE_LABELS: Record<PlaceType, { vi: string; en: string }> = {
  agency: { vi: 'Cơ quan, đơn vị', en: 'Agency, public office' },
  school: { vi: 'Trường học', en: 'School' },
  health_facility: { vi: 'Cơ sở y tế', en: 'Health facility' },
  market: { vi: 'Chợ', en: 'Market' },
  supermarket_mall: { vi: 'Siêu thị, trung tâm thương mại', en: 'Supermarket, shopping mall' },
  restaurant_cafe: { vi: 'Nhà hàng, quán ăn, cà phê', en: 'Restaurant, eatery, café' },
  hotel: { vi: 'Khách sạn, nhà nghỉ', en: 'Hotel, guest house' },
  station_port: { vi: 'Bến xe, nhà ga, bến cảng', en: 'Bus station, railway station, port' },
  tourist_site: { vi: 'Khu du lịch, điểm tham quan', en: 'Tourist site' },
  factory_enterprise: { vi: 'Nhà máy, doanh nghiệp', en: 'Factory, enterprise' },
  religious_site: { vi: 'Cơ sở tôn giáo, tín ngưỡng', en: 'Religious site' },
  residential_building: { vi: 'Chung cư, khu dân cư', en: 'Residential building' },
  other: { vi: 'Khác', en: 'Other' },
};

export const SECTOR_LABELS: Record<(typeof SECTORS)[number], { vi: string; en: string }> = {
  public_administration: { vi: 'Cơ quan hành chính', en: 'Public administration' },
  health: { vi: 'Y tế', en: 'Health' },
  education: { vi: 'Giáo dục', en: 'Education' },
  culture_sports_tourism: { vi: 'Văn hóa, Thể thao và Du lịch', en: 'Culture, Sports and Tourism' },
  transport: { vi: 'Giao thông vận tải', en: 'Transport' },
  industry_trade: { vi: 'Công thương', en: 'Industry and Trade' },
  labour_social: { vi: 'Lao động – Thương binh và Xã hội', en: 'Labour, Invalids and Social Affairs' },
  industrial_zones: { vi: 'Khu công nghiệp', en: 'Industrial zones' },
  agriculture: { vi: 'Nông nghiệp', en: 'Agriculture' },
  religion: { vi: 'Tôn giáo', en: 'Religion' },
  other: { vi: 'Khác', en: 'Other' },
};

/** The sector a place of each type usually belongs to; a default the form offers, not a rule. */
export const DEFAULT_SECTOR: Record<PlaceType, (typeof SECTORS)[number]> = {
  agency: 'public_administration',
  school: 'education',
  health_facility: 'health',
  market: 'industry_trade',
  supermarket_mall: 'industry_trade',
  restaurant_cafe: 'culture_sports_tourism',
  hotel: 'culture_sports_tourism',
  station_port: 'transport',
  tourist_site: 'culture_sports_tourism',
  factory_enterprise: 'industrial_zones',
  religious_site: 'religion',
  residential_building: 'other',
  other: 'other',
};

export const PLACE_STATUSES = ['pending', 'active', 'suspended'] as const;
export type PlaceStatus = (typeof PLACE_STATUSES)[number];

export const locationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Location = z.infer<typeof locationSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

/** What an owner or official types to register a place. */
export const placeInputSchema = z.strictObject({
  name: text(200),
  type: z.enum(PLACE_TYPES),
  sector: z.enum(SECTORS),
  communeCode: unitCodeSchema,
  streetAddress: text(300),
  location: locationSchema.nullable().optional(),
  contactName: text(120),
  contactPhone: phoneSchema,
  capacity: z.number().int().min(0).max(1_000_000).nullable().optional(),
  openingHours: z.string().trim().max(200).nullable().optional(),
  /** Ask for a health declaration at every visit (always for health facilities). */
  requiresDeclaration: z.boolean().optional(),
  /** Labels of the QR points to create with the place, e.g. gates and meeting rooms. */
  points: z.array(text(100)).max(50).optional(),
});
export type PlaceInput = z.infer<typeof placeInputSchema>;

/** An official registering on an owner's behalf names the owner by phone. */
export const placeRegistrationSchema = placeInputSchema.extend({
  ownerPhone: phoneSchema.optional(),
});
export type PlaceRegistration = z.infer<typeof placeRegistrationSchema>;

export const placeUpdateSchema = placeInputSchema.omit({ points: true }).partial();
export type PlaceUpdate = z.infer<typeof placeUpdateSchema>;

export const pointSchema = z.object({
  id: z.string(),
  placeId: z.string(),
  label: z.string(),
  status: z.enum(['active', 'revoked']),
  version: z.number().int(),
  shortCode: z.string(),
  url: z.string().nullable(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
});
export type Point = z.infer<typeof pointSchema>;

export const placeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(PLACE_TYPES),
  sector: z.enum(SECTORS),
  communeCode: z.string(),
  communeName: z.string(),
  streetAddress: z.string(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  status: z.enum(PLACE_STATUSES),
  statusReason: z.string().nullable(),
  pointCount: z.number().int(),
  registrationChannel: z.enum(['self', 'official', 'import']),
  createdAt: z.number(),
});
export type PlaceSummary = z.infer<typeof placeSummarySchema>;

export const placeDetailSchema = placeSummarySchema.extend({
  contactName: z.string(),
  contactPhone: z.string(),
  capacity: z.number().int().nullable(),
  openingHours: z.string().nullable(),
  requiresDeclaration: z.boolean(),
  points: z.array(pointSchema),
  /** The signed-in account's relation to the place. */
  myRole: z.enum(['owner', 'staff', 'official', 'admin']).nullable(),
  unitPath: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type PlaceDetail = z.infer<typeof placeDetailSchema>;

export const placeListQuerySchema = z.strictObject({
  unit: unitCodeSchema.optional(),
  type: z.enum(PLACE_TYPES).optional(),
  sector: z.enum(SECTORS).optional(),
  status: z.enum(PLACE_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['name', 'created', 'commune']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
});
export type PlaceListQuery = z.infer<typeof placeListQuerySchema>;

export const placeListSchema = z.object({ items: z.array(placeSummarySchema), total: z.number().int() });

export const pointInputSchema = z.strictObject({ label: text(100) });

export const statusChangeSchema = z.strictObject({
  status: z.enum(PLACE_STATUSES),
  reason: z.string().trim().max(500).optional(),
});

export const staffInputSchema = z.strictObject({ phone: phoneSchema, name: z.string().trim().max(120).optional() });

export const staffMemberSchema = z.object({
  userId: z.string(),
  role: z.enum(['owner', 'staff']),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  addedAt: z.number(),
});

/** What a scanned QR code resolves to: enough for the check-in page, nothing personal. */
export const resolvedPointSchema = z.object({
  pointId: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  pointLabel: z.string(),
  placeType: z.enum(PLACE_TYPES),
  communeName: z.string(),
  unitPath: z.array(z.string()),
  requiresDeclaration: z.boolean(),
});
export type ResolvedPoint = z.infer<typeof resolvedPointSchema>;

/** Short codes printed under the QR for manual entry: Crockford base32, no I/L/O/U look-alikes. */
export const SHORT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Accepts a short code as people type it (lower case, with spaces or dashes) and normalises it. */
export function normalizeShortCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export const TARGET_STATUSES = ['registered', 'missing'] as const;

export const targetInputSchema = z.strictObject({
  name: text(200),
  type: z.enum(PLACE_TYPES),
  sector: z.enum(SECTORS),
  communeCode: unitCodeSchema,
  streetAddress: z.string().trim().max(300).optional(),
  note: z.string().trim().max(500).optional(),
});
export type TargetInput = z.infer<typeof targetInputSchema>;

export const targetSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(PLACE_TYPES),
  sector: z.enum(SECTORS),
  communeCode: z.string(),
  communeName: z.string(),
  streetAddress: z.string(),
  note: z.string().nullable(),
  placeId: z.string().nullable(),
  placeName: z.string().nullable(),
  status: z.enum(TARGET_STATUSES),
  createdAt: z.number(),
});
export type Target = z.infer<typeof targetSchema>;

export const targetListQuerySchema = z.strictObject({
  unit: unitCodeSchema.optional(),
  status: z.enum(TARGET_STATUSES).optional(),
  type: z.enum(PLACE_TYPES).optional(),
  sector: z.enum(SECTORS).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const targetListSchema = z.object({
  items: z.array(targetSchema),
  total: z.number().int(),
  registered: z.number().int(),
  missing: z.number().int(),
});

export const importRowErrorSchema = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });

export const importReportSchema = z.object({
  kind: z.enum(['places', 'targets']),
  dryRun: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  errors: z.array(importRowErrorSchema),
  /** Problems with the file as a whole: columns, encoding, size. Nothing is imported when present. */
  fileErrors: z.array(z.string()),
});
export type ImportReport = z.infer<typeof importReportSchema>;
