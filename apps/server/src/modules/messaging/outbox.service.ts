import type { Kysely, Transaction } from 'kysely';
import { maskTail, type Language } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { renderTemplate, type TemplateName } from './messaging.templates.js';
import { dueMessages, insertMessage, listMessages, markMessage, type OutboxFilter } from './outbox.repository.js';

export type Channel = 'sms' | 'ott' | 'email' | 'push';

export interface OutgoingMessage {
  channel: Channel;
  recipient: string;
  template: TemplateName;
  language: Language;
  vars: Record<string, string | number>;
  /** Same key, same message: a retried request does not send twice. */
  dedupeKey?: string;
}

/** Queues a message in the caller's transaction, so it exists exactly when the event that caused it does. */
export async function enqueueMessage(
  ctx: Context,
  message: OutgoingMessage,
  db: Kysely<Database> | Transaction<Database> = ctx.db,
): Promise<void> {
  const now = ctx.clock.now();
  await insertMessage(db, {
    id: newId(ctx),
    channel: message.channel,
    recipient_enc: ctx.cipher.encrypt('outbox.recipient', message.recipient),
    body_enc: ctx.cipher.encrypt('outbox.body', renderTemplate(message.template, message.language, message.vars)),
    template: message.template,
    language: message.language,
    dedupe_key: message.dedupeKey ?? null,
    status: 'queued',
    attempts: 0,
    next_attempt_at: now,
    provider_answer: null,
    created_at: now,
    sent_at: null,
  });
}

/**
 * Delivers due messages. With no provider configured (the embedded default) a message is
 * "delivered" to the server log, recipient masked, and stays visible in the admin outbox.
 */
export async function deliverDueMessages(ctx: Context, limit = 100): Promise<number> {
  const due = await dueMessages(ctx.db, ctx.clock.now(), limit);
  for (const row of due) {
    const recipient = ctx.cipher.decrypt('outbox.recipient', row.recipient_enc);
    const body = ctx.cipher.decrypt('outbox.body', row.body_enc);
    ctx.logger.info({ channel: row.channel, to: maskTail(recipient, 3), template: row.template, body }, 'message delivered to log');
    await markMessage(ctx.db, row.id, {
      status: 'sent',
      attempts: row.attempts + 1,
      sent_at: ctx.clock.now(),
      provider_answer: 'log',
    });
  }
  return due.length;
}

export interface OutboxView {
  id: string;
  channel: string;
  recipientMasked: string;
  template: string;
  status: string;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  providerAnswer: string | null;
}

export async function listOutbox(ctx: Context, filter: OutboxFilter): Promise<OutboxView[]> {
  const rows = await listMessages(ctx.db, filter);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipientMasked: maskTail(ctx.cipher.decrypt('outbox.recipient', r.recipient_enc), 3),
    template: r.template,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    providerAnswer: r.provider_answer,
  }));
}
