import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DWELL_MINUTES, DEFAULT_HOME_UNIT, PLACE_TYPES, UNITS_DATASETS, type PlaceType } from '@phongdich/core';
import type { Environment } from './env.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  BASE_URL: z.url().optional(),
  UNITS_DATASET: z.enum(UNITS_DATASETS).default('vn-2025'),
  HOME_UNIT: z.string().regex(/^\d{2}$/, 'must be a two-digit province code').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: flag.default(false),
  BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).default(1024 * 1024),
  RATE_LIMIT_PER_MINUTE: int(1, 10_000_000).default(1200),
  LOGIN_RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(20),
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_LOCK_MINUTES: int(1, 24 * 60).default(15),
  SESSION_IDLE_HOURS: int(1, 24 * 30).default(12),
  CITIZEN_SESSION_DAYS: int(1, 3650).default(180),
  OTP_TTL_SECONDS: int(60, 3600).default(300),
  OTP_MAX_ATTEMPTS: int(1, 20).default(5),
  OTP_PER_PHONE_PER_HOUR: int(1, 1000).default(5),
  KEYRING: z.string().min(1).optional(),
  ARGON2_MEMORY_KIB: int(1024, 1024 * 1024).default(19456),
  PLACES_AUTO_APPROVE: flag.default(false),
  IMPORT_MAX_ROWS: int(1, 1_000_000).default(5000),
  SCAN_MAX_AGE_HOURS: int(1, 24 * 30).default(72),
  SCAN_BATCH_MS: int(0, 100).default(2),
  VISIT_RETENTION_DAYS: int(1, 3650).default(21),
  OWNER_SEES_VISITORS: flag.default(false),
  DECLARATION_PERIOD_DAYS: int(1, 365).default(7),
  INFECTIOUS_DAYS_BEFORE: int(0, 30).default(2),
  TRACE_BUFFER_MINUTES: int(0, 24 * 60).default(60),
  TRACE_BUFFER_BY_TYPE: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return z.partialRecord(z.enum(PLACE_TYPES), z.number().int().min(0).max(24 * 60)).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON like {"health_facility": 120} (minutes per place type)' });
        return z.NEVER;
      }
    }),
  TRACE_MAX_DEPTH: int(1, 10).default(2),
  CONTACT_QUARANTINE_DAYS: int(1, 60).default(14),
  WARNING_REPEATS: int(1, 10).default(2),
  WARNING_REPEAT_HOURS: int(1, 24 * 14).default(48),
  HEALTH_HOTLINE: z.string().trim().min(3).max(40).default('1900 9095'),
  RISK_CASE_THRESHOLDS: z
    .string()
    .default('20,50,150')
    .transform((text) => text.split(',').map((n) => Number(n.trim())))
    .pipe(z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]).refine(([a, b, c]) => a < b && b < c, { error: 'must be three increasing numbers, e.g. 20,50,150' })),
  RISK_MIN_VACCINATION_COVERAGE: z.coerce.number().min(0).max(100).default(70),
  RISK_DEFAULT_COMMUNE_POPULATION: int(100, 5_000_000).optional(),
  RISK_ROLLUP: z.enum(['weighted', 'max']).default('weighted'),
  MAP_STYLE_URL: z.url().optional(),
  MAX_ZONE_KM2: z.coerce.number().min(0.01).max(100_000).default(500),
  DECLARATION_FLAG_RULES: z
    .string()
    .default('any_symptom,contact_with_case,arrival_from_affected_area,vulnerable_with_symptoms')
    .transform((text) => text.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['any_symptom', 'contact_with_case', 'arrival_from_affected_area', 'vulnerable_with_symptoms']))),
  DWELL_MINUTES: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        const parsed = z.partialRecord(z.enum(PLACE_TYPES), z.number().int().min(5).max(7 * 24 * 60)).parse(JSON.parse(text));
        return { ...DEFAULT_DWELL_MINUTES, ...parsed };
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON like {"school": 480, "market": 120} (minutes per place type)' });
        return z.NEVER;
      }
    }),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  baseUrl: string;
  unitsDataset: (typeof UNITS_DATASETS)[number];
  homeUnit: string;
  logLevel: string;
  trustProxy: boolean;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  loginMaxFailures: number;
  loginLockMs: number;
  sessionIdleMs: number;
  citizenSessionMs: number;
  otpTtlMs: number;
  otpMaxAttempts: number;
  otpPerPhonePerHour: number;
  /** Base64 JSON keyring from the environment; when absent keys live in DATA_DIR/keys. */
  keyringFromEnv: string | undefined;
  argon2MemoryKib: number;
  /** Self-registered places are active at once instead of waiting for a commune official. */
  placesAutoApprove: boolean;
  importMaxRows: number;
  /** Offline scans older than this are refused. */
  scanMaxAgeMs: number;
  /** How long the scan writer gathers scans into one transaction. */
  scanBatchMs: number;
  visitRetentionMs: number;
  /** Owners see their visitors' masked names only, unless this is on. */
  ownerSeesVisitors: boolean;
  /** Stay after which an open visit is closed automatically, per place type (minutes). */
  dwellMinutes: Record<PlaceType, number>;
  /** A person with no declaration in this many days is asked to declare (after a scan, on the home screen). */
  declarationPeriodDays: number;
  /** Infectious period starts this many days before onset (or the positive test). */
  infectiousDaysBefore: number;
  /** Visits within this many minutes of a case's visit at the same place count as contact (PC-Covid: an hour), by place type. */
  traceBufferMs: Record<PlaceType, number>;
  /** Generations traced automatically (F1 = 1, F2 = 2…); deeper on demand. */
  traceMaxDepth: number;
  contactQuarantineDays: number;
  warningRepeats: number;
  warningRepeatMs: number;
  /** The health hotline named in warnings to contacts. */
  healthHotline: string;
  /** New community cases per 100,000 per week at which a commune reaches levels 2, 3 and 4 (Resolution 128). */
  riskCaseThresholds: [number, number, number];
  /** Below this vaccination coverage (%), a commune's level goes one step up. */
  riskMinVaccinationCoverage: number;
  /** Population assumed for a commune whose figures were not imported. */
  riskDefaultCommunePopulation: number;
  /** How district and province levels follow their communes'. */
  riskRollup: 'weighted' | 'max';
  /** A MapLibre style for the map where there is internet; the bundled boundaries otherwise. */
  mapStyleUrl: string | null;
  maxZoneKm2: number;
  /** Which answers raise a flag for commune and health officials. */
  declarationFlagRules: Array<'any_symptom' | 'contact_with_case' | 'arrival_from_affected_area' | 'vulnerable_with_symptoms'>;
  secureCookies: boolean;
  /** Settings that work but should not be used in production; logged loudly at start. */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment into a frozen Config, listing every problem at once. */
