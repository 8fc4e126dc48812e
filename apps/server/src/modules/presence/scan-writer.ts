import type { Transaction } from 'kysely';
import type { ErrorCode, ScanAction, VisitMethod } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { PlaceBasics } from '../places/index.js';
import { closeVisit, findOpenVisit, findReceipt, insertReceipt, insertVisit } from './presence.repository.js';
import { decideScan } from './presence.rules.js';

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
 * transaction a few milliseconds later, and each caller is answered only after that commit. With
 * SQLite's synchronous=FULL one fsync serves the whole batch, and nothing acknowledged is lost.
 */
export class ScanWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: Context) {}

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
    try {
      const outcomes = await this.ctx.db.transaction().execute(async (trx) => {
        const results: ScanOutcome[] = [];
        for (const { job } of batch) results.push(await writeScan(this.ctx, trx, job));
        return results;
      });
      batch.forEach((pending, i) => pending.resolve(outcomes[i] as ScanOutcome));
    } catch (error) {
      this.ctx.logger.error({ err: error, scans: batch.length }, 'scan batch failed; nothing of it was stored');
      batch.forEach((pending) => pending.reject(error));
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }
}

/** One scan inside the batch transaction: replay, pairing, write, receipt. */
async function writeScan(ctx: Context, trx: Transaction<Database>, job: ScanJob): Promise<ScanOutcome> {
  const receipt = await findReceipt(trx, job.actorId, job.clientEventId);
  if (receipt) return { ok: true, action: receipt.action as ScanAction, visitId: receipt.visit_id, pointId: job.pointId, replayed: true };
  const open = job.personId ? await findOpenVisit(trx, job.personId, job.place.id) : undefined;
  const decision = decideScan(open && { id: open.id, checkedInAt: open.checked_in_at }, job.scannedAt, job.forced);
  if ('error' in decision) return { ok: false, error: decision.error };
  let visitId: string;
  if (decision.action === 'check_out') {
    visitId = decision.visitId as string;
    await closeVisit(trx, visitId, job.scannedAt, job.checkoutMethod, job.pointId);
  } else {
    visitId = newId(ctx);
    const inserted = await insertVisit(trx, {
      id: visitId,
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
    });
    // Another server stored this person's check-in here a moment ago: theirs stands.
    if (!inserted && job.personId) visitId = (await findOpenVisit(trx, job.personId, job.place.id))?.id ?? visitId;
  }
  await insertReceipt(trx, { actor_id: job.actorId, client_event_id: job.clientEventId, visit_id: visitId, action: decision.action, created_at: ctx.clock.now() });
  return { ok: true, action: decision.action, visitId, pointId: job.pointId, replayed: false };
}
