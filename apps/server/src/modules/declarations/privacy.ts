import type { Kysely, Transaction } from 'kysely';
import type { Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { openRecord } from './declarations.service.js';

type Db = Kysely<Database> | Transaction<Database>;
const BATCH = 1000;

/** Everything these people declared or had declared for them, opened, for their data export. */
export async function declarationsForExport(ctx: Context, subjectIds: readonly string[]) {
  if (subjectIds.length === 0) return { declarations: [], monitoring: [] };
  const rows = await ctx.db.selectFrom('declarations').selectAll().where('subject_id', 'in', subjectIds).orderBy('submitted_at', 'desc').execute();
  const monitoring = await ctx.db.selectFrom('monitoring').select(['subject_id', 'start_date', 'end_date', 'ended_at']).where('subject_id', 'in', subjectIds).execute();
  return {
    declarations: rows.map((r) => ({ id: r.id, subjectId: r.subject_id, kind: r.kind, formVersion: r.form_version, status: r.status, flagged: r.flagged === 1, submittedAt: r.submitted_at, record: openRecord(ctx, r) })),
    monitoring: monitoring.map((m) => ({ subjectId: m.subject_id, startDate: m.start_date, endDate: m.end_date, endedAt: m.ended_at })),
  };
}

/** The reports this citizen filed, for their data export. */
export async function reportsForExport(ctx: Context, reporterId: string) {
  const rows = await ctx.db.selectFrom('citizen_reports').selectAll().where('reporter_id', '=', reporterId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    description: ctx.cipher.decrypt('reports.description', r.description_enc),
    photo: r.photo_enc ? ctx.cipher.decrypt('reports.photo', r.photo_enc) : null,
    location: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    status: r.status,
    createdAt: r.created_at,
  }));
}

/** Deletes the declarations of these people (with their flags) and their monitoring records. */
export async function eraseDeclarationsOf(db: Db, subjectIds: readonly string[]): Promise<number> {
  if (subjectIds.length === 0) return 0;
  await db.deleteFrom('declaration_flags').where('subject_id', 'in', subjectIds).execute();
  await db.deleteFrom('monitoring').where('subject_id', 'in', subjectIds).execute();
  const result = await db.deleteFrom('declarations').where('subject_id', 'in', subjectIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes the reports a citizen filed. */
export async function eraseReportsBy(db: Db, reporterId: string): Promise<number> {
  const result = await db.deleteFrom('citizen_reports').where('reporter_id', '=', reporterId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Job: declarations (and their flags) older than DECLARATION_RETENTION_DAYS, monitoring that ended
 * that long ago, and handled citizens' reports filed that long ago. A thousand rows per statement,
 * so the writers of a busy server wait little.
 */
export async function purgeOldDeclarations(ctx: Context): Promise<{ declarations: number; monitoring: number; reports: number }> {
  const cutoff = ctx.clock.now() - ctx.config.declarationRetentionMs;
  let declarations = 0;
  for (;;) {
    const ids = (await ctx.db.selectFrom('declarations').select('id').where('submitted_at', '<', cutoff).orderBy('submitted_at').limit(BATCH).execute()).map((r) => r.id);
    if (ids.length === 0) break;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('declaration_flags').where('declaration_id', 'in', ids).execute();
      await trx.deleteFrom('declarations').where('id', 'in', ids).execute();
    });
    declarations += ids.length;
  }
  const cutoffDate = new Date(cutoff + 7 * 3_600_000).toISOString().slice(0, 10);
  const monitoring = await ctx.db.deleteFrom('monitoring').where((eb) => eb.or([eb('end_date', '<', cutoffDate), eb('ended_at', '<', cutoff)])).executeTakeFirst();
  const reports = await ctx.db.deleteFrom('citizen_reports').where('created_at', '<', cutoff).where('status', '!=', 'open').executeTakeFirst();
  return { declarations, monitoring: Number(monitoring.numDeletedRows), reports: Number(reports.numDeletedRows) };
}
