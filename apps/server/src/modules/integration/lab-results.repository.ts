import type { Expression, Kysely, Selectable, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { LabResultsTable } from './integration.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type LabResultRow = Selectable<LabResultsTable>;

export async function insertLabResults(db: Db, rows: LabResultRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('lab_results').values(rows.slice(i, i + 100)).execute();
}

/** Results already received with these (issuer, result id) pairs. */
export async function existingResults(db: Db, keys: ReadonlyArray<{ issuer: string; resultId: string }>): Promise<LabResultRow[]> {
  const found: LabResultRow[] = [];
  const byIssuer = new Map<string, string[]>();
  for (const k of keys) byIssuer.set(k.issuer, [...(byIssuer.get(k.issuer) ?? []), k.resultId]);
  for (const [issuer, ids] of byIssuer) {
    for (let i = 0; i < ids.length; i += 500) found.push(...(await db.selectFrom('lab_results').selectAll().where('issuer', '=', issuer).where('result_id', 'in', ids.slice(i, i + 500)).execute()));
  }
  return found;
}

export function findLabResult(db: Db, id: string): Promise<LabResultRow | undefined> {
  return db.selectFrom('lab_results').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateLabResult(db: Db, id: string, changes: Partial<LabResultRow>): Promise<void> {
  await db.updateTable('lab_results').set(changes).where('id', '=', id).execute();
}

export function listLabResults(db: Db, where: Expression<SqlBool>, statuses: readonly string[], limit: number): Promise<LabResultRow[]> {
  return db.selectFrom('lab_results').selectAll().where(where).where('status', 'in', statuses).orderBy('received_at', 'desc').limit(limit).execute();
}

/** Results matched to these people, newest first. */
export function resultsOfPeople(db: Db, personIds: readonly string[], limit: number): Promise<LabResultRow[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_results').selectAll().where('person_id', 'in', personIds).where('status', '!=', 'dismissed').orderBy('specimen_date', 'desc').limit(limit).execute();
}

/** Tests and positive tests per commune and specimen date. */
export async function dailyTestCounts(db: Db, fromDate: string, toDate: string): Promise<Array<{ date: string; communeCode: string; tests: number; positive: number }>> {
  const rows = await db
    .selectFrom('lab_results')
    .select(['specimen_date', 'commune_code', 'result', (eb) => eb.fn.countAll<number>().as('n')])
    .where('specimen_date', '>=', fromDate)
    .where('specimen_date', '<=', toDate)
    .where('commune_code', 'is not', null)
    .where('status', '!=', 'dismissed')
    .groupBy(['specimen_date', 'commune_code', 'result'])
    .execute();
  const figures = new Map<string, { date: string; communeCode: string; tests: number; positive: number }>();
  for (const r of rows) {
    const key = `${r.specimen_date}|${r.commune_code}`;
    const entry = figures.get(key) ?? { date: r.specimen_date, communeCode: r.commune_code as string, tests: 0, positive: 0 };
    entry.tests += Number(r.n);
    if (r.result === 'positive') entry.positive += Number(r.n);
    figures.set(key, entry);
  }
  return [...figures.values()];
}
