import { z } from 'zod';
import { SECTORS } from './accounts.js';
import { normalizePhone } from './phone.js';
import { unitCodeSchema } from './units.js';

// Messaging wire contracts and pure rules (PRODUCT.md §10), shared by the server and the web wizard.

/** The channels every message goes out through, behind one outbox. */
export const CHANNELS = ['sms', 'ott', 'email', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Variables a campaign template may use; any other `{name}` is refused. */
export const CAMPAIGN_VARIABLES = ['unit', 'date', 'url', 'hotline'] as const;

/** The `{name}` variables a template uses, in order of first use. */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1] ?? ''))];
}

/** Variables of a template that are not allowed (an empty list when the template is fine). */
export function unknownVariables(text: string, allowed: readonly string[] = CAMPAIGN_VARIABLES): string[] {
  return templateVariables(text).filter((name) => !allowed.includes(name));
}

/** Replaces each `{name}` with its value; unknown names are left as written. */
export function renderText(text: string, vars: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(vars, key) ? String(vars[key]) : whole));
}

// Characters that are the same in ASCII and in the GSM 03.38 default alphabet, so a text made only of
// them can go out as one octet per character (160 per SMS) without a translation table.
const GSM_SAFE = /^[A-Za-z0-9 \n\r!"#%&'()*+,\-./:;<=>?]*$/;

export interface SmsSplit {
  /** `gsm` (data_coding 0, 160 characters) or `ucs2` (data_coding 8, 70 characters): Vietnamese needs UCS-2. */
  encoding: 'gsm' | 'ucs2';
  /** The text of each SMS; more than one means concatenated SMS with a UDH (153 or 67 characters each). */
  parts: string[];
}

/**
 * Splits a text into SMS parts (3GPP TS 23.040 §9.2.3.24.1 concatenation). UCS-2 parts never cut a
 * surrogate pair, so an emoji is not broken across two messages.
 * @example splitSms('Xin chào').encoding === 'ucs2'
 */
export function splitSms(text: string): SmsSplit {
  const encoding = GSM_SAFE.test(text) ? 'gsm' : 'ucs2';
  const single = encoding === 'gsm' ? 160 : 70;
  const each = encoding === 'gsm' ? 153 : 67;
  if (text.length <= single) return { encoding, parts: [text] };
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + each, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return { encoding, parts };
}

/** How often a campaign repeats; a recurrence must end (after `count` runs, or on `until`). */
export const recurrenceSchema = z.strictObject({
  frequency: z.enum(['daily', 'weekly', 'monthly']),
  interval: z.number().int().min(1).max(12).default(1),
  count: z.number().int().min(1).max(366).nullable().optional(),
  until: z.iso.date().nullable().optional(),
});
export type Recurrence = z.infer<typeof recurrenceSchema>;

/** The most runs one campaign may have (a year of daily reminders). */
export const MAX_CAMPAIGN_RUNS = 366;

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

function addLocalMonths(at: number, months: number): number {
  const local = new Date(at + VN_OFFSET_MS);
  const day = local.getUTCDate();
  const target = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, 1, local.getUTCHours(), local.getUTCMinutes()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.getTime() - VN_OFFSET_MS;
}

/**
 * The times (epoch ms) a campaign runs: its start, then every interval until `count` runs or the
 * local date `until`, at most `limit`. A campaign without recurrence runs once. Months keep the day of
 * the month (the 31st becomes the last day of shorter months).
 */
export function campaignRunTimes(startAt: number, recurrence: Recurrence | null, limit = MAX_CAMPAIGN_RUNS + 1): number[] {
  if (!recurrence) return [startAt];
  const count = recurrence.count ?? null;
  const times: number[] = [];
  for (let k = 0; times.length < limit; k++) {
    if (count !== null && k >= count) break;
    const step = k * recurrence.interval;
    const at = recurrence.frequency === 'monthly' ? addLocalMonths(startAt, step) : startAt + step * (recurrence.frequency === 'weekly' ? 7 : 1) * DAY_MS;
    if (recurrence.until && new Date(at + VN_OFFSET_MS).toISOString().slice(0, 10) > recurrence.until) break;
    times.push(at);
    if (count === null && !recurrence.until) break;
  }
  return times;
}

/** Quiet hours in local (Vietnam) minutes after midnight; start > end spans midnight (21:00–07:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/**
 * The earliest time at or after `at` outside quiet hours: campaign messages that fall inside wait
 * until they end.
 * @example deferPastQuietHours(22:30 local, 21:00–07:00) → 07:00 the next morning
 */
export function deferPastQuietHours(at: number, quiet: QuietHours | null): number {
  if (!quiet || quiet.startMinute === quiet.endMinute) return at;
  const local = at + VN_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = (local - dayStart) / 60_000;
  const { startMinute: s, endMinute: e } = quiet;
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return at;
  const endToday = dayStart + e * 60_000;
  const end = s < e || minute < e ? endToday : endToday + DAY_MS;
  return end - VN_OFFSET_MS;
}

export const campaignAudienceSchema = z.discriminatedUnion('kind', [
  /** People whose latest health declaration gives an address in the unit. */
  z.strictObject({ kind: z.literal('citizens'), unitCode: unitCodeSchema }),
  /** Owners of active places in the unit, optionally of one sector. */
  z.strictObject({ kind: z.literal('place_owners'), unitCode: unitCodeSchema, sector: z.enum(SECTORS).nullable().optional() }),
  /** Officials and health officials bound to the unit or a unit inside it. */
  z.strictObject({ kind: z.literal('officials'), unitCode: unitCodeSchema }),
  /** A pasted or uploaded list: one phone (or e-mail for the e-mail channel) per row, optionally a language. */
  z.strictObject({ kind: z.literal('custom'), list: z.string().min(1).max(2_000_000) }),
]);
export type CampaignAudience = z.infer<typeof campaignAudienceSchema>;

export const campaignTemplateSchema = z.strictObject({
  vi: z.string().trim().min(1).max(1000),
  en: z.string().trim().min(1).max(1000),
});

export const campaignInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  channel: z.enum(CHANNELS),
  audience: campaignAudienceSchema,
  template: campaignTemplateSchema,
  /** First run (epoch ms); null sends now. */
  startAt: z.number().int().nullable(),
  recurrence: recurrenceSchema.nullable(),
});
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export interface ListRecipient {
  /** 1-based row of the list as the official sees it. */
  row: number;
  /** E.164 phone, or a lower-cased e-mail address. */
  address: string;
  language: 'vi' | 'en';
}

