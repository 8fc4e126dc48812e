import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DWELL_MINUTES, DEFAULT_HOME_UNIT, PLACE_TYPES, STAFF_ROLES, UNITS_DATASETS, type PlaceType, type Role } from '@phongdich/core';
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
  TOTP_REQUIRED_ROLES: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const roles = text.split(',').map((r) => r.trim()).filter(Boolean);
      const unknown = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
      if (unknown.length > 0) {
        // Citizens are refused too: they sign in with a code sent to their phone and have no password to pair a second factor with.
        ctx.addIssue({ code: 'custom', message: `${unknown.map((r) => `"${r}"`).join(', ')} cannot be required to use two-step verification: list roles separated by commas among ${STAFF_ROLES.join(', ')}` });
        return z.NEVER;
      }
      return Object.freeze([...new Set(roles)] as Role[]);
    }),
  SESSION_IDLE_HOURS: int(1, 24 * 30).default(12),
  SESSION_CACHE_SECONDS: int(0, 60).default(15),
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
  JOB_INTERVAL_PERCENT: int(1, 100).default(100),
  // Which background jobs this process runs; names are checked against the job list at start-up (jobsToRun).
  JOBS: z
    .string()
    .default('all')
    .transform((text): 'all' | readonly string[] => {
      const names = text.split(',').map((n) => n.trim()).filter(Boolean);
      if (names.length === 1 && names[0] === 'all') return 'all';
      if (names.length === 1 && names[0] === 'none') return Object.freeze([]);
      return Object.freeze([...new Set(names)]);
    }),
  VISIT_RETENTION_DAYS: int(1, 3650).default(21),
  DECLARATION_RETENTION_DAYS: int(1, 3650).default(21),
  CASE_RETENTION_DAYS: int(1, 36500).default(90),
  OUTBOX_RETENTION_DAYS: int(1, 3650).default(30),
  AUDIT_READ_RETENTION_DAYS: int(1, 36500).default(365),
  SECURITY_LOG_FILE: z.string().min(1).optional(),
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
  EXPOSURE_REGION: z.string().regex(/^[A-Z0-9-]{2,16}$/, 'must be 2–16 upper-case letters, digits or hyphens, e.g. VN').default('VN'),
  EXPOSURE_EXPORT_MINUTES: int(5, 24 * 60).default(60),
  EXPOSURE_MIN_BATCH_KEYS: int(0, 100_000).default(1000),
  EXPOSURE_KEY_RETENTION_DAYS: int(1, 30).default(14),
  EXPOSURE_SIGNING_KEY_DAYS: int(1, 3650).default(90),
  LAB_RESULTS_AUTO_APPLY: flag.default(false),
  FHIR_SHARE_VISITS: flag.default(false),
  WEBHOOK_MAX_ATTEMPTS: int(1, 50).default(12),
  WEBHOOK_TIMEOUT_SECONDS: int(1, 120).default(10),
  WEBHOOK_ALLOW_HTTP: flag.default(false),
  FHIR_CONDITION_CODE: z
    .string()
    .default('http://snomed.info/sct|840539006|Disease caused by severe acute respiratory syndrome coronavirus 2')
    .transform((text) => text.split('|').map((part) => part.trim()))
    .pipe(z.tuple([z.url(), z.string().min(1), z.string().min(1)], { error: 'must be system|code|display, e.g. http://snomed.info/sct|840539006|COVID-19' })),
  DHIS2_DATA_ELEMENTS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return z.partialRecord(z.enum(['cases', 'contacts', 'tests', 'positive_tests', 'declarations', 'scans']), z.string().trim().min(1).max(60)).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON like {"cases": "PD_CASES"} (data element id or code per figure)' });
        return z.NEVER;
      }
    }),
  DHIS2_ORG_UNITS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return z.record(z.string().regex(/^\d{2,5}$/), z.string().trim().min(1).max(60)).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON like {"19": "aBcDeFgHiJk"} (DHIS2 org unit per unit code)' });
        return z.NEVER;
      }
    }),
  DHIS2_DATA_SET: z.string().trim().min(1).max(60).optional(),
  SMPP_URL: z.string().regex(/^s?smpp:\/\/[^/]+$/, 'must look like smpp://host:port (or ssmpp:// for TLS)').optional(),
  SMPP_SYSTEM_ID: z.string().min(1).max(15).optional(),
  SMPP_PASSWORD: z.string().max(8).optional(),
  SMPP_SYSTEM_TYPE: z.string().max(12).default(''),
  SMPP_SOURCE_ADDR: z.string().min(1).max(20).default('PhongDich'),
  SMPP_BIND: z.enum(['transceiver', 'transmitter']).default('transceiver'),
  SMPP_WINDOW: int(1, 1000).default(100),
  OTT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  OTT_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  SMTP_FROM: z.string().min(3).optional(),
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be the base64url public key from `npx web-push generate-vapid-keys`').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be the base64url private key from `npx web-push generate-vapid-keys`').optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https:// contact').optional(),
  MESSAGE_RATE_LIMITS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        const parsed = z.partialRecord(z.enum(['sms', 'ott', 'email', 'push']), z.number().min(0.1).max(100_000)).parse(JSON.parse(text));
        return { sms: 100, ott: 50, email: 10, push: 100, ...parsed };
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON of messages per second per channel, e.g. {"sms": 100, "email": 10}' });
        return z.NEVER;
      }
    }),
  MESSAGE_MAX_ATTEMPTS: int(1, 50).default(6),
  MESSAGE_RETRY_SECONDS: int(1, 3600).default(30),
  MESSAGE_BATCH_SIZE: int(1, 5000).default(500),
  MESSAGE_QUIET_HOURS: z
    .string()
    .default('21:00-07:00')
    .transform((text, ctx) => {
      if (text === 'none' || text === '') return null;
      const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'must be HH:MM-HH:MM in local time (e.g. 21:00-07:00), or none' });
        return z.NEVER;
      }
      return { startMinute: Number(m[1]) * 60 + Number(m[2]), endMinute: Number(m[3]) * 60 + Number(m[4]) };
    }),
  MESSAGE_MANDATORY_TEMPLATES: z
    .string()
    .default('sign_in_code,visit_code,contact_warning,contact_warning_indirect,daily_update_reminder,place_registered_owner,place_status_changed,staff_added')
    .transform((text) => text.split(',').map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be template names separated by commas'))),
  DAILY_UPDATE_REMINDER_AT: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d|none)$/, 'must be HH:MM in local time, or none')
    .default('17:00'),
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
  /** Roles whose password accounts must turn on two-step verification before anything but that (empty: optional for all). */
  totpRequiredRoles: readonly Role[];
  sessionIdleMs: number;
  /** How long a process keeps a session it looked up; other processes see a sign-out within this long. */
  sessionCacheMs: number;
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
  /** Background jobs run at this percentage of their normal interval (100; lower only in tests). */
  jobIntervalPercent: number;
  /** The background jobs this process runs: all of them, or those named (none when empty). */
  jobs: 'all' | readonly string[];
  visitRetentionMs: number;
  /** Declarations (with their flags), ended monitorings and handled citizens' reports are deleted after this long. */
  declarationRetentionMs: number;
  /** Cases, their contacts and follow-ups are deleted this long after the case (and every case it led to) closed. */
  caseRetentionMs: number;
  /** Sent and failed messages are deleted after this long. */
  outboxRetentionMs: number;
  /** Audit entries of reads of personal data are deleted after this long (other audit entries stay). */
  auditReadRetentionMs: number;
  /** Where security events go (a file of JSON lines); the main log with channel "security" when null. */
  securityLogFile: string | null;
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
  /** Region written in Bluetooth export files and their directory name (EN export: region). */
  exposureRegion: string;
  /** How often published Bluetooth keys are exported as a signed batch. */
  exposureExportMs: number;
  /** Batches with fewer real keys are padded with random keys up to this many. */
  exposureMinBatchKeys: number;
  /** Published keys, export files and shared matches are deleted after this many days. */
  exposureKeyRetentionDays: number;
  /** The export signing key is replaced after this many days (the old public key stays published). */
  exposureSigningKeyMs: number;
  /** Matched lab results change cases at once, instead of waiting for a health official on the worklist. */
  labResultsAutoApply: boolean;
  /** Whether a case's FHIR Bundle carries its check-ins while infectious (Encounter + Location): off unless the health department's rules allow it. */
  fhirShareVisits: boolean;
  /** Webhook deliveries are retried with backoff up to this many attempts. */
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  /** Webhooks may use plain http to other machines (https otherwise, except on this machine). */
  webhookAllowHttp: boolean;
  /** The coding of the disease in FHIR Conditions (the platform is not specific to one disease). */
  fhirConditionCode: { system: string; code: string; display: string };
  /** DHIS2 data element (id or code) per exported figure; unlisted figures use PD_<FIGURE>. */
  dhis2DataElements: Record<'cases' | 'contacts' | 'tests' | 'positive_tests' | 'declarations' | 'scans', string>;
  /** DHIS2 org unit per unit code; unlisted units are sent by their GSO code. */
  dhis2OrgUnits: Record<string, string>;
  dhis2DataSet: string | null;
  /** Messaging channels and the outbox sender (README: Messaging). */
  messaging: MessagingConfig;
  /** Which answers raise a flag for commune and health officials. */
  declarationFlagRules: Array<'any_symptom' | 'contact_with_case' | 'arrival_from_affected_area' | 'vulnerable_with_symptoms'>;
  secureCookies: boolean;
  /** Settings that work but should not be used in production; logged loudly at start. */
  warnings: string[];
}