export function loadConfig(env: Environment): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const database = databaseOf(e.DATABASE_URL, dataDir);
  const warnings: string[] = [];
  const url = new URL(baseUrl);
  const local = ['localhost', '127.0.0.1', '::1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    warnings.push(`BASE_URL ${baseUrl} is not https: sessions and QR links travel unencrypted`);
  }
  if (e.KEYRING === undefined && database.kind === 'postgres') {
    warnings.push('KEYRING is not set: every server process sharing this database must share DATA_DIR/keys');
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    baseUrl,
    unitsDataset: e.UNITS_DATASET,
    homeUnit: e.HOME_UNIT ?? DEFAULT_HOME_UNIT[e.UNITS_DATASET],
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    sessionIdleMs: e.SESSION_IDLE_HOURS * 3_600_000,
    citizenSessionMs: e.CITIZEN_SESSION_DAYS * 86_400_000,
    otpTtlMs: e.OTP_TTL_SECONDS * 1000,
    otpMaxAttempts: e.OTP_MAX_ATTEMPTS,
    otpPerPhonePerHour: e.OTP_PER_PHONE_PER_HOUR,
    keyringFromEnv: e.KEYRING,
    argon2MemoryKib: e.ARGON2_MEMORY_KIB,
    placesAutoApprove: e.PLACES_AUTO_APPROVE,
    importMaxRows: e.IMPORT_MAX_ROWS,
    scanMaxAgeMs: e.SCAN_MAX_AGE_HOURS * 3_600_000,
    scanBatchMs: e.SCAN_BATCH_MS,
    visitRetentionMs: e.VISIT_RETENTION_DAYS * 86_400_000,
    ownerSeesVisitors: e.OWNER_SEES_VISITORS,
    dwellMinutes: e.DWELL_MINUTES,
    declarationPeriodDays: e.DECLARATION_PERIOD_DAYS,
    infectiousDaysBefore: e.INFECTIOUS_DAYS_BEFORE,
    traceBufferMs: Object.fromEntries(PLACE_TYPES.map((type) => [type, (e.TRACE_BUFFER_BY_TYPE[type] ?? e.TRACE_BUFFER_MINUTES) * 60_000])) as Record<PlaceType, number>,
    traceMaxDepth: e.TRACE_MAX_DEPTH,
    contactQuarantineDays: e.CONTACT_QUARANTINE_DAYS,
    warningRepeats: e.WARNING_REPEATS,
    warningRepeatMs: e.WARNING_REPEAT_HOURS * 3_600_000,
    healthHotline: e.HEALTH_HOTLINE,
    riskCaseThresholds: e.RISK_CASE_THRESHOLDS,
    riskMinVaccinationCoverage: e.RISK_MIN_VACCINATION_COVERAGE,
    // Vietnam's population over its communes: about 30,000 after the 2025 merger, 9,500 before.
    riskDefaultCommunePopulation: e.RISK_DEFAULT_COMMUNE_POPULATION ?? (e.UNITS_DATASET === 'vn-2021' ? 9_500 : 30_000),
    riskRollup: e.RISK_ROLLUP,
    mapStyleUrl: e.MAP_STYLE_URL ?? null,
    maxZoneKm2: e.MAX_ZONE_KM2,
    declarationFlagRules: e.DECLARATION_FLAG_RULES,
    secureCookies: url.protocol === 'https:',
    warnings,
  });
}

function databaseOf(url: string | undefined, dataDir: string): Config['database'] {
  if (url?.startsWith('postgres')) return { kind: 'postgres', url };
  if (url?.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  return { kind: 'sqlite', file: path.join(dataDir, 'phongdich.sqlite') };
}

/** The configuration documented in the README, for `phongdich config` and the docs test. */
export const CONFIG_KEYS = Object.keys(schema.shape);
