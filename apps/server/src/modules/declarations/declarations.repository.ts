import type { Expression, Kysely, Selectable, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CitizenReportsTable, DeclarationFlagsTable, DeclarationsTable, MonitoringTable } from './declarations.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type DeclarationRow = Selectable<DeclarationsTable>;
export type FlagRow = Selectable<DeclarationFlagsTable>;
export type MonitoringRow = Selectable<MonitoringTable>;
export type ReportRow = Selectable<CitizenReportsTable>;

export async function insertDeclaration(db: Db, row: DeclarationRow): Promise<void> {
  await db.insertInto('declarations').values(row).execute();
}

export function findDeclaration(db: Db, id: string): Promise<DeclarationRow | undefined> {
  return db.selectFrom('declarations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByClientEvent(db: Db, declaredBy: string, clientEventId: string): Promise<DeclarationRow | undefined> {
  return db.selectFrom('declarations').selectAll().where('declared_by', '=', declaredBy).where('client_event_id', '=', clientEventId).executeTakeFirst();
}

export async function markSuperseded(db: Db, id: string): Promise<void> {
  await db.updateTable('declarations').set({ status: 'superseded' }).where('id', '=', id).execute();
}

export function declarationsOfSubjects(db: Db, subjectIds: readonly string[], limit: number): Promise<DeclarationRow[]> {
  if (subjectIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('declarations').selectAll().where('subject_id', 'in', subjectIds).where('status', '=', 'current').orderBy('submitted_at', 'desc').limit(limit).execute();
}

export function latestOf(db: Db, subjectId: string, kinds: readonly string[]): Promise<DeclarationRow | undefined> {
  return db
    .selectFrom('declarations')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('kind', 'in', kinds)
    .where('status', '=', 'current')
    .orderBy('submitted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface DeclarationFilter {
  where: Expression<SqlBool>[];
  kind?: string | undefined;
  flagged?: boolean | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Exact lookups through the keyed indexes. */
  nameIndex?: string | undefined;
  phoneIndex?: string | undefined;
  idNumberIndex?: string | undefined;
  gateCode?: string | undefined;
  arrivalDate?: string | undefined;
  limit: number;
  offset: number;
}

export async function listDeclarations(db: Db, filter: DeclarationFilter): Promise<{ rows: DeclarationRow[]; total: number }> {
  let query = db.selectFrom('declarations').where('status', '=', 'current');
  for (const condition of filter.where) query = query.where(condition);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.flagged !== undefined) query = query.where('flagged', '=', filter.flagged ? 1 : 0);
  if (filter.from !== undefined) query = query.where('submitted_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('submitted_at', '<', filter.to);
  if (filter.nameIndex) query = query.where('name_index', '=', filter.nameIndex);
  if (filter.phoneIndex) query = query.where('phone_index', '=', filter.phoneIndex);
  if (filter.idNumberIndex) query = query.where('id_number_index', '=', filter.idNumberIndex);
  if (filter.gateCode) query = query.where('gate_code', '=', filter.gateCode);
  if (filter.arrivalDate) query = query.where('arrival_date', '=', filter.arrivalDate);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return { rows, total: Number(total.n) };
}

export async function insertFlag(db: Db, row: FlagRow): Promise<void> {
  await db.insertInto('declaration_flags').values(row).execute();
}

export function findFlag(db: Db, id: string): Promise<FlagRow | undefined> {
  return db.selectFrom('declaration_flags').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listFlags(db: Db, where: Expression<SqlBool>, status: string | undefined, limit: number): Promise<FlagRow[]> {
  let query = db.selectFrom('declaration_flags').selectAll().where(where);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function updateFlag(db: Db, id: string, changes: Partial<FlagRow>): Promise<void> {
  await db.updateTable('declaration_flags').set(changes).where('id', '=', id).execute();
}

export async function insertMonitoring(db: Db, row: MonitoringRow): Promise<void> {
  await db.insertInto('monitoring').values(row).execute();
}

export function activeMonitoringOf(db: Db, subjectId: string, today: string): Promise<MonitoringRow | undefined> {
  return db
    .selectFrom('monitoring')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('ended_at', 'is', null)
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .orderBy('end_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listMonitoring(db: Db, where: Expression<SqlBool>, today: string): Promise<MonitoringRow[]> {
  return db.selectFrom('monitoring').selectAll().where(where).where('ended_at', 'is', null).where('end_date', '>=', today).orderBy('end_date').limit(2000).execute();
}

export function findMonitoring(db: Db, id: string): Promise<MonitoringRow | undefined> {
  return db.selectFrom('monitoring').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function endMonitoring(db: Db, id: string, at: number): Promise<void> {
  await db.updateTable('monitoring').set({ ended_at: at }).where('id', '=', id).execute();
}

/** Subjects among these who sent a daily update since a time. */
export async function subjectsWithUpdateSince(db: Db, subjectIds: readonly string[], since: number): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('declarations')
    .select('subject_id')
    .distinct()
    .where('subject_id', 'in', subjectIds)
    .where('kind', '=', 'daily_update')
    .where('submitted_at', '>=', since)
    .execute();
  return new Set(rows.map((r) => r.subject_id));
}

export async function insertReport(db: Db, row: ReportRow): Promise<void> {
  await db.insertInto('citizen_reports').values(row).execute();
}

export function findReport(db: Db, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom('citizen_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listReports(db: Db, where: Expression<SqlBool>, status: string | undefined, limit: number): Promise<ReportRow[]> {
  let query = db.selectFrom('citizen_reports').selectAll().where(where);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function updateReport(db: Db, id: string, changes: Partial<ReportRow>): Promise<void> {
  await db.updateTable('citizen_reports').set(changes).where('id', '=', id).execute();
}

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function putSetting(db: Db, key: string, value: string, by: string, at: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: by, updated_at: at }))
    .execute();
}
