import type { Context } from '../../context.js';
import { anyOf } from '../../db/any-of.js';

export interface FellowTraveller {
  subjectId: string;
  vehicleKey: string;
  /** The travel date of the shared journey. */
  date: string;
  communeCode: string | null;
  provinceCode: string;
  districtCode: string | null;
}

/** Whose journeys to look at, and between which travel dates (inclusive). */
export interface JourneyQuery {
  subjectId: string;
  fromDate: string;
  untilDate: string;
}

/**
 * People who declared the same journey (vehicle number and date) as each person, on dates within the
 * person's range: coach, train, plane and ship passengers of one trip. Two queries per 500 people.
 */
export async function fellowTravellers(ctx: Context, queries: readonly JourneyQuery[]): Promise<Map<string, FellowTraveller[]>> {
  const result = new Map<string, FellowTraveller[]>();
  for (let i = 0; i < queries.length; i += 500) {
    const chunk = new Map(queries.slice(i, i + 500).map((q) => [q.subjectId, q]));
    const journeys = await ctx.db
      .selectFrom('declarations')
      .select(['subject_id', 'vehicle_key'])
      .where(anyOf(ctx.dialect, 'subject_id', [...chunk.keys()]))
      .where('vehicle_key', 'is not', null)
      .where('status', '=', 'current')
      .execute();
    const wanted = journeys.filter((j) => {
      const date = j.vehicle_key?.split('|')[1] ?? '';
      const query = chunk.get(j.subject_id);
      return query !== undefined && date >= query.fromDate && date <= query.untilDate;
    });
    if (wanted.length === 0) continue;
    const keys = [...new Set(wanted.map((j) => j.vehicle_key as string))];
    const travellers = await ctx.db
      .selectFrom('declarations')
      .select(['subject_id', 'vehicle_key', 'commune_code', 'province_code', 'district_code'])
      .where(anyOf(ctx.dialect, 'vehicle_key', keys))
      .where('status', '=', 'current')
      .execute();
    for (const journey of wanted) {
      const key = journey.vehicle_key as string;
      const fellows = travellers
        .filter((t) => t.vehicle_key === key && t.subject_id !== journey.subject_id)
        .map((t) => ({ subjectId: t.subject_id, vehicleKey: key, date: key.split('|')[1] ?? '', communeCode: t.commune_code, provinceCode: t.province_code, districtCode: t.district_code }));
      result.set(journey.subject_id, [...(result.get(journey.subject_id) ?? []), ...fellows]);
    }
  }
  return result;
}
