import type { Logger } from 'pino';
import { maskTail, nationalPhone, type Channel } from '@phongdich/core';
import type { ChannelSender, Delivery, SendResult } from './channel.js';

/** A recipient as the log and the admin outbox show it: never the whole phone, address or endpoint. */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'push') {
    try {
      return `push: ${new URL((JSON.parse(recipient) as { endpoint: string }).endpoint).host}`;
    } catch {
      return 'push';
    }
  }
  if (channel === 'email') {
    const [local = '', domain = ''] = recipient.split('@');
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  return maskTail(nationalPhone(recipient), 3);
}

/**
 * The embedded default with no provider configured: the message is written to the server log (the
 * body included, so an operator can read a sign-in code) and stays visible in the admin outbox.
 */
export class LogChannel implements ChannelSender {
  readonly provider = 'log';
  readonly concurrency = 1000;

  constructor(
    readonly channel: Channel,
    private readonly logger: Logger,
  ) {}

  async send(delivery: Delivery): Promise<SendResult> {
    this.logger.info({ channel: this.channel, to: maskRecipient(this.channel, delivery.recipient), template: delivery.template, body: delivery.body }, 'message delivered to log');
    return { status: 'sent', answer: 'log' };
  }

  async close(): Promise<void> {}
}
