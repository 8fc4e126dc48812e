import type { IntegrationEvent } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { scopeCondition, scopeOf } from '../../http/scope.js';
import { recordAudit } from '../audit/index.js';
import { unitTree } from '../units/index.js';
import { eventsAfter, type EventRow } from './events.repository.js';

export const EVENT_COLUMNS = { province: 'province_code', district: 'district_code', commune: 'commune_code' };

/** An event as the feed and webhooks carry it. */
export function eventView(row: EventRow): IntegrationEvent {
  return {
    id: row.id,
    type: row.type as IntegrationEvent['type'],
    cursor: String(row.seq),
    occurredAt: new Date(row.at).toISOString(),
    unitCode: row.unit_code,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/**
 * The changes of the caller's area after a cursor, oldest first. `next` is the cursor to pass next time
 * (the same one when nothing is new), so a poller never misses or repeats a change.
 */
export async function readFeed(ctx: Context, actor: Actor, query: { after?: string | undefined; limit?: number | undefined; types?: string[] | undefined }) {
  const after = Number(query.after ?? 0);
  const rows = await eventsAfter(ctx.db, scopeCondition(scopeOf(actor, unitTree(ctx)), EVENT_COLUMNS), after, query.limit ?? 100, query.types ?? []);
  await recordAudit(ctx, actor, { action: 'integration.feed.read', detail: { after, count: rows.length } });
  return { items: rows.map(eventView), next: rows.length ? String(rows[rows.length - 1]?.seq) : String(after) };
}