export interface MessagingConfig {
  smpp: { url: string; systemId: string; password: string; systemType: string; sourceAddr: string; bind: 'transceiver' | 'transmitter'; window: number } | null;
  webhook: { url: string; secret: string } | null;
  smtp: { url: string; from: string } | null;
  vapid: { publicKey: string; privateKey: string; subject: string } | null;
  /** Messages per second per channel. */
  rateLimits: Record<'sms' | 'ott' | 'email' | 'push', number>;
  maxAttempts: number;
  /** First retry delay; it doubles at each attempt (at most an hour). */
  retryBaseMs: number;
  batchSize: number;
  /** Campaign messages wait outside these local hours; null for none. */
  quietHours: { startMinute: number; endMinute: number } | null;
  /** Templates sent whatever a person's opt-out and outside quiet hours (codes, warnings). */
  mandatoryTemplates: string[];
  /** Local time after which people under monitoring who sent no daily update are reminded; null for never. */
  dailyReminderMinute: number | null;
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
  const messaging = messagingOf(e, baseUrl);
  if (messaging.problems.length) throw new ConfigError(messaging.problems);
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
    totpRequiredRoles: e.TOTP_REQUIRED_ROLES,
    sessionIdleMs: e.SESSION_IDLE_HOURS * 3_600_000,
    sessionCacheMs: e.SESSION_CACHE_SECONDS * 1000,
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
    jobIntervalPercent: e.JOB_INTERVAL_PERCENT,
    jobs: e.JOBS,
    visitRetentionMs: e.VISIT_RETENTION_DAYS * 86_400_000,
    declarationRetentionMs: e.DECLARATION_RETENTION_DAYS * 86_400_000,
    caseRetentionMs: e.CASE_RETENTION_DAYS * 86_400_000,
    outboxRetentionMs: e.OUTBOX_RETENTION_DAYS * 86_400_000,
    auditReadRetentionMs: e.AUDIT_READ_RETENTION_DAYS * 86_400_000,
    securityLogFile: e.SECURITY_LOG_FILE ? path.resolve(e.SECURITY_LOG_FILE) : null,
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
    exposureRegion: e.EXPOSURE_REGION,
    exposureExportMs: e.EXPOSURE_EXPORT_MINUTES * 60_000,
    exposureMinBatchKeys: e.EXPOSURE_MIN_BATCH_KEYS,
    exposureKeyRetentionDays: e.EXPOSURE_KEY_RETENTION_DAYS,
    exposureSigningKeyMs: e.EXPOSURE_SIGNING_KEY_DAYS * 86_400_000,
    labResultsAutoApply: e.LAB_RESULTS_AUTO_APPLY,
    fhirShareVisits: e.FHIR_SHARE_VISITS,
    webhookMaxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
    webhookAllowHttp: e.WEBHOOK_ALLOW_HTTP,
    fhirConditionCode: { system: e.FHIR_CONDITION_CODE[0], code: e.FHIR_CONDITION_CODE[1], display: e.FHIR_CONDITION_CODE[2] },
    dhis2DataElements: {
      cases: 'PD_CASES',
      contacts: 'PD_CONTACTS',
      tests: 'PD_TESTS',
      positive_tests: 'PD_TESTS_POSITIVE',
      declarations: 'PD_DECLARATIONS',
      scans: 'PD_SCANS',
      ...e.DHIS2_DATA_ELEMENTS,
    },
    dhis2OrgUnits: e.DHIS2_ORG_UNITS,
    dhis2DataSet: e.DHIS2_DATA_SET ?? null,
    messaging: messaging.config,
    declarationFlagRules: e.DECLARATION_FLAG_RULES,
    secureCookies: url.protocol === 'https:',
    warnings,
  });
}

