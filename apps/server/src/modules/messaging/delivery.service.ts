import { CHANNELS, type Channel } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import type { ChannelSender } from './channels/channel.js';
import { CAMPAIGN_TEST_TEMPLATE } from './messaging.templates.js';
import { RateLimiter, retryAt, sendableAt } from './delivery.rules.js';
import { claimDue, recordOutcomes, type Outcome, type OutboxRow } from './outbox.repository.js';
import { providersOf } from './providers.js';

// A claim outlives any batch (at most a few seconds of sending at the channel's rate); a sender that
// dies leaves its messages to be taken again after it.
const CLAIM_MS = 2 * 60_000;
// One call keeps going while there is work, for at most this long, so a shutdown does not wait long.
const DEFAULT_BUDGET_MS = 30_000;

interface SenderState {
  holder: string;
  running: Promise<number> | null;
  limiters: Map<Channel, RateLimiter>;
}

const states = new WeakMap<Context, Map<string, SenderState>>();

function stateOf(ctx: Context, holder: string | undefined): SenderState {
  let byHolder = states.get(ctx);
  if (!byHolder) {
    byHolder = new Map();
    states.set(ctx, byHolder);
  }
  const key = holder ?? '';
  let state = byHolder.get(key);
  if (!state) {
    state = { holder: holder ?? `sender-${newId(ctx)}`, running: null, limiters: new Map() };
    byHolder.set(key, state);
  }
  return state;
}

export interface DeliverOptions {
  /** Who claims the messages (one per server process by default). */
  holder?: string;
  /** Stop starting new batches after this long (ms). */
  budgetMs?: number;
}

/**
 * Sends due messages: each channel in parallel, in claimed batches, up to the channel's concurrency
 * and rate. The job runner calls it under the job's lease, and renews the lease while it runs (a call
 * still running makes the next tick return at once). Claims make a second process sending at the same
 * time (a lease that lapsed) harmless: a message is only ever sent by the one process that claimed it.
 */
export async function deliverDueMessages(ctx: Context, options: DeliverOptions = {}): Promise<number> {
  const state = stateOf(ctx, options.holder);
  if (state.running) return 0;
  state.running = (async () => {
    const deadline = performance.now() + (options.budgetMs ?? DEFAULT_BUDGET_MS);
    const counts = await Promise.all(CHANNELS.map((channel) => drainChannel(ctx, state, channel, deadline)));
    await providersOf(ctx).events.flush();
    return counts.reduce((a, b) => a + b, 0);
  })();
  try {
    return await state.running;
  } finally {
    state.running = null;
  }
}

async function drainChannel(ctx: Context, state: SenderState, channel: Channel, deadline: number): Promise<number> {
  const sender = providersOf(ctx).senders[channel];
  const perSecond = ctx.config.messaging.rateLimits[channel];
  let limiter = state.limiters.get(channel);
  if (!limiter) {
    limiter = new RateLimiter(perSecond);
    state.limiters.set(channel, limiter);
  }
  // A batch is at most a few seconds of sending, so claims stay short and the rate holds across batches.
  const limit = Math.max(1, Math.min(ctx.config.messaging.batchSize, Math.ceil(perSecond * 5)));
  let total = 0;
  // A batch's outcomes are written while the next batch is claimed and sent, so the provider is not
  // left idle during the write. At most one write is in flight; its failure stops the loop.
  let recording: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const settle = async () => {
    await recording;
    if (failure) throw failure;
  };
  do {
    const now = ctx.clock.now();
    const batch = await claimDue(ctx.db, ctx.dialect, { channel, holder: state.holder, now, until: now + CLAIM_MS, limit });
    if (batch.length === 0) break;
    const outcomes = await sendBatch(ctx, sender, limiter, batch);
    await settle();
    recording = recordOutcomes(ctx.db, ctx.dialect, channel, state.holder, ctx.clock.now(), outcomes).catch((error: unknown) => {
      failure = error;
    });
    total += batch.length;
    if (batch.length < limit) break;
  } while (performance.now() < deadline);
  await settle();
  return total;
}

async function sendBatch(ctx: Context, sender: ChannelSender, limiter: RateLimiter, batch: OutboxRow[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batch.length) {
      const row = batch[next++] as OutboxRow;
      outcomes.push(await sendOne(ctx, sender, limiter, row));
    }
  };
  await Promise.all(Array.from({ length: Math.min(sender.concurrency, batch.length) }, worker));
  return outcomes;
}

async function sendOne(ctx: Context, sender: ChannelSender, limiter: RateLimiter, row: OutboxRow): Promise<Outcome> {
  const m = ctx.config.messaging;
  const now = ctx.clock.now();
  const immediate = [...m.mandatoryTemplates, CAMPAIGN_TEST_TEMPLATE];
  const allowedAt = sendableAt(now, row.template, immediate, m.quietHours);
  // A retry of a campaign message that comes due at night waits for the morning, uncounted.
  if (allowedAt > now) return { id: row.id, kind: 'retry', answer: row.provider_answer ?? 'waiting for the end of quiet hours', nextAttemptAt: allowedAt, counts: false };
  await limiter.take();
  let result;
  try {
    result = await sender.send({
      id: row.id,
      recipient: ctx.cipher.decrypt('outbox.recipient', row.recipient_enc),
      body: ctx.cipher.decrypt('outbox.body', row.body_enc),
      subject: row.subject,
      template: row.template,
      language: row.language,
    });
  } catch (error) {
    result = { status: 'failed' as const, permanent: false, answer: `${sender.provider}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (result.status === 'sent') return { id: row.id, kind: 'sent', answer: result.answer, parts: result.parts ?? null, refs: result.refs ?? [] };
  if (result.status === 'delivered') return { id: row.id, kind: 'delivered', answer: result.answer };
  const attempts = row.attempts + 1;
  const again = result.permanent ? null : retryAt(now, attempts, m.retryBaseMs, m.maxAttempts);
  if (again === null) {
    const why = result.permanent ? result.answer : `gave up after ${attempts} attempts: ${result.answer}`;
    return { id: row.id, kind: 'failed', answer: why.slice(0, 500) };
  }
  return { id: row.id, kind: 'retry', answer: result.answer.slice(0, 500), nextAttemptAt: sendableAt(again, row.template, immediate, m.quietHours), counts: true };
}
