import crypto from 'node:crypto';

/** Headers of every webhook delivery (names are case-insensitive in HTTP). */
export const WEBHOOK_HEADERS = {
  eventId: 'phongdich-event-id',
  eventType: 'phongdich-event-type',
  deliveryId: 'phongdich-delivery-id',
  timestamp: 'phongdich-timestamp',
  signature: 'phongdich-signature',
} as const;

/** How far a delivery's timestamp may be from the receiver's clock before it is treated as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * `v1=` + hex HMAC-SHA256 over `<timestamp>.<body>` with the webhook's secret. The timestamp (Unix
 * seconds, new on every attempt) is inside the MAC, so an old delivery cannot be replayed with a fresh one.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookCheck = { ok: true; eventId: string } | { ok: false; reason: 'missing_headers' | 'bad_signature' | 'stale_timestamp' | 'replayed' };

/**
 * What a receiver does with a delivery, as a reference (docs/integration.md): check the signature in
 * constant time, refuse timestamps outside the tolerance, and refuse an event id already processed —
 * deliveries are at least once, so a receiver must deduplicate by event id anyway, and that also stops a
 * replay inside the tolerance window.
 */
export function verifyWebhook(options: {
  secret: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
  seen?: (eventId: string) => boolean;
}): WebhookCheck {
  const header = (name: string) => {
    const value = options.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = Number(header(WEBHOOK_HEADERS.timestamp));
  const signature = header(WEBHOOK_HEADERS.signature);
  const eventId = header(WEBHOOK_HEADERS.eventId);
  if (!Number.isInteger(timestamp) || !signature || !eventId) return { ok: false, reason: 'missing_headers' };
  const expected = Buffer.from(signWebhook(options.secret, timestamp, options.body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  if (Math.abs(options.nowSeconds - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'stale_timestamp' };
  // The id inside the signed body is the one that counts: the header is not covered by the MAC.
  const signedId = (JSON.parse(options.body) as { id?: unknown }).id;
  if (signedId !== eventId) return { ok: false, reason: 'bad_signature' };
  if (options.seen?.(eventId)) return { ok: false, reason: 'replayed' };
  return { ok: true, eventId };
}

/** Seconds before attempt `n + 1` after `n` failed ones: 30 s doubling, at most 6 hours. */
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, failedAttempts - 1), 6 * 3600);
}
