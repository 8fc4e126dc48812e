import { CHANNELS, type Channel } from '@phongdich/core';
import type { Context } from '../../context.js';
import type { ChannelSender, ProviderEvents, Receipt } from './channels/channel.js';
import { EmailChannel } from './channels/email-channel.js';
import { LogChannel } from './channels/log-channel.js';
import { PushChannel } from './channels/push-channel.js';
import { SmppChannel } from './channels/smpp-channel.js';
import { WebhookChannel } from './channels/webhook-channel.js';
import { applyReceipts, setOptOut } from './outbox.repository.js';

// Receipts whose reference is not written yet are kept this long (real time) before being dropped.
const UNMATCHED_KEEP_MS = 10 * 60_000;
const FLUSH_DELAY_MS = 100;
// Replies that opt a phone out of campaign messages ("TC" for từ chối, as telecoms' own services use).
const OPT_OUT_KEYWORD = /^\s*(tc|tu ?choi|từ ?chối|huy|hủy|stop)\b/i;

interface PendingReceipt extends Receipt {
  channel: Channel;
  firstSeen: number;
}

/** Buffers what providers report and writes it in batches, so receipts cost one transaction per flush, not per message. */
class ProviderEventSink implements ProviderEvents {
  private pending: PendingReceipt[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly tasks = new Set<Promise<unknown>>();

  constructor(private readonly ctx: Context) {}

  receipt(channel: Channel, receipt: Receipt): void {
    this.pending.push({ ...receipt, channel, firstSeen: performance.now() });
    this.schedule(FLUSH_DELAY_MS);
  }

  inbound(channel: Channel, from: string, text: string): void {
    if (!OPT_OUT_KEYWORD.test(text)) return;
    this.track(setOptOut(this.ctx.db, this.ctx.cipher.blindIndex('phone', from), true, 'keyword', this.ctx.clock.now()));
    this.ctx.logger.info({ channel }, 'campaign opt-out by reply');
  }

  subscriptionGone(endpoint: string): void {
    this.track(this.ctx.db.deleteFrom('push_subscriptions').where('endpoint_index', '=', this.ctx.cipher.blindIndex('push.endpoint', endpoint)).execute());
  }

  /** Writes every buffered receipt now (the sender calls it after each batch; tests call it to observe). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    await Promise.allSettled([...this.tasks]);
  }

  private track(task: Promise<unknown>): void {
    const safe = task.catch((error: unknown) => this.ctx.logger.error({ err: error }, 'messaging event not recorded'));
    this.tasks.add(safe);
    void safe.finally(() => this.tasks.delete(safe));
  }

  private schedule(delay: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const now = performance.now();
    try {
      for (const channel of CHANNELS) {
        const mine = batch.filter((r) => r.channel === channel);
        if (mine.length === 0) continue;
        const unknown = new Set((await applyReceipts(this.ctx.db, this.ctx.dialect, channel, mine, this.ctx.clock.now())).map((r) => r.ref));
        this.pending.push(...mine.filter((r) => unknown.has(r.ref) && now - r.firstSeen < UNMATCHED_KEEP_MS));
      }
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'delivery receipts not recorded; will retry');
      this.pending.push(...batch);
    }
    if (this.pending.length) this.schedule(1000);
  }
}

export interface Providers {
  senders: Record<Channel, ChannelSender>;
  events: ProviderEventSink;
}

const providers = new WeakMap<Context, Providers>();

function build(ctx: Context): Providers {
  const events = new ProviderEventSink(ctx);
  const m = ctx.config.messaging;
  const log = ctx.logger.child({ channel: 'messaging' });
  const senders: Record<Channel, ChannelSender> = {
    sms: m.smpp ? new SmppChannel(m.smpp, events, log) : new LogChannel('sms', ctx.logger),
    ott: m.webhook ? new WebhookChannel(m.webhook, () => ctx.clock.now()) : new LogChannel('ott', ctx.logger),
    email: m.smtp ? new EmailChannel(m.smtp) : new LogChannel('email', ctx.logger),
    push: m.vapid ? new PushChannel(m.vapid, ctx.config.baseUrl, events) : new LogChannel('push', ctx.logger),
  };
  return { senders, events };
}

/** The channel senders of a context, built from its configuration on first use. */
export function providersOf(ctx: Context): Providers {
  let found = providers.get(ctx);
  if (!found) {
    found = build(ctx);
    providers.set(ctx, found);
  }
  return found;
}

/** Unbinds from the SMSC, closes SMTP connections and writes pending receipts (at shutdown, in tests). */
export async function closeProviders(ctx: Context): Promise<void> {
  const found = providers.get(ctx);
  if (!found) return;
  providers.delete(ctx);
  await Promise.allSettled(Object.values(found.senders).map((s) => s.close()));
  await found.events.close();
}

/** Which provider serves each channel, and its rate: for the officials' and operators' screens. */
export function channelSummary(ctx: Context): Array<{ channel: Channel; provider: string; perSecond: number }> {
  const { senders } = providersOf(ctx);
  return CHANNELS.map((channel) => ({ channel, provider: senders[channel].provider, perSecond: ctx.config.messaging.rateLimits[channel] }));
}
