import type { Kysely, Transaction } from 'kysely';
import type { Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { placeBasics, pointLabels } from '../places/index.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface VisitExport {
  id: string;
  personId: string;
  placeName: string;
  communeName: string;
  pointLabel: string;
  method: string;
  checkedInAt: number;
  checkedOutAt: number | null;
}

/** Every stored visit of these people (the retention period at most), for their data export. */
export async function visitsForExport(ctx: Context, personIds: readonly string[]): Promise<VisitExport[]> {
  if (personIds.length === 0) return [];
  const rows = await ctx.db.selectFrom('visits').selectAll().where('person_id', 'in', personIds).orderBy('checked_in_at', 'desc').execute();
  const places = await placeBasics(ctx, [...new Set(rows.map((r) => r.place_id))]);
  const labels = await pointLabels(ctx, [...new Set(rows.map((r) => r.place_id))]);
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id as string,
    placeName: places.get(r.place_id)?.name ?? '',
    communeName: places.get(r.place_id)?.communeName ?? '',
    pointLabel: r.point_id ? (labels.get(r.point_id) ?? '') : '',
    method: r.method,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
  }));
}

/** Deletes the visits of these people and the receipts of the scans they sent. */
export async function eraseVisitsOf(db: Db, personIds: readonly string[]): Promise<number> {
  if (personIds.length === 0) return 0;
  await db.deleteFrom('scan_receipts').where('actor_id', 'in', personIds).execute();
  const result = await db.deleteFrom('visits').where('person_id', 'in', personIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
