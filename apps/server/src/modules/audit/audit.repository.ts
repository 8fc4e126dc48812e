import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditLogTable } from './audit.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type AuditRow = Selectable<AuditLogTable>;

export async function insertAudit(db: Db, rows: AuditRow[]): Promise<void> {
  if (rows.length) await db.insertInto('audit_log').values(rows).execute();
}

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  subjectId?: string | undefined;
  before?: number | undefined;
  limit: number;
}

export function listAudit(db: Db, filter: AuditFilter): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.before) query = query.where('at', '<', filter.before);
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
