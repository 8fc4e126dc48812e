import { PLACE_TYPES, type PlaceType } from '@phongdich/core';
import { unitTree } from '../../../apps/server/src/modules/units/index.js';
import { DAY_MS } from './calendar.js';
import { writeChunked, type LoadRun } from './load-context.js';
import { ownerRow, placeRow, pointRow, shortCodes } from './load-rows.js';
import { personName, placeAddress, placeName } from './names.js';

const SECOND_POINT: Partial<Record<PlaceType, string>> = { agency: 'Phòng tiếp dân', health_facility: 'Khu khám bệnh', school: 'Cổng sau' };

export interface LoadedPlaces {
  placeIdByPlace: string[];
  pointIdsByPlace: string[][];
  /** The account that records visits for people without a smartphone: the place's owner. */
  staffIdByPlace: string[];
  places: number;
  points: number;
  members: number;
}

/** Places imported by an official in the fortnight before, each with its owner and QR points. */
export async function loadPlaces(run: LoadRun, userIdByPerson: readonly string[]): Promise<LoadedPlaces> {
  const { ctx, sim } = run;
  const { places } = sim;
  const tree = unitTree(ctx);
  const start = sim.startAt - 14 * DAY_MS;
  const step = Math.max(1, Math.floor((13 * DAY_MS) / Math.max(1, places.count)));
  const createdAt = (i: number) => start + i * step;
  const placeIdByPlace = Array.from({ length: places.count }, (_, i) => run.idAt(createdAt(i)));
  const pointIdsByPlace = Array.from({ length: places.count }, (_, i) => Array.from({ length: places.points[i] ?? 1 }, () => run.idAt(createdAt(i))));
  const staffIdByPlace = Array.from({ length: places.count }, (_, i) => userIdByPerson[places.owner[i] ?? -1] ?? run.registeredBy);

  const placeCount = await writeChunked(run, 'places', places.count, (i) => {
    const commune = tree.get(sim.communes[places.commune[i] ?? 0] ?? '');
    const short = commune?.shortName ?? '';
    const owner = Math.max(0, places.owner[i] ?? 0);
    return placeRow(ctx, {
      id: placeIdByPlace[i] as string,
      typeIndex: places.type[i] ?? 0,
      communeCode: commune?.code ?? '',
      name: placeName(places.type[i] ?? 0, places.ordinal[i] ?? 0, short, i),
      streetAddress: placeAddress(i, short, commune?.type === 'Phường' || commune?.type === 'Thị trấn'),
      lat: places.lat[i] ?? 0,
      lon: places.lon[i] ?? 0,
      capacity: places.capacity[i] ?? 0,
      contactName: personName(owner),
      contactPhone: run.phone(owner),
      registeredBy: run.registeredBy,
      at: createdAt(i),
    });
  });

  const taken = new Set((await ctx.db.selectFrom('qr_points').select('short_code').execute()).map((r) => r.short_code));
  const nextShortCode = shortCodes(ctx, taken);
  const pointRows = pointIdsByPlace.flatMap((ids, i) => {
    const labels = ['Cổng chính', SECOND_POINT[PLACE_TYPES[places.type[i] ?? 0] ?? 'other'] ?? 'Cổng phụ'];
    return ids.map((id, k) => pointRow(id, placeIdByPlace[i] as string, labels[k] ?? `Điểm ${k + 1}`, nextShortCode(), createdAt(i)));
  });
  const points = await writeChunked(run, 'qr_points', pointRows.length, (k) => pointRows[k] ?? null);
  const members = await writeChunked(run, 'place_members', places.count, (i) =>
    places.owner[i] === -1 ? null : ownerRow(placeIdByPlace[i] as string, staffIdByPlace[i] as string, run.registeredBy, createdAt(i)),
  );
  return { placeIdByPlace, pointIdsByPlace, staffIdByPlace, places: placeCount, points, members };
}
