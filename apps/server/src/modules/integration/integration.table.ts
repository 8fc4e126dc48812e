export interface ApiKeysTable {
  id: string;
  name: string;
  /** The first characters of the key, shown to recognise it; the key itself is never stored. */
  prefix: string;
  /** SHA-256 of the whole key (it is 256 random bits, so a plain hash cannot be reversed). */
  key_hash: string;
  unit_code: string;
  /** JSON array of ApiKeyPermission. */
  permissions: string;
  status: string;
  created_by: string;
  created_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface IntegrationEventsTable {
  /** The feed cursor: gap-free and in commit order (taken under a lock, see events.repository.ts). */
  seq: number;
  id: string;
  type: string;
  at: number;
  /** The unit the change belongs to (a commune, or a district or province for their risk levels). */
  unit_code: string;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  /** JSON: ids and codes only, never names, phones or addresses. */
  data: string;
}

export interface WebhooksTable {
  id: string;
  api_key_id: string;
  url: string;
  /** The signing secret, encrypted: it must be read back to sign, so it cannot be hashed. */
  secret_enc: string;
  event_types: string;
  status: string;
  /** The last event seq turned into deliveries for this webhook. */
  cursor: number;
  created_by: string;
  created_at: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_seq: number;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
  created_at: number;
}

export interface LabResultsTable {
  id: string;
  /** The laboratory's namespace of result ids (FHIR identifier system, or the CSV lab code). */
  issuer: string;
  result_id: string;
  /** SHA-256 of what the result says, to tell a harmless resend from a conflicting one. */
  content_hash: string;
  api_key_id: string;
  person_id: string | null;
  case_id: string | null;
  matched_by: string | null;
  name_enc: string;
  phone_enc: string | null;
  id_number_enc: string | null;
  test_system: string | null;
  test_code: string | null;
  test_name: string;
  result: string;
  specimen_date: string;
  status: string;
  reason: string | null;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  received_at: number;
  handled_by: string | null;
  handled_at: number | null;
  note: string | null;
}

export interface IntegrationTables {
  api_keys: ApiKeysTable;
  integration_events: IntegrationEventsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  lab_results: LabResultsTable;
}
