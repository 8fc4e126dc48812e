import { INTEGRATION_EVENT_TYPES, type Webhook, type webhookCreateSchema } from '@phongdich/core';
import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeCondition } from '../../http/scope.js';
import { recordAudit } from '../audit/index.js';
import { unitTree } from '../units/index.js';
import { activeWebhooks, findApiKey, findWebhook, insertWebhook, listWebhooks, updateWebhook, type WebhookRow } from './api-keys.repository.js';
import { eventsAfter, eventsBySeq, lastSeq } from './events.repository.js';
import { EVENT_COLUMNS, eventView } from './feed.service.js';
import { claimDelivery, deliveryStats, dueDeliveries, insertDeliveries, updateDelivery, type DeliveryRow, type DeliveryStats } from './webhooks.repository.js';
import { retryDelaySeconds, signWebhook, WEBHOOK_HEADERS } from './webhooks.signature.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function webhookView(row: WebhookRow, keyName: string, stats: DeliveryStats | undefined): Webhook {
  return {
    id: row.id,
    apiKeyId: row.api_key_id,
    apiKeyName: keyName,
    url: row.url,
    eventTypes: JSON.parse(row.event_types) as Webhook['eventTypes'],
    status: row.status as Webhook['status'],
    createdAt: row.created_at,
    pending: stats?.pending ?? 0,
    failed: stats?.failed ?? 0,
    lastDeliveredAt: stats?.lastDeliveredAt ?? null,
    lastError: stats?.lastError ?? null,
  };
}

/**
 * An administrator points a key's changes at a system's URL. Deliveries start with the changes made from
 * now on (the feed has the earlier ones). The signing secret is answered once and kept encrypted.
 */
export async function createWebhook(ctx: Context, actor: Actor, input: z.infer<typeof webhookCreateSchema>): Promise<{ webhook: Webhook; secret: string }> {
  const key = await findApiKey(ctx.db, input.apiKeyId);
  if (!key) throw new AppError('api_key_not_found', { field: 'apiKeyId' });
  if (key.status !== 'active') throw new AppError('api_key_revoked', { field: 'apiKeyId' });
  const url = new URL(input.url);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (ctx.config.webhookAllowHttp || LOOPBACK.has(url.hostname)))) throw new AppError('webhook_url_not_allowed', { field: 'url' });
  const secret = `whsec_${Buffer.from(ctx.rng.bytes(32)).toString('base64url')}`;
  const row: WebhookRow = {
    id: newId(ctx),
    api_key_id: key.id,
    url: url.toString(),
    secret_enc: ctx.cipher.encrypt('webhooks.secret', secret),
    event_types: JSON.stringify([...new Set(input.eventTypes)]),
    status: 'active',
    cursor: await lastSeq(ctx.db),
    created_by: actor.userId,
    created_at: ctx.clock.now(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertWebhook(trx, row);
    await recordAudit(ctx, actor, { action: 'webhook.create', subjectType: 'webhook', subjectId: row.id, unitCode: key.unit_code, detail: { apiKeyId: key.id, host: url.host, eventTypes: input.eventTypes } }, trx);
  });
  return { webhook: webhookView(row, key.name, undefined), secret };
}

export async function listWebhookViews(ctx: Context): Promise<Webhook[]> {
  const rows = await listWebhooks(ctx.db);
  const stats = await deliveryStats(ctx.db);
  const names = new Map<string, string>();
  for (const row of rows) if (!names.has(row.api_key_id)) names.set(row.api_key_id, (await findApiKey(ctx.db, row.api_key_id))?.name ?? '');
  return rows.map((row) => webhookView(row, names.get(row.api_key_id) ?? '', stats.get(row.id)));
}

export async function disableWebhook(ctx: Context, actor: Actor, id: string): Promise<Webhook> {
  const row = await findWebhook(ctx.db, id);
  if (!row) throw new AppError('webhook_not_found');
  await updateWebhook(ctx.db, id, { status: 'disabled' });
  await recordAudit(ctx, actor, { action: 'webhook.disable', subjectType: 'webhook', subjectId: id });
  return (await listWebhookViews(ctx)).find((w) => w.id === id) as Webhook;
}