export interface ListProblem {
  row: number;
  value: string;
  problem: 'phone_invalid' | 'email_invalid' | 'language_invalid';
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const ADDRESS_HEADINGS = ['phone', 'so dien thoai', 'sdt', 'dien thoai', 'email', 'e-mail', 'thu dien tu'];
const LANGUAGE_HEADINGS = ['language', 'ngon ngu', 'lang'];

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[_"']/g, ' ')
    .trim();
}

/**
 * Reads a pasted or CSV list of recipients: one per line, or a CSV whose heading names a phone (or
 * e-mail) column and optionally a language column. Every bad row is reported with its number;
 * repeated addresses are kept once.
 */
export function parseRecipientList(text: string, kind: 'phone' | 'email'): { recipients: ListRecipient[]; problems: ListProblem[]; duplicates: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const split = (line: string) => line.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
  const heading = split(lines[0] ?? '').map(fold);
  const hasHeading = heading.some((cell) => ADDRESS_HEADINGS.includes(cell));
  const addressColumn = hasHeading ? heading.findIndex((cell) => ADDRESS_HEADINGS.includes(cell)) : 0;
  const languageColumn = hasHeading ? heading.findIndex((cell) => LANGUAGE_HEADINGS.includes(cell)) : 1;
  const recipients: ListRecipient[] = [];
  const problems: ListProblem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  lines.forEach((line, index) => {
    if ((hasHeading && index === 0) || line.trim() === '') return;
    const cells = split(line);
    const value = cells[addressColumn] ?? '';
    const row = index + 1;
    const address = kind === 'phone' ? normalizePhone(value) : EMAIL.test(value) ? value.toLowerCase() : null;
    if (!address) return void problems.push({ row, value, problem: kind === 'phone' ? 'phone_invalid' : 'email_invalid' });
    const lang = fold(languageColumn >= 0 ? (cells[languageColumn] ?? '') : '');
    if (lang && !['vi', 'en', 'tieng viet', 'english'].includes(lang)) return void problems.push({ row, value: cells[languageColumn] ?? '', problem: 'language_invalid' });
    if (seen.has(address)) return void duplicates++;
    seen.add(address);
    recipients.push({ row, address, language: lang === 'en' || lang === 'english' ? 'en' : 'vi' });
  });
  return { recipients, problems, duplicates };
}

export const listProblemSchema = z.object({ row: z.number().int(), value: z.string(), problem: z.enum(['phone_invalid', 'email_invalid', 'language_invalid']) });

/** A campaign is scheduled until its first run, running between runs, paused by an official, then completed or cancelled. */
export const campaignStatusSchema = z.enum(['scheduled', 'running', 'paused', 'completed', 'cancelled']);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

export const runFiguresSchema = z.object({
  recipients: z.number().int(),
  skippedOptOut: z.number().int(),
  skippedNoAddress: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
});
export type RunFigures = z.infer<typeof runFiguresSchema>;

export const campaignRunSchema = runFiguresSchema.extend({
  id: z.string(),
  number: z.number().int(),
  scheduledAt: z.number(),
  startedAt: z.number().nullable(),
  /** When every message of the run was queued (null while the audience is still being queued). */
  queuedAt: z.number().nullable(),
});
export type CampaignRun = z.infer<typeof campaignRunSchema>;

export const campaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(CHANNELS),
  audience: z.object({ kind: z.enum(['citizens', 'place_owners', 'officials', 'custom']), unitCode: z.string().nullable(), unitName: z.string().nullable(), sector: z.string().nullable(), listSize: z.number().int().nullable() }),
  status: campaignStatusSchema,
  startAt: z.number(),
  recurrence: recurrenceSchema.nullable(),
  runCount: z.number().int(),
  runsDone: z.number().int(),
  nextRunAt: z.number().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
  totals: runFiguresSchema,
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const campaignDetailSchema = campaignSummarySchema.extend({
  template: campaignTemplateSchema,
  runs: z.array(campaignRunSchema),
  cancelledAt: z.number().nullable(),
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;

const renderedSchema = z.object({ text: z.string(), characters: z.number().int(), parts: z.number().int(), encoding: z.enum(['gsm', 'ucs2']) });

export const campaignPreviewSchema = z.object({
  vi: renderedSchema,
  en: renderedSchema,
  recipients: z.number().int(),
  skippedOptOut: z.number().int(),
  skippedNoAddress: z.number().int(),
  runTimes: z.array(z.number()),
  runCount: z.number().int(),
  /** True when quiet hours move some run later than scheduled. */
  quietHoursApply: z.boolean(),
  listProblems: z.array(listProblemSchema),
});
export type CampaignPreview = z.infer<typeof campaignPreviewSchema>;

export const recipientListCheckSchema = z.object({
  valid: z.number().int(),
  duplicates: z.number().int(),
  problems: z.array(listProblemSchema),
});

/** A custom list checked row by row before a campaign is created. */
export const recipientListInputSchema = z.strictObject({ channel: z.enum(CHANNELS), list: z.string().min(1).max(2_000_000) });

export const testSendResultSchema = z.object({ recipientMasked: z.string(), messageId: z.string() });

export const testSendInputSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  template: campaignTemplateSchema,
  language: z.enum(['vi', 'en']),
  /** The official's own phone, remembered for later tests when the account has none. */
  phone: z.string().max(20).optional(),
  email: z.string().max(200).optional(),
});
export type TestSendInput = z.infer<typeof testSendInputSchema>;

export const messagePreferencesSchema = z.object({
  campaignsOptOut: z.boolean(),
  language: z.enum(['vi', 'en']),
  /** Messages always sent, whatever the choice (sign-in codes, contact warnings…). */
  mandatory: z.array(z.string()),
  pushPublicKey: z.string().nullable(),
  pushSubscriptions: z.number().int(),
});
export type MessagePreferences = z.infer<typeof messagePreferencesSchema>;

export const messagePreferencesInputSchema = z.strictObject({
  campaignsOptOut: z.boolean().optional(),
  language: z.enum(['vi', 'en']).optional(),
});

export const pushSubscriptionInputSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
  keys: z.strictObject({ p256dh: z.string().min(10).max(200), auth: z.string().min(4).max(100) }),
});
