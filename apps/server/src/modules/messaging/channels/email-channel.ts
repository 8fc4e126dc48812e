import nodemailer, { type Transporter } from 'nodemailer';
import type { MessagingConfig } from '../../../config/config.js';
import type { ChannelSender, Delivery, SendResult } from './channel.js';

type SmtpConfig = NonNullable<MessagingConfig['smtp']>;

const SUBJECTS: Record<string, string> = { vi: 'PhongDich – Thông báo', en: 'PhongDich – Notice' };

/** E-mail over SMTP (nodemailer, pooled connections). 5xx answers refuse for good; 4xx and network errors are retried. */
export class EmailChannel implements ChannelSender {
  readonly channel = 'email' as const;
  readonly provider = 'smtp';
  readonly concurrency = 5;
  private readonly transport: Transporter;

  constructor(private readonly config: SmtpConfig) {
    this.transport = nodemailer.createTransport(config.url, { pool: true, maxConnections: this.concurrency, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
  }

  async send(delivery: Delivery): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: delivery.recipient,
        subject: delivery.subject ?? SUBJECTS[delivery.language] ?? SUBJECTS.vi,
        text: delivery.body,
        headers: { 'X-PhongDich-Message': delivery.id },
      });
      return { status: 'sent', answer: `smtp: ${String(info.response ?? 'accepted')}` };
    } catch (error) {
      const e = error as { responseCode?: number; response?: string; message?: string };
      const answer = `smtp: ${e.response ?? e.message ?? String(error)}`;
      if (e.responseCode && e.responseCode >= 500) return { status: 'failed', permanent: true, answer };
      if (e.responseCode && e.responseCode >= 400) return { status: 'failed', permanent: false, answer };
      throw new Error(answer);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
