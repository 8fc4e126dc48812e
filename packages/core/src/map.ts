import { z } from 'zod';
import { locationSchema } from './places.js';
import { phoneSchema } from './phone.js';
import { unitCodeSchema } from './units.js';

/** Risk levels of Resolution 128/NQ-CP: 1 low (green), 2 medium (yellow), 3 high (orange), 4 very high (red). */
export const RISK_LEVELS = [1, 2, 3, 4] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, { vi: string; en: string; colour: string }> = {
  1: { vi: 'Cấp 1 – Nguy cơ thấp (bình thường mới)', en: 'Level 1 – low risk (new normal)', colour: '#1a9850' },
  2: { vi: 'Cấp 2 – Nguy cơ trung bình', en: 'Level 2 – medium risk', colour: '#f4c430' },
  3: { vi: 'Cấp 3 – Nguy cơ cao', en: 'Level 3 – high risk', colour: '#f46d23' },
  4: { vi: 'Cấp 4 – Nguy cơ rất cao', en: 'Level 4 – very high risk', colour: '#c81e1e' },
};

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' });

export const unitRiskSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int().min(1).max(4),
  computedLevel: z.number().int().min(1).max(4),
  overridden: z.boolean(),
  date: z.string(),
  newCases7d: z.number().int(),
  casesPer100k: z.number(),
  population: z.number().int().nullable(),
  vaccinationCoverage: z.number().nullable(),
});
export type UnitRisk = z.infer<typeof unitRiskSchema>;

export const riskOverrideSchema = z.strictObject({
  level: z.number().int().min(1).max(4),
  reason: z.string().trim().min(5).max(500),
  /** Until this date (inclusive) the override holds; the daily computation resumes after it. */
  until: localDate.optional(),
});

/** Figures a commune's level is computed from, imported by officials (population, vaccination, treatment). */
export const unitStatisticsSchema = z.strictObject({
  communeCode: unitCodeSchema,
  population: z.number().int().min(1).max(5_000_000),
  /** Share of adults with a full vaccination course, 0–100. */
  vaccinationCoverage: z.number().min(0).max(100).optional(),
  /** Whether the commune's treatment capacity still meets its needs (Resolution 128's third criterion). */
  treatmentCapacityOk: z.boolean().optional(),
});

export const ZONE_KINDS = ['lockdown', 'isolation'] as const;
export const ZONE_KIND_LABELS: Record<(typeof ZONE_KINDS)[number], { vi: string; en: string }> = {
  lockdown: { vi: 'Phong tỏa', en: 'Lockdown' },
  isolation: { vi: 'Cách ly y tế vùng', en: 'Area isolation' },
};

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** A GeoJSON polygon (outer ring only, or with holes), lon/lat, closed rings. */
export const polygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(position).min(4).max(2000)).min(1).max(20),
});

export const zoneInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ZONE_KINDS),
  geometry: polygonSchema,
  startsOn: localDate,
  endsOn: localDate.optional(),
  note: z.string().trim().max(1000).optional(),
});
export const zoneSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ZONE_KINDS),
  geometry: polygonSchema,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  note: z.string().nullable(),
  communeCodes: z.array(z.string()),
  areaKm2: z.number(),
});

export const SITE_KINDS = ['test', 'vaccination', 'treatment'] as const;
export const SITE_KIND_LABELS: Record<(typeof SITE_KINDS)[number], { vi: string; en: string }> = {
  test: { vi: 'Điểm xét nghiệm', en: 'Testing site' },
  vaccination: { vi: 'Điểm tiêm chủng', en: 'Vaccination site' },
  treatment: { vi: 'Cơ sở thu dung, điều trị', en: 'Treatment facility' },
};
export const siteInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(SITE_KINDS),
  communeCode: unitCodeSchema,
  address: z.string().trim().min(1).max(300),
  location: locationSchema,
  openingHours: z.string().trim().max(200).optional(),
  phone: phoneSchema.optional(),
  /** Beds for a treatment facility, tests or doses a day for the others. */
  capacity: z.number().int().min(0).max(1_000_000).optional(),
});
export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(SITE_KINDS),
  communeCode: z.string(),
  communeName: z.string(),
  address: z.string(),
  location: z.object({ lat: z.number(), lon: z.number() }),
  openingHours: z.string().nullable(),
  phone: z.string().nullable(),
  capacity: z.number().int().nullable(),
});

/** Safety self-assessment: the share of risk points not covered by measures in place, in percent. */
export const SAFETY_LEVELS = ['very_low', 'low', 'medium', 'high', 'very_high'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];
export const SAFETY_LEVEL_LABELS: Record<SafetyLevel, { vi: string; en: string; colour: string }> = {
  very_low: { vi: 'Nguy cơ rất thấp', en: 'Very low risk', colour: '#1a9850' },
  low: { vi: 'Nguy cơ thấp', en: 'Low risk', colour: '#91cf60' },
  medium: { vi: 'Nguy cơ trung bình', en: 'Medium risk', colour: '#f4c430' },
  high: { vi: 'Nguy cơ cao', en: 'High risk', colour: '#f46d23' },
  very_high: { vi: 'Nguy cơ rất cao', en: 'Very high risk', colour: '#c81e1e' },
};

/** The 2020 workplace guidance bands: ≤15 very low, 16–30 low, 31–50 medium, 51–80 high, 81–100 very high. */
export function safetyLevelOf(riskPercent: number): SafetyLevel {
  if (riskPercent <= 15) return 'very_low';
  if (riskPercent <= 30) return 'low';
  if (riskPercent <= 50) return 'medium';
  if (riskPercent <= 80) return 'high';
  return 'very_high';
}

export const assessmentInputSchema = z.strictObject({
  criteriaSet: z.string().min(1).max(40),
  /** Criterion id → true when the measure is in place. Every criterion of the set must be answered. */
  answers: z.record(z.string().min(1).max(40), z.boolean()),
});
export const assessmentSchema = z.object({
  id: z.string(),
  placeId: z.string(),
  criteriaSet: z.string(),
  riskPercent: z.number(),
  level: z.enum(SAFETY_LEVELS),
  overriddenLevel: z.enum(SAFETY_LEVELS).nullable(),
  overrideReason: z.string().nullable(),
  answers: z.record(z.string(), z.boolean()),
  assessedAt: z.number(),
});
export const assessmentOverrideSchema = z.strictObject({
  level: z.enum(SAFETY_LEVELS),
  reason: z.string().trim().min(5).max(500),
});

export const mapLayerNames = ['risk', 'checkpoints', 'case_places', 'zones', 'sites'] as const;
export const mapLayersQuerySchema = z.strictObject({
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, { error: 'bad_format' })
    .transform((text) => text.split(',').map(Number) as [number, number, number, number]),
  zoom: z.coerce.number().min(0).max(22),
  layers: z
    .string()
    .default('checkpoints,case_places,zones,sites')
    .transform((text) => text.split(',').filter(Boolean))
    .pipe(z.array(z.enum(mapLayerNames))),
  days: z.coerce.number().int().refine((d) => d === 14 || d === 21, { error: 'days_14_or_21' }).default(14),
});
