import type SQLite from 'better-sqlite3';
import type { ErrorCode, ScanAction, VisitMethod } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import type { PlaceBasics } from '../places/index.js';
import { decideScan } from './presence.rules.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { closeVisits, insertReceipts, insertVisits, openVisitsOf, receiptsOf, type Closing } from './batch-write.js';
import type { ReceiptRow, VisitRow } from './presence.repository.js';
import { sqliteScanStore, type ScanStore } from './scan-store.js';
import { WalSync } from './wal-sync.js';

/** One scan to store: who, where, when, how. */
export interface ScanJob {
  /** Whose client event id this is (the phone's account, or the staff member's). */
  actorId: string;
  clientEventId: string;
  personId: string | null;
  visitor: { nameEnc: string; phoneEnc: string | null; phoneIndex: string | null } | null;
  place: PlaceBasics;
  pointId: string | null;
  method: VisitMethod;
  scannedAt: number;
  forced?: ScanAction;
  checkoutMethod: 'scan' | 'staff';
}

export type ScanOutcome = { ok: true; action: ScanAction; visitId: string; pointId: string | null; replayed: boolean } | { ok: false; error: ErrorCode };

interface Pending {
  job: ScanJob;
  resolve: (outcome: ScanOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

/**
 * The durable write path for scans: scans queue in memory, a flush writes every queued scan in one
 * transaction a few milliseconds later, and each caller is answered only once that transaction is on
 * disk. On SQLite one fdatasync of the WAL serves the whole batch, and it runs in the thread pool
 * (WalSync) while the next batch is gathered and written, so nothing acknowledged is lost and the
 * event loop does not wait for the disk.
 */
export class ScanWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private timer: NodeJS.Timeout | null = null;
  /** Batches committed and waiting for their sync; drain() waits for them too. */
  private readonly syncing = new Set<Promise<void>>();
  private readonly walSync: WalSync | null;

  constructor(private readonly ctx: Context) {
    this.walSync = ctx.sqlite ? WalSync.of(ctx.sqlite) : null;
  }

  submit(job: ScanJob): Promise<ScanOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  /** Writes whatever is queued now (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      if (!this.flushing) await this.flush();
      else await new Promise((r) => setTimeout(r, 1));
    }
    // Settled either way: a failed sync rejects its callers, not this wait.
    await Promise.all(this.syncing);
  }

  async close(): Promise<void> {
    await this.drain();
    await this.walSync?.close();
  }

  /**
   * The batch on SQLite's raw connection, holding Kysely's connection lock so nothing interleaves.
   * With a WAL to sync, the commit skips its own fsync (synchronous=NORMAL for this transaction only;
   * every other write keeps FULL) and the caller syncs the WAL before answering.
   */
  private writeOnSqlite(sqlite: SQLite.Database, jobs: ScanJob[]): Promise<ScanOutcome[]> {
    return this.ctx.db.connection().execute(async () => {
      if (this.walSync) sqlite.pragma('synchronous = NORMAL');
      try {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const results = await writeAll(this.ctx, sqliteScanStore(sqlite), jobs);
          sqlite.exec('COMMIT');
          return results;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      } finally {
        if (this.walSync) sqlite.pragma('synchronous = FULL');
      }
    });
  }

  /**
   * The batch in one PostgreSQL transaction. When another server process stored one of its client
   * events meanwhile (the same scan resent to another process before its answer came), the batch is
   * rolled back and written again: it then finds that receipt and answers with its visit.
   */
  private async writeOnPostgres(jobs: ScanJob[]): Promise<ScanOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ctx.db.transaction().execute((trx) => writeSetBased(this.ctx, trx, jobs));
      } catch (error) {
        if (!(error instanceof ReceiptRace) || attempt >= 3) throw error;
        this.ctx.logger.debug({ scans: jobs.length, attempt }, 'scan batch written again: another process stored one of its scans');
      }
    }
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.ctx.config.scanBatchMs);
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue.splice(0, MAX_BATCH);
    let outcomes: ScanOutcome[];
    try {
      const jobs = batch.map((pending) => pending.job);
      outcomes = this.ctx.sqlite ? await this.writeOnSqlite(this.ctx.sqlite, jobs) : await this.writeOnPostgres(jobs);
    } catch (error) {
      this.ctx.logger.error({ err: error, scans: batch.length }, 'scan batch failed; nothing of it was stored');
      batch.forEach((pending) => pending.reject(error));
      return;
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
    // PostgreSQL's commit (and an in-memory database) needs no sync of its own.
    const synced = (this.walSync?.sync() ?? Promise.resolve()).then(
      () => batch.forEach((pending, i) => pending.resolve(outcomes[i] as ScanOutcome)),
      (error: unknown) => {
        // Committed but maybe not on disk: the phones resend with the same client event id and are answered from the receipt.
        this.ctx.logger.error({ err: error, scans: batch.length }, 'scan batch committed but the WAL could not be synced; not acknowledged');
        batch.forEach((pending) => pending.reject(error));
      },
    );
    this.syncing.add(synced);
    void synced.finally(() => this.syncing.delete(synced));
  }
}

