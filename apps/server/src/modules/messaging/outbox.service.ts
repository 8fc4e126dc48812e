import type { Kysely, Transaction } from 'kysely';
import type { Channel, Language } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { maskRecipient } from './channels/log-channel.js';
import { isMandatory, sendableAt } from './delivery.rules.js';
import { renderTemplate, type TemplateName } from './messaging.templates.js';
import { insertMessage, isOptedOut, listMessages, type NewOutboxRow, type OutboxFilter } from './outbox.repository.js';

export type { Channel };

export interface OutgoingMessage {
  channel: Channel;
  /** E.164 phone (sms, ott), e-mail address, or a push subscription's JSON. */
  recipient: string;
  template: TemplateName;
  language: Language;
  vars: Record<string, string | number>;
  /** Same key, same message: a retried request does not send twice. */
  dedupeKey?: string;
  /** The account it is for, when known. */
  userId?: string;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The blind index a recipient's opt-out is kept under (phones and e-mails; push follows the account's phone). */
export function addressIndex(ctx: Context, channel: Channel, recipient: string): string | null {
  if (channel === 'sms' || channel === 'ott') return ctx.cipher.blindIndex('phone', recipient);
  if (channel === 'email') return ctx.cipher.blindIndex('email', recipient.toLowerCase());
  return null;
}

/** A ready outbox row for a rendered text (shared by automatic messages and campaigns). */
export function outboxRow(
  ctx: Context,
  message: { channel: Channel; recipient: string; body: string; template: string; language: Language; dedupeKey?: string | null; userId?: string | null; campaignId?: string | null; runId?: string | null; subject?: string | null; notBefore?: number },
): NewOutboxRow {
  const now = ctx.clock.now();
  return {
    id: newId(ctx),
    channel: message.channel,
    recipient_enc: ctx.cipher.encrypt('outbox.recipient', message.recipient),
    body_enc: ctx.cipher.encrypt('outbox.body', message.body),
    template: message.template,
    language: message.language,
    dedupe_key: message.dedupeKey ?? null,
    status: 'queued',
    attempts: 0,
    next_attempt_at: message.notBefore ?? now,
    provider_answer: null,
    created_at: now,
    sent_at: null,
    user_id: message.userId ?? null,
    campaign_id: message.campaignId ?? null,
    run_id: message.runId ?? null,
    subject: message.subject ?? null,
  };
}

/**
 * Queues a message in the caller's transaction, so it exists exactly when the event that caused it
 * does. A message whose template is not mandatory is skipped for a recipient who opted out, and waits
 * for the end of quiet hours. Returns false when nothing was queued (opted out, or a duplicate).
 */
export async function enqueueMessage(ctx: Context, message: OutgoingMessage, db: Db = ctx.db): Promise<boolean> {
  const m = ctx.config.messaging;
  if (!isMandatory(message.template, m.mandatoryTemplates)) {
    const index = addressIndex(ctx, message.channel, message.recipient);
    if (index && (await isOptedOut(db, index))) return false;
  }
  return insertMessage(
    db,
    outboxRow(ctx, {
      channel: message.channel,
      recipient: message.recipient,
      body: renderTemplate(message.template, message.language, message.vars),
      template: message.template,
      language: message.language,
      dedupeKey: message.dedupeKey ?? null,
      userId: message.userId ?? null,
      notBefore: sendableAt(ctx.clock.now(), message.template, m.mandatoryTemplates, m.quietHours),
    }),
  );
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
  deliveredAt: number | null;
  nextAttemptAt: number | null;
  providerAnswer: string | null;
  campaignId: string | null;
}

export async function listOutbox(ctx: Context, filter: OutboxFilter): Promise<OutboxView[]> {
  const rows = await listMessages(ctx.db, filter);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipientMasked: maskRecipient(r.channel, ctx.cipher.decrypt('outbox.recipient', r.recipient_enc)),
    template: r.template,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
    nextAttemptAt: r.status === 'queued' ? r.next_attempt_at : null,
    providerAnswer: r.provider_answer,
    campaignId: r.campaign_id,
  }));
}
