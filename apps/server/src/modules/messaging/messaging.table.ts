import type { Generated } from 'kysely';

export interface OutboxTable {
  id: string;
  channel: string;
  /** Recipient (phone, address, push subscription), encrypted with the field cipher. */
  recipient_enc: string;
  /** Message text, encrypted: it can hold one-time codes and health warnings. */
  body_enc: string;
  template: string;
  language: string;
  dedupe_key: string | null;
  /** queued → sent → delivered | failed. */
  status: string;
  attempts: number;
  next_attempt_at: number;
  /** The provider's last answer (message id, error code and text), or `log`. */
  provider_answer: string | null;
  created_at: number;
  sent_at: number | null;
  /** The account the message is for, when known (opt-out, push). */
  user_id: Generated<string | null>;
  campaign_id: Generated<string | null>;
  run_id: Generated<string | null>;
  /** E-mail subject / push title; no personal data. */
  subject: Generated<string | null>;
  /** A sender's claim: until `locked_until` no other sender takes the message. */
  locked_by: Generated<string | null>;
  locked_until: Generated<number | null>;
  /** SMS parts the provider accepted (receipts come per part). */
  parts: Generated<number | null>;
  delivered_at: Generated<number | null>;
}

/** A provider's reference for a sent message (an SMSC message_id per SMS part); receipts name it. */
export interface OutboxRefsTable {
  channel: string;
  ref: string;
  outbox_id: string;
  /** sent | delivered | failed */
  state: string;
}

export interface CampaignsTable {
  id: string;
  name: string;
  channel: string;
  audience_kind: string;
  unit_code: string | null;
  sector: string | null;
  /** A custom list's recipients (JSON), encrypted. */
  list_enc: string | null;
  list_size: number | null;
  /** The unit whose officials see the campaign: the audience's unit, or the creator's for a list. */
  scope_unit: string | null;
  template_vi: string;
  template_en: string;
  start_at: number;
  /** JSON recurrence, or null for a single run. */
  recurrence: string | null;
  run_count: number;
  runs_done: number;
  next_run_at: number | null;
  status: string;
  created_by: string;
  created_at: number;
  cancelled_at: number | null;
  cancelled_by: string | null;
}

export interface CampaignRunsTable {
  id: string;
  campaign_id: string;
  number: number;
  scheduled_at: number;
  started_at: number;
  /** Set once every message of the run is in the outbox; a run left unset is resumed. */
  queued_at: number | null;
  recipients: number;
  skipped_opt_out: number;
  skipped_no_address: number;
}

/** Phones (and e-mails) that opted out of campaign messages, by blind index. */
export interface MessageOptOutsTable {
  address_index: string;
  /** account | keyword */
  source: string;
  created_at: number;
}

export interface MessagePreferencesTable {
  user_id: string;
  language: string;
  /** For accounts without a phone (officials): where test sends and officials' campaigns go. */
  contact_phone_enc: string | null;
  contact_email_enc: string | null;
  updated_at: number;
}

export interface PushSubscriptionsTable {
  id: string;
  user_id: string;
  endpoint_index: string;
  /** The browser's PushSubscription JSON (endpoint and keys), encrypted. */
  subscription_enc: string;
  created_at: number;
}

export interface MessagingTables {
  outbox: OutboxTable;
  outbox_refs: OutboxRefsTable;
  campaigns: CampaignsTable;
  campaign_runs: CampaignRunsTable;
  message_opt_outs: MessageOptOutsTable;
  message_preferences: MessagePreferencesTable;
  push_subscriptions: PushSubscriptionsTable;
}