/** Batches in flight at once on PostgreSQL; SQLite has one connection, so one. */
const POSTGRES_LANES = 2;

/**
 * On PostgreSQL, scans of different people are written in parallel batches: each statement is a round
 * trip, so one batch at a time leaves the database idle while it waits. One person's scans always go
 * to the same lane, in order, so their check-in and check-out are decided one after the other; other
 * server processes writing the same person at the same time are handled as before (receipts, "theirs
 * stands").
 */
export class ScanLanes {
  private readonly lanes: ScanWriter[];

  constructor(ctx: Context) {
    this.lanes = Array.from({ length: ctx.sqlite ? 1 : POSTGRES_LANES }, () => new ScanWriter(ctx));
  }

  submit(job: ScanJob): Promise<ScanOutcome> {
    return (this.lanes[laneOf(job, this.lanes.length)] as ScanWriter).submit(job);
  }

  async drain(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.drain()));
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }
}

/** The lane of a scan's person (an account, else a visitor's keyed phone, else whoever recorded it). */
export function laneOf(job: Pick<ScanJob, 'personId' | 'visitor' | 'actorId'>, lanes: number): number {
  if (lanes === 1) return 0;
  const key = job.personId ?? job.visitor?.phoneIndex ?? job.actorId;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % lanes;
}

async function writeAll(ctx: Context, store: ScanStore, jobs: ScanJob[]): Promise<ScanOutcome[]> {
  const results: ScanOutcome[] = [];
  for (const job of jobs) results.push(await writeScan(ctx, store, job));
  return results;
}

/** One scan inside the batch transaction: replay, pairing, write, receipt. */
async function writeScan(ctx: Context, store: ScanStore, job: ScanJob): Promise<ScanOutcome> {
  const receipt = await store.findReceipt(job.actorId, job.clientEventId);
  if (receipt) return { ok: true, action: receipt.action as ScanAction, visitId: receipt.visit_id, pointId: job.pointId, replayed: true };
  const open = job.personId ? await store.findOpen(job.personId, job.place.id) : undefined;
  const decision = decideScan(open && { id: open.id, checkedInAt: open.checked_in_at }, job.scannedAt, job.forced);
  if ('error' in decision) return { ok: false, error: decision.error };
  let visitId: string;
  if (decision.action === 'check_out') {
    visitId = decision.visitId as string;
    await store.closeVisit(visitId, job.scannedAt, job.checkoutMethod, job.pointId);
  } else {
    visitId = newId(ctx);
    const inserted = await store.insertVisit(visitRowOf(ctx, job, visitId));
    // Another server stored this person's check-in here a moment ago: theirs stands.
    if (!inserted && job.personId) visitId = (await store.findOpen(job.personId, job.place.id))?.id ?? visitId;
  }
  await store.insertReceipt({ actor_id: job.actorId, client_event_id: job.clientEventId, visit_id: visitId, action: decision.action, created_at: ctx.clock.now() });
  return { ok: true, action: decision.action, visitId, pointId: job.pointId, replayed: false };
}

