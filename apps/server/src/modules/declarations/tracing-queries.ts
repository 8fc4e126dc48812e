import type { Context } from '../../context.js';
import { journeysOf, travellersOn } from './declarations.repository.js';

export interface FellowTraveller {
  subjectId: string;
  vehicleKey: string;
  /** The travel date of the shared journey. */
  date: string;
  communeCode: string | null;
  provinceCode: string;
  districtCode: string | null;
}

/**
 * People who declared the same journey (vehicle number and date) as a person, on dates within
 * [fromDate, untilDate]: coach, train, plane and ship passengers of one trip.
 */
export async function fellowTravellers(ctx: Context, subjectId: string, fromDate: string, untilDate: string): Promise<FellowTraveller[]> {
  const journeys = (await journeysOf(ctx.db, subjectId)).filter((j) => {
    const date = j.vehicle_key?.split('|')[1] ?? '';
    return date >= fromDate && date <= untilDate;
  });
  const fellows: FellowTraveller[] = [];
  for (const journey of journeys) {
    const key = journey.vehicle_key as string;
    for (const other of await travellersOn(ctx.db, key)) {
      if (other.subject_id === subjectId) continue;
      fellows.push({ subjectId: other.subject_id, vehicleKey: key, date: key.split('|')[1] ?? '', communeCode: other.commune_code, provinceCode: other.province_code, districtCode: other.district_code });
    }
  }
  return fellows;
}
