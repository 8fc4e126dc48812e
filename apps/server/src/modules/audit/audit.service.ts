import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { insertAudit, listAudit, type AuditFilter, type AuditRow } from './audit.repository.js';

export interface AuditEvent {
  /** Dotted verb, e.g. "user.create", "person.read". */
  action: string;
  subjectType?: string;
  subjectId?: string;
  unitCode?: string | null;
  /** Never personal data itself: ids, field names, counts. */
  detail?: Record<string, unknown>;
}

function toRow(ctx: Context, actor: Actor, event: AuditEvent): AuditRow {
  return {
    id: newId(ctx),
    at: ctx.clock.now(),
    actor_id: actor.userId,
    actor_role: actor.role,
    action: event.action,
    subject_type: event.subjectType ?? null,
    subject_id: event.subjectId ?? null,
    unit_code: event.unitCode ?? null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
    request_id: actor.requestId,
  };
}

/** Records an administrative action; pass the transaction so the entry commits with the change. */
export async function recordAudit(
  ctx: Context,
  actor: Actor,
  event: AuditEvent,
  db: Kysely<Database> | Transaction<Database> = ctx.db,
): Promise<void> {
  await insertAudit(db, [toRow(ctx, actor, event)]);
}

/**
 * Records that an official saw personal data: one entry per person shown, so "who looked at me"
 * can be answered for any person.
 */
export async function recordPersonalDataRead(
  ctx: Context,
  actor: Actor,
  subjects: ReadonlyArray<{ type: string; id: string; unitCode?: string | null }>,
  purpose: string,
): Promise<void> {
  const rows = subjects.map((s) =>
    toRow(ctx, actor, { action: 'personal_data.read', subjectType: s.type, subjectId: s.id, unitCode: s.unitCode ?? null, detail: { purpose } }),
  );
  for (let i = 0; i < rows.length; i += 200) await insertAudit(ctx.db, rows.slice(i, i + 200));
}

export async function searchAudit(ctx: Context, filter: AuditFilter): Promise<AuditEntry[]> {
  const rows = await listAudit(ctx.db, filter);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    unitCode: r.unit_code,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
    requestId: r.request_id,
  }));
}
