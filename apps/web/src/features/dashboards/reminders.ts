import type { LaggingPlace } from './reports-api.js';

// A reminder campaign goes to the owners of the places chosen; the server takes at most 1,000 places
// per request, so larger lists are sent in batches.

export const MAX_PLACES_PER_REQUEST = 1000;

export interface RemindPlan {
  /** Places with at least one owner to text. */
  placeIds: string[];
  /** Messages that will be sent: one per owner. */
  messages: number;
  /** Places left out because nobody owns them yet. */
  withoutOwner: number;
}

export function remindPlan(places: readonly Pick<LaggingPlace, 'id' | 'ownerCount'>[]): RemindPlan {
  const reachable = places.filter((p) => p.ownerCount > 0);
  return {
    placeIds: reachable.map((p) => p.id),
    messages: reachable.reduce((sum, p) => sum + p.ownerCount, 0),
    withoutOwner: places.length - reachable.length,
  };
}

export function remindBatches(placeIds: readonly string[], size = MAX_PLACES_PER_REQUEST): string[][] {
  const batches: string[][] = [];
  for (let i = 0; i < placeIds.length; i += size) batches.push(placeIds.slice(i, i + size));
  return batches;
}
