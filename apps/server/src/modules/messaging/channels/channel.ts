import type { Channel } from '@phongdich/core';

/** One message as a channel sends it (decrypted only in memory, for the time of the send). */
export interface Delivery {
  id: string;
  recipient: string;
  body: string;
  subject: string | null;
  template: string;
  language: string;
}

/**
 * What a provider answered. `sent`: accepted (refs name it in later receipts); `delivered`: the
 * provider knows it arrived; `failed`: refused, permanently (never retried) or not.
 */
export type SendResult =
  | { status: 'sent'; answer: string; refs?: string[]; parts?: number }
  | { status: 'delivered'; answer: string }
  | { status: 'failed'; answer: string; permanent: boolean };

/** A provider behind one channel (SMPP for SMS, a webhook for OTT, SMTP, web push, or the log). */
export interface ChannelSender {
  readonly channel: Channel;
  /** smpp | webhook | smtp | webpush | log */
  readonly provider: string;
  /** Messages in flight at once (the SMPP window, parallel HTTP requests, SMTP connections). */
  readonly concurrency: number;
  /** Never throws for a refusal; throws (a temporary failure) when the provider cannot be reached. */
  send(delivery: Delivery): Promise<SendResult>;
  close(): Promise<void>;
}

/** A delivery report from a provider, naming the reference it gave when it accepted the message. */
export interface Receipt {
  ref: string;
  state: 'delivered' | 'failed';
  answer: string;
}

/** Where channels hand what providers report back: receipts, replies, push subscriptions that expired. */
export interface ProviderEvents {
  receipt(channel: Channel, receipt: Receipt): void;
  inbound(channel: Channel, from: string, text: string): void;
  subscriptionGone(endpoint: string): void;
}
