import { PLACE_TYPES, VISIT_METHODS, type PlaceType } from '@phongdich/core';
import { locationColumns } from '../../../apps/server/src/modules/places/places.service.js';
import { MINUTE_MS } from './calendar.js';
import { withIndexesDeferred } from './deferred-indexes.js';
import { writeChunked, type LoadRun } from './load-context.js';
import type { LoadedPlaces } from './load-places.js';
import { visitRow, type VisitFacts } from './load-rows.js';
import { personName } from './names.js';
import { hash2 } from './prng.js';

const STAFF_MANUAL = VISIT_METHODS.indexOf('staff_manual');
const STAFF_METHODS = new Set((['staff_personal_qr', 'staff_phone', 'staff_manual'] as const).map((m) => VISIT_METHODS.indexOf(m)));

/**
 * Every visit, in check-in order (so time-ordered ids append to their index). Open visits older
 * than their place type's dwell are closed as the auto check-out job (closeOverdue) would have
 * closed them by the end of the simulation; the rest stay open.
 */
export async function loadVisits(run: LoadRun, userIdByPerson: readonly string[], loaded: LoadedPlaces): Promise<{ visits: number; autoClosed: number; open: number }> {
  const { ctx, sim } = run;
  const { visits, places } = sim;
  const placeColumns = Array.from({ length: places.count }, (_, i) => ({
    id: loaded.placeIdByPlace[i] as string,
    type: (PLACE_TYPES[places.type[i] ?? 0] ?? 'other') as PlaceType,
    ...locationColumns(ctx, sim.communes[places.commune[i] ?? 0] ?? ''),
  }));
  const dwellMs = placeColumns.map((p) => sim.dwellMinutes[p.type] * MINUTE_MS);
  let autoClosed = 0;
  let open = 0;
  const row = (v: number) => {
    const place = visits.placeIndex[v] ?? 0;
    const person = visits.personIndex[v] ?? 0;
    const method = visits.method[v] ?? 0;
    const checkedInAt = visits.checkedInAt[v] ?? 0;
    const checkedOutAt = visits.checkedOutAt[v] ?? Number.NaN;
    const dwell = dwellMs[place] ?? 0;
    // closeOverdue closes visits opened before (now − dwell); now is the end of the simulation.
    const autoClosedAt = Number.isNaN(checkedOutAt) && checkedInAt < sim.endAt - dwell ? checkedInAt + dwell : null;
    if (autoClosedAt !== null) autoClosed++;
    else if (Number.isNaN(checkedOutAt)) open++;
    const pointIds = loaded.pointIdsByPlace[place] ?? [];
    const main = pointIds[0] as string;
    const other = pointIds[1] ?? main;
    const facts: VisitFacts = {
      id: run.idAt(checkedInAt),
      place: placeColumns[place] as VisitFacts['place'],
      // Visitors scan whichever gate they pass; staff work with the place's first point.
      pointId: !STAFF_METHODS.has(method) && hash2(v, 1) % 3 === 0 ? other : main,
      checkoutPointId: hash2(v, 2) % 3 === 0 ? other : main,
      personId: userIdByPerson[person] as string,
      staffId: loaded.staffIdByPlace[place] as string,
      methodIndex: method,
      visitor: method === STAFF_MANUAL ? { name: personName(person), phone: run.phone(person) } : null,
      checkedInAt,
      checkedOutAt,
      autoClosedAt,
    };
    return visitRow(ctx, facts);
  };
  const written = await withIndexesDeferred(ctx, 'visits', () => writeChunked(run, 'visits', visits.count, row));
  return { visits: written, autoClosed, open };
}
