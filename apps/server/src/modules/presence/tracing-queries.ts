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

/** Visits of a visitor recorded by hand with a phone (keyed hash) that began in [from, until). */
export async function visitsOfPhoneBetween(ctx: Context, visitorPhoneIndex: string, from: number, until: number): Promise<TraceVisit[]> {
  const rows = await ctx.db.selectFrom('visits').select(COLUMNS).where('visitor_phone_index', '=', visitorPhoneIndex).where('checked_in_at', '>=', from).where('checked_in_at', '<', until).orderBy('checked_in_at').execute();
  return rows.map((r) => toVisit(r as Row));
}

/** Visits at a place that began in [from, until) — the per-place range scan tracing is built on. */
export async function visitsAtPlaceBetween(ctx: Context, placeId: string, from: number, until: number): Promise<TraceVisit[]> {
  const rows = await ctx.db.selectFrom('visits').select(COLUMNS).where('place_id', '=', placeId).where('checked_in_at', '>=', from).where('checked_in_at', '<', until).execute();
  return rows.map((r) => toVisit(r as Row));
}

/** Places visited by any of these people since a time, with the windows (for the map and clusters). */
export async function visitsOfPeopleSince(ctx: Context, personIds: readonly string[], since: number): Promise<TraceVisit[]> {
  if (personIds.length === 0) return [];
  const rows = await ctx.db.selectFrom('visits').select(COLUMNS).where('person_id', 'in', personIds).where('checked_in_at', '>=', since).execute();
  return rows.map((r) => toVisit(r as Row));
}
