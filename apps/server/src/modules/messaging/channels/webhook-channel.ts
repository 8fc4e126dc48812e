import type { MessagingConfig } from '../../../config/config.js';
import type { ChannelSender, Delivery, SendResult } from './channel.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature.js';

type WebhookConfig = NonNullable<MessagingConfig['webhook']>;

const TIMEOUT_MS = 10_000;

/**
 * OTT messages (Zalo-style providers reached by phone number) through an HTTP webhook: a signed JSON
 * POST per message (docs/operations.md, "OTT webhook"). 2xx accepts; 408, 429 and 5xx are retried;
 * other 4xx refuse the message for good. The provider may later post a delivery report back.
 */
export class WebhookChannel implements ChannelSender {
  readonly channel = 'ott' as const;
  readonly provider = 'webhook';
  readonly concurrency = 20;

  constructor(
    private readonly config: WebhookConfig,
    private readonly nowMs: () => number,
  ) {}

  async send(delivery: Delivery): Promise<SendResult> {
    const body = JSON.stringify({ id: delivery.id, channel: 'ott', to: delivery.recipient, text: delivery.body, template: delivery.template, language: delivery.language });
    const timestamp = Math.floor(this.nowMs() / 1000);
    const response = await fetch(this.config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(this.config.secret, timestamp, body), 'idempotency-key': delivery.id },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await response.text()).slice(0, 200).replace(/\s+/g, ' ');
    const answer = `webhook: HTTP ${response.status}${text ? ` ${text}` : ''}`;
    if (response.ok) return { status: 'sent', answer, refs: [delivery.id] };
    const temporary = response.status === 408 || response.status === 429 || response.status >= 500;
    return { status: 'failed', permanent: !temporary, answer };
  }

  async close(): Promise<void> {}
}
