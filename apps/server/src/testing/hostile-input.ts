import crypto from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Context } from '../context.js';
import { DATA_INVENTORY } from '../crypto/data-inventory.js';
import type { JsonSchema } from './route-probe.js';

/** Strings attackers and broken clients send: injections, markup, odd Unicode, control characters. */
const NASTY_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1) UNION SELECT password_hash FROM users --',
  "'; SELECT pg_sleep(5); --",
  '%27%20OR%201%3D1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '\u0000',
  'abc\u0000def',
  '\uFEFF',
  '\u202Eevil',
  '\uD800',
  'e\u0301\u0301\u0301\u0301',
  '𝕏𝕐ℤ😷🦠',
  'Nguyễn Văn Ａ',
  '\r\nSet-Cookie: pd_session=x',
  '   ',
  '',
  '-1',
  '1e309',
  'NaN',
  'null',
  '__proto__',
  'constructor',
  '0x7fffffff',
  '9'.repeat(400),
];

/** A string a schema would refuse or a server might choke on. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'A'.repeat(n)) },
);

/** JSON text nested deeper than any handler expects (recursion in parsers, validators, serialisers). */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

/** A value nested a few dozen levels: deep enough for naive recursion, small enough to print. */
const nested = fc.integer({ min: 10, max: 60 }).map((depth) => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: inner }), 1));

/** Any JSON value of the wrong kind for a field: other types, huge numbers, deep nests, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}, [null], { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"role":"admin"}}') as unknown) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: nested },
);

/** A value of the schema's type, plausible enough to get past validation and into the handler. */
export function plausibleValue(schema: JsonSchema | undefined, today: string): unknown {
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return plausibleValue(variant, today);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, plausibleValue(schema.properties?.[key], today)]));
    case 'null':
      return null;
    default:
      if (schema.pattern?.includes('\\d{4}-')) return today;
      if (schema.pattern?.includes('\\d{5}')) return '01843';
      if (schema.format === 'uuid' || schema.pattern?.includes('[0-9a-f]{8}')) return crypto.randomUUID();
      return 'Chợ Bắc Kạn'.slice(0, Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 20, 11)));
  }
}

/**
 * A request body built from the route's schema, each field kept plausible, dropped, or made hostile,
 * with unexpected fields added; or no object at all.
 */
export function hostileBody(schema: JsonSchema | undefined, today: string): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema?.properties ?? {});
  const shaped = fc
    .tuple(
      fc.tuple(...properties.map(([, property]) => fc.oneof(fc.constant(plausibleValue(property, today)), fc.constant(undefined), hostileValue))),
      fc.option(fc.dictionary(hostileString.filter((k) => k.length < 200), hostileValue, { maxKeys: 3 }), { nil: undefined }),
    )
    .map(([values, extra]) => ({ ...Object.fromEntries(properties.map(([key], i) => [key, values[i]]).filter(([, v]) => v !== undefined)), ...(extra ?? {}) }));
  return properties.length ? fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue }) : hostileValue;
}

/** Raw bodies no JSON parser should accept quietly. */
export const brokenJson = fc.constantFrom('{', '{"a":', '[1,2', 'null', '"', '{"a":1}}', '\u0000', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', `{"a":${'9'.repeat(5000)}}`);

// Columns that change on refused requests by design: session activity, lockout counters, the audit
// trail of refusals, and attempt counters of sign-in codes.
const VOLATILE_TABLES = new Set(['sessions', 'audit_log', 'otp_challenges', 'job_leases']);
// Reference data no request writes, and large enough to slow every comparison down.
const REFERENCE_TABLES = new Set(['units']);
const VOLATILE_COLUMNS = new Set(['failed_logins', 'locked_until', 'last_login_at', 'last_seen_at']);

/** A digest of every stored row (volatile columns aside): equal digests, no stored change. */
export async function storedDigest(ctx: Context): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (const table of Object.keys(DATA_INVENTORY).sort()) {
    if (VOLATILE_TABLES.has(table) || REFERENCE_TABLES.has(table)) continue;
    const rows = (await ctx.db.selectFrom(table as 'meta').selectAll().execute()) as Array<Record<string, unknown>>;
    const lines = rows.map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !VOLATILE_COLUMNS.has(column)), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
    hash.update(`${table}\n${lines.sort().join('\n')}\n`);
  }
  return hash.digest('hex');
}

/**
 * SQLite's count of rows written on its connection since it opened (an in-memory test database has one
 * connection): while it stands still nothing was stored, and the slower digest need not be taken.
 * PostgreSQL has no such exact count (its statistics lag), so there it is NaN: never equal, the
 * digest is always taken.
 */
export async function rowsWritten(ctx: Context): Promise<number> {
  if (ctx.dialect !== 'sqlite') return Number.NaN;
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(ctx.db);
  return Number(rows[0]?.n);
}
