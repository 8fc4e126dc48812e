import webpush from 'web-push';
import type { MessagingConfig } from '../../../config/config.js';
import type { ChannelSender, Delivery, ProviderEvents, SendResult } from './channel.js';

type VapidConfig = NonNullable<MessagingConfig['vapid']>;

const TITLES: Record<string, string> = { vi: 'PhongDich', en: 'PhongDich' };

/**
 * Web push to the PWA (RFC 8030 with VAPID, RFC 8292; payload encrypted per RFC 8291 by web-push).
 * The recipient is the browser's subscription JSON. 404/410 mean the subscription is gone: the message
 * fails for good and the subscription is removed; 429 and 5xx are retried.
 */
export class PushChannel implements ChannelSender {
  readonly channel = 'push' as const;
  readonly provider = 'webpush';
  readonly concurrency = 20;

  constructor(
    private readonly config: VapidConfig,
    private readonly baseUrl: string,
    private readonly events: ProviderEvents,
  ) {}

  async send(delivery: Delivery): Promise<SendResult> {
    const subscription = JSON.parse(delivery.recipient) as webpush.PushSubscription;
    const payload = JSON.stringify({ title: delivery.subject ?? TITLES[delivery.language] ?? 'PhongDich', body: delivery.body, url: `${this.baseUrl}/`, tag: delivery.template });
    try {
      const result = await webpush.sendNotification(subscription, payload, {
        vapidDetails: { subject: this.config.subject, publicKey: this.config.publicKey, privateKey: this.config.privateKey },
        TTL: 24 * 3600,
        timeout: 10_000,
      });
      return { status: 'sent', answer: `webpush: HTTP ${result.statusCode}` };
    } catch (error) {
      if (!(error instanceof webpush.WebPushError)) throw error;
      const answer = `webpush: HTTP ${error.statusCode} ${String(error.body ?? '').slice(0, 200)}`.trim();
      if (error.statusCode === 404 || error.statusCode === 410) {
        this.events.subscriptionGone(subscription.endpoint);
        return { status: 'failed', permanent: true, answer };
      }
      const temporary = error.statusCode === 429 || error.statusCode >= 500;
      return { status: 'failed', permanent: !temporary, answer };
    }
  }

  async close(): Promise<void> {}
}