/** Turns new events of each webhook's key scope (and types) into pending deliveries, advancing its cursor. */
export async function queueDeliveries(ctx: Context): Promise<number> {
  let queued = 0;
  for (const hook of await activeWebhooks(ctx.db)) {
    const unit = unitTree(ctx).get(hook.unit_code);
    if (!unit) continue;
    const types = JSON.parse(hook.event_types) as string[];
    const scope = scopeCondition({ kind: 'unit', unitCode: unit.code, tier: unit.tier, sector: null }, EVENT_COLUMNS);
    const events = await eventsAfter(ctx.db, scope, hook.cursor, 500, types.length === INTEGRATION_EVENT_TYPES.length ? [] : types);
    if (events.length === 0) continue;
    const now = ctx.clock.now();
    const rows: DeliveryRow[] = events.map((e) => ({ id: newId(ctx), webhook_id: hook.id, event_seq: e.seq, status: 'pending', attempts: 0, next_attempt_at: now, last_status: null, last_error: null, delivered_at: null, created_at: now }));
    await ctx.db.transaction().execute(async (trx) => {
      await insertDeliveries(trx, rows);
      await updateWebhook(trx, hook.id, { cursor: events[events.length - 1]?.seq as number });
    });
    queued += rows.length;
  }
  return queued;
}

async function attempt(ctx: Context, delivery: DeliveryRow, hook: WebhookRow, body: string, eventId: string, eventType: string): Promise<void> {
  const now = ctx.clock.now();
  const timestamp = Math.floor(now / 1000);
  const secret = ctx.cipher.decrypt('webhooks.secret', hook.secret_enc);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'PhongDich-Webhooks/1',
        [WEBHOOK_HEADERS.eventId]: eventId,
        [WEBHOOK_HEADERS.eventType]: eventType,
        [WEBHOOK_HEADERS.deliveryId]: delivery.id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.config.webhookTimeoutMs),
    });
    status = response.status;
    await response.body?.cancel();
    if (status < 200 || status >= 300) error = `HTTP ${status}`;
  } catch (caught) {
    // The reason only (timeout, refused): never the URL's answer, which may echo data.
    error = caught instanceof Error ? (caught.name === 'TimeoutError' ? 'timeout' : ((caught.cause as { code?: string } | undefined)?.code ?? caught.name)) : 'error';
  }
  const attempts = delivery.attempts + 1;
  if (error === null) {
    await updateDelivery(ctx.db, delivery.id, { status: 'delivered', attempts, last_status: status, last_error: null, delivered_at: ctx.clock.now() });
    return;
  }
  const failed = attempts >= ctx.config.webhookMaxAttempts;
  await updateDelivery(ctx.db, delivery.id, { status: failed ? 'failed' : 'pending', attempts, last_status: status, last_error: error, next_attempt_at: now + retryDelaySeconds(attempts) * 1000 });
  ctx.logger.warn({ webhookId: hook.id, deliveryId: delivery.id, attempts, error }, failed ? 'webhook delivery given up' : 'webhook delivery failed, will retry');
}

/** Sends due deliveries (at least once: a receiver that answered 2xx but whose answer was lost gets it again). */
export async function deliverDueWebhooks(ctx: Context, limit = 25): Promise<number> {
  const now = ctx.clock.now();
  const due = await dueDeliveries(ctx.db, now, limit);
  const claimed: DeliveryRow[] = [];
  for (const d of due) if (await claimDelivery(ctx.db, d.id, now, now + ctx.config.webhookTimeoutMs + 30_000)) claimed.push(d);
  const events = new Map((await eventsBySeq(ctx.db, [...new Set(claimed.map((d) => d.event_seq))])).map((e) => [e.seq, e]));
  // A webhook disabled, or whose key was revoked, after its deliveries were queued sends nothing more.
  const hooks = new Map<string, WebhookRow | undefined>();
  for (const d of claimed) {
    if (hooks.has(d.webhook_id)) continue;
    const hook = await findWebhook(ctx.db, d.webhook_id);
    const keyActive = hook ? (await findApiKey(ctx.db, hook.api_key_id))?.status === 'active' : false;
    hooks.set(d.webhook_id, hook?.status === 'active' && keyActive ? hook : undefined);
  }
  await Promise.all(
    claimed.map(async (d) => {
      const event = events.get(d.event_seq);
      const hook = hooks.get(d.webhook_id);
      if (!event || !hook) return updateDelivery(ctx.db, d.id, { status: 'failed', last_error: 'webhook disabled' });
      return attempt(ctx, d, hook, JSON.stringify(eventView(event)), event.id, event.type);
    }),
  );
  return claimed.length;
}

/** The background job: queue what is new, then send what is due. */
export async function runWebhooks(ctx: Context): Promise<{ queued: number; sent: number }> {
  const queued = await queueDeliveries(ctx);
  return { queued, sent: await deliverDueWebhooks(ctx) };
}
