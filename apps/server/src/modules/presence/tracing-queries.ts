import { sql } from 'kysely';
import type { Context } from '../../context.js';

/** A visit as tracing sees it: who (account or a hashed visitor), where, when. */
export interface TraceVisit {
  id: string;
  placeId: string;
  placeType: string;
  personId: string | null;
  /** Visitors recorded by hand: the keyed hash of their phone, when given. */
  visitorPhoneIndex: string | null;
  visitorNameEnc: string | null;
  visitorPhoneEnc: string | null;
  checkedInAt: number;
  checkedOutAt: number | null;
  communeCode: string;
  provinceCode: string;
  districtCode: string | null;
}

const COLUMNS = ['id', 'place_id', 'place_type', 'person_id', 'visitor_phone_index', 'visitor_name_enc', 'visitor_phone_enc', 'checked_in_at', 'checked_out_at', 'commune_code', 'province_code', 'district_code'] as const;

type Row = { [K in (typeof COLUMNS)[number]]: K extends 'checked_in_at' ? number : K extends 'checked_out_at' ? number | null : string | null };

function toVisit(r: Row): TraceVisit {
  return {
    id: r.id as string,
    placeId: r.place_id as string,
    placeType: r.place_type as string,
    personId: r.person_id,
    visitorPhoneIndex: r.visitor_phone_index,
    visitorNameEnc: r.visitor_name_enc,
    visitorPhoneEnc: r.visitor_phone_enc,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    communeCode: r.commune_code as string,
    provinceCode: r.province_code as string,
    districtCode: r.district_code,
  };
}

/** A person's visits that began in [from, until) — one indexed range on (person, time). */
export async function visitsOfPersonBetween(ctx: Context, personId: string, from: number, until: number): Promise<TraceVisit[]> {
  const rows = await ctx.db.selectFrom('visits').select(COLUMNS).where('person_id', '=', personId).where('checked_in_at', '>=', from).where('checked_in_at', '<', until).orderBy('checked_in_at').execute();
  return rows.map((r) => toVisit(r as Row));
}

/** Places visited by any of these people since a time, with the windows (for the map and clusters). */
export async function visitsOfPeopleSince(ctx: Context, personIds: readonly string[], since: number): Promise<TraceVisit[]> {
  if (personIds.length === 0) return [];
  const rows = await ctx.db.selectFrom('visits').select(COLUMNS).where('person_id', 'in', personIds).where('checked_in_at', '>=', since).execute();
  return rows.map((r) => toVisit(r as Row));
}

/** One range to look up: visits of a place, a person or a visitor's phone that began in [from, until). */
export interface VisitRange {
  key: string;
  from: number;
  until: number;
  /** Only visits still going on at this time (checked out at or after it, or not checked out). */
  leftAfter?: number;
}

type RangeColumn = 'place_id' | 'person_id' | 'visitor_phone_index';

/**
 * Who was at a place and when — visit id, account, visitor's keyed phone, check-in, check-out — all
 * held by the place index. A tuple: a hundred cases' F2 reads millions of them.
 */
export type PresenceAt = readonly [id: string, personId: string | null, visitorPhoneIndex: string | null, checkedInAt: number, checkedOutAt: number | null];

const PERSON_COLUMNS = ['id', 'place_id', 'place_type', 'person_id', 'visitor_phone_index', 'checked_in_at', 'checked_out_at', 'commune_code', 'province_code', 'district_code'] as const;
type PersonRow = [string, string, string, string | null, string | null, number, number | null, string, string, string | null];

/** The visit id is read only for visitors without an account, the only ones who need it later. */
const PLACE_COLUMNS = ['case when person_id is null then id end', 'person_id', 'visitor_phone_index', 'checked_in_at', 'checked_out_at'] as const;
type PlaceRow = [string | null, string | null, string | null, number, number | null];

function leanVisit([id, placeId, placeType, personId, visitorPhoneIndex, checkedInAt, checkedOutAt, communeCode, provinceCode, districtCode]: PersonRow): TraceVisit {
  return { id, placeId, placeType, personId, visitorPhoneIndex, visitorNameEnc: null, visitorPhoneEnc: null, checkedInAt: Number(checkedInAt), checkedOutAt: checkedOutAt === null ? null : Number(checkedOutAt), communeCode, provinceCode, districtCode };
}

function presenceAt([id, personId, phone, checkedInAt, checkedOutAt]: PlaceRow): PresenceAt {
  return [id ?? '', personId, phone, Number(checkedInAt), checkedOutAt === null ? null : Number(checkedOutAt)];
}

interface RangeStatement {
  all(key: string, from: number, until: number, leftAfter: number): unknown[];
  raw(toggle: boolean): RangeStatement;
}

const statements = new WeakMap<object, Map<RangeColumn, RangeStatement>>();