function messagingOf(e: z.infer<typeof schema>, baseUrl: string): { config: MessagingConfig; problems: string[] } {
  const problems: string[] = [];
  const pair = (a: string, av: unknown, b: string, bv: unknown) => {
    if ((av === undefined) !== (bv === undefined)) problems.push(`${av === undefined ? a : b}: must be set together with ${av === undefined ? b : a}`);
  };
  pair('SMPP_URL', e.SMPP_URL, 'SMPP_SYSTEM_ID', e.SMPP_SYSTEM_ID);
  pair('OTT_WEBHOOK_URL', e.OTT_WEBHOOK_URL, 'OTT_WEBHOOK_SECRET', e.OTT_WEBHOOK_SECRET);
  pair('SMTP_URL', e.SMTP_URL, 'SMTP_FROM', e.SMTP_FROM);
  pair('VAPID_PUBLIC_KEY', e.VAPID_PUBLIC_KEY, 'VAPID_PRIVATE_KEY', e.VAPID_PRIVATE_KEY);
  const at = e.DAILY_UPDATE_REMINDER_AT;
  return {
    problems,
    config: {
      smpp: e.SMPP_URL && e.SMPP_SYSTEM_ID ? { url: e.SMPP_URL, systemId: e.SMPP_SYSTEM_ID, password: e.SMPP_PASSWORD ?? '', systemType: e.SMPP_SYSTEM_TYPE, sourceAddr: e.SMPP_SOURCE_ADDR, bind: e.SMPP_BIND, window: e.SMPP_WINDOW } : null,
      webhook: e.OTT_WEBHOOK_URL && e.OTT_WEBHOOK_SECRET ? { url: e.OTT_WEBHOOK_URL, secret: e.OTT_WEBHOOK_SECRET } : null,
      smtp: e.SMTP_URL && e.SMTP_FROM ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
      vapid: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT ?? (baseUrl.startsWith('https://') ? baseUrl : 'mailto:admin@localhost') } : null,
      rateLimits: e.MESSAGE_RATE_LIMITS,
      maxAttempts: e.MESSAGE_MAX_ATTEMPTS,
      retryBaseMs: e.MESSAGE_RETRY_SECONDS * 1000,
      batchSize: e.MESSAGE_BATCH_SIZE,
      quietHours: e.MESSAGE_QUIET_HOURS,
      mandatoryTemplates: e.MESSAGE_MANDATORY_TEMPLATES,
      dailyReminderMinute: at === 'none' ? null : Number(at.slice(0, 2)) * 60 + Number(at.slice(3, 5)),
    },
  };
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
