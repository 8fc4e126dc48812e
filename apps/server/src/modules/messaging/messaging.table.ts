export interface OutboxTable {
  id: string;
  channel: string;
  /** Recipient (phone, address, endpoint), encrypted with the field cipher. */
  recipient_enc: string;
  /** Message text, encrypted: it can hold one-time codes and health warnings. */
  body_enc: string;
  template: string;
  language: string;
  dedupe_key: string | null;
  status: string;
  attempts: number;
  next_attempt_at: number;
  provider_answer: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface MessagingTables {
  outbox: OutboxTable;
}