/** On SQLite: one statement per column prepared once (rows as arrays), run range by range holding the connection. */
async function rangesOnSqlite<R>(ctx: Context, column: RangeColumn, columns: readonly string[], ranges: readonly VisitRange[]): Promise<R[][]> {
  const sqlite = ctx.sqlite as NonNullable<Context['sqlite']>;
  let prepared = statements.get(sqlite);
  if (!prepared) {
    prepared = new Map();
    statements.set(sqlite, prepared);
  }
  let statement = prepared.get(column);
  if (!statement) {
    statement = (
      sqlite.prepare(`select ${columns.join(', ')} from visits where ${column} = ? and checked_in_at >= ? and checked_in_at < ? and (checked_out_at is null or checked_out_at >= ?) order by checked_in_at`) as RangeStatement
    ).raw(true);
    prepared.set(column, statement);
  }
  const run = statement;
  return ctx.db.connection().execute(async () => ranges.map((r) => run.all(r.key, r.from, r.until, r.leftAfter ?? r.from) as R[]));
}

const RANGES_PER_STATEMENT = 5000;

/**
 * On PostgreSQL: thousands of ranges in one statement joined through unnest, each range's rows sent
 * back as one JSON array of arrays — decoding a few large texts costs far less than many small rows.
 */
async function rangesOnPostgres<R>(ctx: Context, column: RangeColumn, columns: readonly string[], ranges: readonly VisitRange[]): Promise<R[][]> {
  const result: R[][] = ranges.map(() => []);
  const readChunk = async (start: number) => {
    const chunk = ranges.slice(start, start + RANGES_PER_STATEMENT);
    const rows = await sql<{ i: number; found: string }>`
      select q.i, (
        select coalesce(json_agg(json_build_array(${sql.raw(columns.join(', '))}) order by checked_in_at), '[]')::text
        from visits
        where ${sql.ref(column)} = q.k and checked_in_at >= q.from_at and checked_in_at < q.until_at
          and (checked_out_at is null or checked_out_at >= q.left_after)
      ) as found
      from unnest(${chunk.map((r) => r.key)}::text[], ${chunk.map((r) => r.from)}::bigint[], ${chunk.map((r) => r.until)}::bigint[], ${chunk.map((r) => r.leftAfter ?? r.from)}::bigint[], ${chunk.map((_, i) => i)}::int[]) as q(k, from_at, until_at, left_after, i)`.execute(ctx.db);
    for (const row of rows.rows) result[start + row.i] = JSON.parse(row.found) as R[];
  };
  // Two statements in flight: the database works on one while this process decodes the other.
  const starts = Array.from({ length: Math.ceil(ranges.length / RANGES_PER_STATEMENT) }, (_, i) => i * RANGES_PER_STATEMENT);
  let next = 0;
  const reader = async () => {
    while (next < starts.length) await readChunk(starts[next++] as number);
  };
  await Promise.all([reader(), reader()]);
  return result;
}

function rowsInRanges<R>(ctx: Context, column: RangeColumn, columns: readonly string[], ranges: readonly VisitRange[]): Promise<R[][]> {
  if (ranges.length === 0) return Promise.resolve([]);
  return ctx.sqlite ? rangesOnSqlite<R>(ctx, column, columns, ranges) : rangesOnPostgres<R>(ctx, column, columns, ranges);
}

/** Who was at places in many time ranges at once (a whole generation of tracing), read from the index alone. */
export async function presenceAtPlacesIn(ctx: Context, ranges: readonly VisitRange[]): Promise<PresenceAt[][]> {
  return (await rowsInRanges<PlaceRow>(ctx, 'place_id', PLACE_COLUMNS, ranges)).map((rows) => rows.map(presenceAt));
}

/** Visits of many people, each in their own time range, without the visitor name and phone columns. */
export async function visitsOfPeopleIn(ctx: Context, ranges: readonly VisitRange[]): Promise<TraceVisit[][]> {
  return (await rowsInRanges<PersonRow>(ctx, 'person_id', PERSON_COLUMNS, ranges)).map((rows) => rows.map(leanVisit));
}

export async function visitsOfPhonesIn(ctx: Context, ranges: readonly VisitRange[]): Promise<TraceVisit[][]> {
  return (await rowsInRanges<PersonRow>(ctx, 'visitor_phone_index', PERSON_COLUMNS, ranges)).map((rows) => rows.map(leanVisit));
}

/** The encrypted name and phone staff typed for visitors without an account, by visit id. */
export async function visitorDetails(ctx: Context, visitIds: readonly string[]): Promise<Map<string, { nameEnc: string | null; phoneEnc: string | null }>> {
  const details = new Map<string, { nameEnc: string | null; phoneEnc: string | null }>();
  for (let i = 0; i < visitIds.length; i += 500) {
    const rows = await ctx.db.selectFrom('visits').select(['id', 'visitor_name_enc', 'visitor_phone_enc']).where('id', 'in', visitIds.slice(i, i + 500)).execute();
    for (const r of rows) details.set(r.id, { nameEnc: r.visitor_name_enc, phoneEnc: r.visitor_phone_enc });
  }
  return details;
}