function visitRowOf(ctx: Context, job: ScanJob, id: string): VisitRow {
  return {
    id,
    place_id: job.place.id,
    point_id: job.pointId,
    checkout_point_id: null,
    person_id: job.personId,
    visitor_name_enc: job.visitor?.nameEnc ?? null,
    visitor_phone_enc: job.visitor?.phoneEnc ?? null,
    visitor_phone_index: job.visitor?.phoneIndex ?? null,
    province_code: job.place.provinceCode,
    district_code: job.place.districtCode,
    commune_code: job.place.communeCode,
    place_type: job.place.type,
    method: job.method,
    recorded_by: job.actorId,
    checked_in_at: job.scannedAt,
    checked_out_at: null,
    checkout_method: null,
    received_at: ctx.clock.now(),
  };
}

/**
 * The whole batch in five statements (for PostgreSQL, where each statement is a round trip):
 * decisions are made in memory on the batch's receipts and open visits, in arrival order.
 */
async function writeSetBased(ctx: Context, trx: Transaction<Database>, jobs: ScanJob[]): Promise<ScanOutcome[]> {
  const receipts = new Map((await receiptsOf(trx, jobs)).map((r) => [`${r.actor_id}|${r.client_event_id}`, r]));
  const opens = new Map((await openVisitsOf(trx, jobs.flatMap((j) => (j.personId ? [j.personId] : [])))).map((v) => [`${v.person_id}|${v.place_id}`, { id: v.id, checkedInAt: v.checked_in_at }]));
  const newVisits = new Map<string, VisitRow>();
  const closings: Closing[] = [];
  const newReceipts: ReceiptRow[] = [];
  const outcomes = jobs.map((job): ScanOutcome => {
    const key = `${job.actorId}|${job.clientEventId}`;
    const receipt = receipts.get(key);
    if (receipt) return { ok: true, action: receipt.action as ScanAction, visitId: receipt.visit_id, pointId: job.pointId, replayed: true };
    const openKey = `${job.personId}|${job.place.id}`;
    const decision = decideScan(job.personId ? opens.get(openKey) : undefined, job.scannedAt, job.forced);
    if ('error' in decision) return { ok: false, error: decision.error };
    let visitId: string;
    if (decision.action === 'check_out') {
      visitId = decision.visitId as string;
      opens.delete(openKey);
      const pending = newVisits.get(visitId);
      // Checked in and out within one batch: the new row is written already closed.
      if (pending) Object.assign(pending, { checked_out_at: job.scannedAt, checkout_method: job.checkoutMethod, checkout_point_id: job.pointId });
      else closings.push({ id: visitId, at: job.scannedAt, method: job.checkoutMethod, pointId: job.pointId });
    } else {
      visitId = newId(ctx);
      newVisits.set(visitId, visitRowOf(ctx, job, visitId));
      if (job.personId) opens.set(openKey, { id: visitId, checkedInAt: job.scannedAt });
    }
    const row = { actor_id: job.actorId, client_event_id: job.clientEventId, visit_id: visitId, action: decision.action, created_at: ctx.clock.now() };
    receipts.set(key, row);
    newReceipts.push(row);
    return { ok: true, action: decision.action, visitId, pointId: job.pointId, replayed: false };
  });
  // Closings first: a person leaving and coming back within the batch must not meet their old open visit.
  await closeVisits(trx, closings);
  const inserted = await insertVisits(trx, [...newVisits.values()]);
  for (const [id, row] of newVisits) {
    if (inserted.has(id) || !row.person_id) continue;
    // Another server stored this person's check-in here a moment ago: theirs stands.
    const theirs = (await openVisitsOf(trx, [row.person_id])).find((v) => v.place_id === row.place_id)?.id ?? id;
    newReceipts.forEach((r) => r.visit_id === id && (r.visit_id = theirs));
    outcomes.forEach((o) => o.ok && o.visitId === id && (o.visitId = theirs));
  }
  if ((await insertReceipts(trx, newReceipts)) < newReceipts.length) throw new ReceiptRace();
  return outcomes;
}

/** Another process stored a receipt of this batch first; the transaction must not commit our visit for it. */
class ReceiptRace extends Error {
  constructor() {
    super('a scan of this batch was stored by another server process meanwhile');
  }
}
