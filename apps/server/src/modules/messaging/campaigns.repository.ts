import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CampaignRunsTable, CampaignsTable } from './messaging.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type CampaignRow = Selectable<CampaignsTable>;
export type RunRow = Selectable<CampaignRunsTable>;

export async function insertCampaign(db: Db, row: CampaignRow): Promise<void> {
  await db.insertInto('campaigns').values(row).execute();
}

export function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCampaignRows(db: Db, limit: number): Promise<CampaignRow[]> {
  return db.selectFrom('campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function updateCampaign(db: Db, id: string, changes: Partial<CampaignRow>): Promise<void> {
  await db.updateTable('campaigns').set(changes).where('id', '=', id).execute();
}

/** Campaigns with a run due (scheduled or running, next run time passed). */
export function dueCampaigns(db: Db, now: number): Promise<CampaignRow[]> {
  return db.selectFrom('campaigns').selectAll().where('status', 'in', ['scheduled', 'running']).where('next_run_at', '<=', now).orderBy('next_run_at').limit(50).execute();
}

/** Inserts a run unless that run number exists already; true when this call created it. */
export async function insertRun(db: Db, row: RunRow): Promise<boolean> {
  const result = await db.insertInto('campaign_runs').values(row).onConflict((oc) => oc.columns(['campaign_id', 'number']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findRun(db: Db, campaignId: string, number: number): Promise<RunRow | undefined> {
  return db.selectFrom('campaign_runs').selectAll().where('campaign_id', '=', campaignId).where('number', '=', number).executeTakeFirst();
}

export async function updateRun(db: Db, id: string, changes: Partial<RunRow>): Promise<void> {
  await db.updateTable('campaign_runs').set(changes).where('id', '=', id).execute();
}

export function runsOf(db: Db, campaignIds: readonly string[]): Promise<RunRow[]> {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('campaign_runs').selectAll().where('campaign_id', 'in', [...campaignIds]).orderBy('number').execute();
}

/** Runs whose fan-out stopped before the end (a crash): they are resumed, idempotently. */
export function unfinishedRuns(db: Db, startedBefore: number): Promise<RunRow[]> {
  return db.selectFrom('campaign_runs').selectAll().where('queued_at', 'is', null).where('started_at', '<', startedBefore).limit(20).execute();
}

/** Withdraws a campaign's messages not yet sent: they fail with the reason, so the figures add up. */
export async function cancelQueuedOfCampaign(db: Db, campaignId: string, reason: string): Promise<number> {
  const result = await db.updateTable('outbox').set({ status: 'failed', provider_answer: reason, locked_by: null, locked_until: null }).where('campaign_id', '=', campaignId).where('status', '=', 'queued').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// A paused campaign's queued messages wait this far in the future (year 9999) until it resumes.
export const HELD_UNTIL = 253_402_300_799_000;

/** Holds (or releases, at `until`) a campaign's messages not yet sent, so pausing stops them too. */
export async function holdQueuedOfCampaign(db: Db, campaignId: string, until: number): Promise<number> {
  const result = await db.updateTable('outbox').set({ next_attempt_at: until }).where('campaign_id', '=', campaignId).where('status', '=', 'queued').executeTakeFirst();
  return Number(result.numUpdatedRows);
}
