import { z } from 'zod';
import { phoneSchema } from './phone.js';
import { unitCodeSchema } from './units.js';

export const CASE_CLASSIFICATIONS = ['suspected', 'probable', 'confirmed'] as const;
export const TEST_RESULTS_LAB = ['pending', 'positive', 'negative'] as const;
export const CASE_OUTCOMES = ['active', 'recovered', 'deceased'] as const;
export const CONTACT_SOURCES = ['presence', 'movement', 'bluetooth', 'interview', 'household'] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];
export const CONTACT_STATUSES = ['new', 'quarantined', 'released', 'became_case', 'lost'] as const;
export const FOLLOWUP_STATUSES = ['well', 'unwell', 'not_reached'] as const;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' });

export const caseInputSchema = z.strictObject({
  phone: phoneSchema,
  fullName: z.string().trim().min(1).max(100),
  communeCode: unitCodeSchema,
  streetAddress: z.string().trim().max(200).optional(),
  classification: z.enum(CASE_CLASSIFICATIONS),
  /** Symptom onset, a calendar date in Vietnam; absent for asymptomatic cases. */
  onsetDate: localDate.optional(),
  testDate: localDate.optional(),
  testResult: z.enum(TEST_RESULTS_LAB).optional(),
  isolationDate: localDate.optional(),
  isolationPlace: z.string().trim().max(200).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type CaseInput = z.infer<typeof caseInputSchema>;

export const caseUpdateSchema = caseInputSchema.omit({ phone: true, fullName: true, communeCode: true }).partial().extend({
  outcome: z.enum(CASE_OUTCOMES).optional(),
});

export const caseSchema = z.object({
  id: z.string(),
  code: z.string(),
  personId: z.string(),
  fullName: z.string(),
  phone: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  classification: z.enum(CASE_CLASSIFICATIONS),
  onsetDate: z.string().nullable(),
  testDate: z.string().nullable(),
  testResult: z.enum(TEST_RESULTS_LAB).nullable(),
  isolationDate: z.string().nullable(),
  isolationPlace: z.string().nullable(),
  outcome: z.enum(CASE_OUTCOMES),
  infectiousFrom: z.number(),
  infectiousUntil: z.number(),
  fromContactId: z.string().nullable(),
  contactCount: z.number().int(),
  createdAt: z.number(),
});
export type Case = z.infer<typeof caseSchema>;

export const contactSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  generation: z.number().int(),
  parentContactId: z.string().nullable(),
  personId: z.string().nullable(),
  displayName: z.string(),
  phone: z.string().nullable(),
  sources: z.array(z.enum(CONTACT_SOURCES)),
  placeId: z.string().nullable(),
  placeName: z.string().nullable(),
  windowStart: z.number(),
  windowEnd: z.number(),
  exposureMinutes: z.number(),
  score: z.number(),
  status: z.enum(CONTACT_STATUSES),
  quarantineStart: z.string().nullable(),
  quarantineEnd: z.string().nullable(),
  team: z.string().nullable(),
  lastFollowup: z.object({ date: z.string(), status: z.enum(FOLLOWUP_STATUSES) }).nullable(),
  becameCaseId: z.string().nullable(),
  warnedAt: z.number().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const interviewContactSchema = z.strictObject({
  phone: phoneSchema,
  name: z.string().trim().min(1).max(100),
  relation: z.enum(['household', 'colleague', 'friend', 'other']),
  lastContactAt: z.number().int(),
  note: z.string().trim().max(500).optional(),
});

export const contactUpdateSchema = z.strictObject({
  status: z.enum(['new', 'quarantined', 'released', 'lost']).optional(),
  quarantineStart: localDate.optional(),
  quarantineEnd: localDate.optional(),
  team: z.string().trim().max(100).optional(),
});

export const followupInputSchema = z.strictObject({
  date: localDate,
  status: z.enum(FOLLOWUP_STATUSES),
  note: z.string().trim().max(500).optional(),
});

export const conversionSchema = z.strictObject({
  classification: z.enum(CASE_CLASSIFICATIONS),
  onsetDate: localDate.optional(),
  testDate: localDate.optional(),
  testResult: z.enum(TEST_RESULTS_LAB).optional(),
  communeCode: unitCodeSchema,
  fullName: z.string().trim().min(1).max(100).optional(),
});

export const chainSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['case', 'contact']),
      generation: z.number().int(),
      label: z.string(),
      status: z.string(),
      caseId: z.string().nullable(),
      at: z.number(),
    }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string(), source: z.string(), placeName: z.string().nullable(), at: z.number() })),
});
export type Chain = z.infer<typeof chainSchema>;

export const warningSchema = z.object({
  id: z.string(),
  placeName: z.string().nullable(),
  source: z.enum(CONTACT_SOURCES),
  windowStart: z.number(),
  windowEnd: z.number(),
  quarantineEnd: z.string().nullable(),
  generation: z.number().int(),
});

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Midnight in Vietnam of a calendar date, as epoch ms. */
export function localMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS;
}

/** The calendar date in Vietnam of an instant. */
export function localDateOf(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The infectious period (PRODUCT.md §7): from `daysBefore` days before symptom onset — or before the
 * positive test when there were no symptoms — until isolation (or now, while not isolated).
 */
export function infectiousWindow(
  caseDates: { onsetDate?: string | null; testDate?: string | null; isolationDate?: string | null; createdAt: number },
  rule: { daysBefore: number },
  now: number,
): { from: number; until: number } {
  const anchor = caseDates.onsetDate ?? caseDates.testDate ?? localDateOf(caseDates.createdAt);
  const from = localMidnight(anchor) - rule.daysBefore * DAY_MS;
  const until = caseDates.isolationDate ? localMidnight(caseDates.isolationDate) + DAY_MS : now;
  return { from, until: Math.max(from, Math.min(until, now)) };
}

/** Minutes two intervals overlap (0 when they do not). */
export function overlapMinutes(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) / 60_000;
}

/**
 * How strong an exposure is, 0–100: the source kind sets the floor (a household is close), shared
 * minutes at a place add up to an hour's worth, a visit within the buffer but not overlapping is weak.
 */
export function exposureScore(source: ContactSource, minutes: number): number {
  switch (source) {
    case 'household':
      return 100;
    case 'interview':
      return 90;
    case 'bluetooth':
      return Math.min(100, 40 + minutes * 2);
    case 'movement':
      return 60;
    case 'presence':
      return minutes > 0 ? Math.min(80, 20 + minutes) : 10;
  }
}
