/**
 * What every column of every table holds, from a privacy point of view (PRODUCT.md §11). It is the
 * one list that key rotation walks (every `encrypted` column is re-sealed under the new key) and that
 * docs/security.md describes; a test compares it with the migrated schema on SQLite and PostgreSQL
 * and fails, naming the column, when a migration adds a column or table that is not classified here.
 *
 * - `encrypted`: personal data sealed with the field cipher (AES-256-GCM, key outside the database);
 *   column → purpose (the associated data the module seals it with).
 * - `hashed`: keyed hashes (HMAC with the index key) for exact lookups, or hashes of random secrets;
 *   nothing in them can be decrypted.
 * - `clearPersonal`: about a person, kept readable on purpose, with the reason (needed by queries,
 *   already minimised, or pseudonymous ids); everything here is deleted by the table's retention.
 * - `other`: ids, codes, times, counts, states and texts about places and units: no personal data.
 */
export interface TableInventory {
  /** Primary-key columns (rows are re-encrypted in key order, a batch at a time). */
  key: readonly string[];
  encrypted?: Readonly<Record<string, string>>;
  hashed?: readonly string[];
  clearPersonal?: Readonly<Record<string, string>>;
  /** Space-separated column names. */
  other: string;
  /** When rows are deleted. */
  retention: string;
}

const PSEUDONYMOUS = 'account id (pseudonymous: names and phones live in encrypted columns)';

export const DATA_INVENTORY: Readonly<Record<string, TableInventory>> = {
  meta: { key: ['key'], other: 'key value', retention: 'kept (installation facts)' },
  job_leases: { key: ['name'], other: 'name holder expires_at', retention: 'kept (one row per job)' },
  units: { key: ['code'], other: 'code name short_name name_en type type_short tier level parent_code province_code population population_year updated_at', retention: 'reference data' },

  users: {
    key: ['id'],
    encrypted: { phone_enc: 'users.phone', totp_secret_enc: 'users.totp_secret' },
    hashed: ['phone_index', 'password_hash'],
    clearPersonal: {
      display_name: "staff accounts: the official's name (needed to find colleagues); citizens: initials only (maskName)",
      birth_year: 'family members only, a year (the vulnerable-age rule), no date',
      relation: 'family members only: child, parent… (no name)',
      guardian_id: PSEUDONYMOUS,
    },
    other: 'id username role unit_code sector status must_change_password failed_logins locked_until last_login_at created_at updated_at totp_enabled_at totp_last_step',
    retention: 'until the citizen deletes the account (DELETE /api/v1/me) or an administrator disables it',
  },
  sessions: { key: ['id'], hashed: ['id'], other: 'user_id csrf_token created_at last_seen_at expires_at idle_ms', retention: 'expired sessions purged hourly' },
  otp_challenges: { key: ['id'], hashed: ['phone_index', 'code_hash'], other: 'id purpose attempts created_at expires_at consumed_at', retention: 'a day after expiry' },
  audit_log: {
    key: ['id'],
    clearPersonal: { actor_id: PSEUDONYMOUS, subject_id: 'id of the person or record read or changed (no names: details hold ids, field names and counts)' },
    other: 'id at actor_role action subject_type unit_code detail request_id',
    retention: 'reads of personal data: AUDIT_READ_RETENTION_DAYS (365); administrative actions are kept',
  },

  outbox: {
    key: ['id'],
    encrypted: { recipient_enc: 'outbox.recipient', body_enc: 'outbox.body' },
    clearPersonal: { user_id: PSEUDONYMOUS },
    other: 'id channel template language dedupe_key status attempts next_attempt_at provider_answer created_at sent_at campaign_id run_id subject locked_by locked_until parts delivered_at',
    retention: 'sent, delivered and failed messages: OUTBOX_RETENTION_DAYS (30)',
  },
  outbox_refs: { key: ['channel', 'ref'], other: 'channel ref outbox_id state', retention: 'with their message' },
  campaigns: {
    key: ['id'],
    encrypted: { list_enc: 'campaigns.list' },
    other: 'id name channel audience_kind unit_code sector list_size scope_unit template_vi template_en start_at recurrence run_count runs_done next_run_at status created_by created_at cancelled_at cancelled_by',
    retention: 'kept (campaign history); the recipient list is encrypted',
  },
  campaign_runs: { key: ['id'], other: 'id campaign_id number scheduled_at started_at queued_at recipients skipped_opt_out skipped_no_address', retention: 'kept (counts only)' },
  message_opt_outs: { key: ['address_index'], hashed: ['address_index'], other: 'source created_at', retention: 'kept (the opt-out must last)' },
  message_preferences: {
    key: ['user_id'],
    encrypted: { contact_phone_enc: 'message_preferences.contact_phone', contact_email_enc: 'message_preferences.contact_email' },
    clearPersonal: { user_id: PSEUDONYMOUS },
    other: 'language updated_at',
    retention: 'with the account',
  },
  push_subscriptions: {
    key: ['id'],
    encrypted: { subscription_enc: 'push_subscriptions.subscription' },
    hashed: ['endpoint_index'],
    clearPersonal: { user_id: PSEUDONYMOUS },
    other: 'id created_at',
    retention: 'with the account',
  },

  places: {
    key: ['id'],
    encrypted: { contact_name_enc: 'places.contact_name', contact_phone_enc: 'places.contact_phone' },
    other:
      'id name name_key type sector province_code district_code commune_code street_address address_key lat lon capacity opening_hours requires_declaration status status_reason registration_channel registered_by approved_by approved_at created_at updated_at',
    retention: 'kept (public places; the contact person is encrypted)',
  },
  place_members: { key: ['place_id', 'user_id'], clearPersonal: { user_id: PSEUDONYMOUS }, other: 'place_id role added_by created_at', retention: 'until removed, or the account deleted' },
  qr_points: { key: ['id'], other: 'id place_id label status version short_code created_at revoked_at', retention: 'kept' },
  place_targets: { key: ['id'], other: 'id name name_key type sector province_code district_code commune_code street_address note place_id created_by created_at updated_at', retention: 'kept (lists of public places)' },

  personal_qr: { key: ['user_id'], clearPersonal: { user_id: PSEUDONYMOUS }, other: 'version created_at updated_at', retention: 'with the account' },
  visits: {
    key: ['id'],
    encrypted: { visitor_name_enc: 'visits.visitor_name', visitor_phone_enc: 'visits.visitor_phone' },
    hashed: ['visitor_phone_index'],
    clearPersonal: {
      person_id: `${PSEUDONYMOUS}; tracing reads visits by place and time`,
      checked_in_at: 'when: tracing compares times at a place (no location beyond the place)',
      checked_out_at: 'idem',
    },
    other: 'id place_id point_id checkout_point_id province_code district_code commune_code place_type method recorded_by checkout_method received_at',
    retention: 'VISIT_RETENTION_DAYS (21) after check-in; the citizen can delete them earlier',
  },
  scan_receipts: { key: ['actor_id', 'client_event_id'], clearPersonal: { actor_id: PSEUDONYMOUS }, other: 'client_event_id visit_id action created_at', retention: 'with visits (VISIT_RETENTION_DAYS)' },

  declarations: {
    key: ['id'],
    encrypted: { record_enc: 'declarations.record' },
    hashed: ['name_index', 'phone_index', 'id_number_index', 'vehicle_key'],
    clearPersonal: {
      subject_id: PSEUDONYMOUS,
      declared_by: PSEUDONYMOUS,
      flag_reasons: 'which rule flagged the declaration (any_symptom…), no answers; the worklist of officials filters on it',
      arrival_date: 'entry declarations: the day of arrival at a border gate (arrivals worklist)',
    },
    other: 'id client_event_id kind form_version province_code district_code commune_code place_id gate_code flagged supersedes_id status submitted_at',
    retention: 'DECLARATION_RETENTION_DAYS (21) after submission',
  },
  declaration_flags: {
    key: ['id'],
    encrypted: { note_enc: 'declaration_flags.note' },
    clearPersonal: { subject_id: PSEUDONYMOUS, reasons: 'which rules flagged the declaration (see declarations.flag_reasons)' },
    other: 'id declaration_id province_code district_code commune_code status handled_by handled_at created_at',
    retention: 'with its declaration',
  },
  monitoring: {
    key: ['id'],
    encrypted: { reason_enc: 'monitoring.reason' },
    clearPersonal: { subject_id: PSEUDONYMOUS, start_date: 'quarantine dates (the daily-update worklist)', end_date: 'idem' },
    other: 'id province_code district_code commune_code created_by created_at ended_at',
    retention: 'DECLARATION_RETENTION_DAYS after it ended',
  },
  citizen_reports: {
    key: ['id'],
    encrypted: { description_enc: 'reports.description', photo_enc: 'reports.photo', resolution_enc: 'reports.resolution' },
    clearPersonal: { reporter_id: PSEUDONYMOUS, lat: 'where the reported event is (optional, picked by the reporter)', lon: 'idem' },
    other: 'id kind province_code district_code commune_code status handled_by handled_at created_at',
    retention: 'handled reports: DECLARATION_RETENTION_DAYS after they were filed; with the account',
  },
  settings: { key: ['key'], other: 'key value updated_by updated_at', retention: 'kept' },

  cases: {
    key: ['id'],
    encrypted: { name_enc: 'cases.name', phone_enc: 'cases.phone', address_enc: 'cases.address', note_enc: 'cases.note', isolation_place_enc: 'cases.isolation_place' },
    clearPersonal: {
      person_id: PSEUDONYMOUS,
      classification: 'suspected/probable/confirmed: epidemic curves and indicators count by it',
      onset_date: 'dates of the case: the infectious period and the epidemic curve are computed from them',
      test_date: 'idem',
      test_result: 'idem',
      isolation_date: 'idem',
      outcome: 'active/recovered/died…: open cases are counted and traced',
    },
    other: 'id code province_code district_code commune_code from_contact_id traced_at created_by created_at updated_at closed_at',
    retention: 'CASE_RETENTION_DAYS (90) after the case and every case it led to closed',
  },
  case_events: { key: ['id'], clearPersonal: { actor_id: `${PSEUDONYMOUS} (a citizen when they shared a Bluetooth match)` }, other: 'id case_id at action detail', retention: 'with its case' },
  contacts: {
    key: ['id'],
    encrypted: { name_enc: 'contacts.name', phone_enc: 'contacts.phone' },
    clearPersonal: {
      person_key: 'the account id, or the keyed phone index of a visitor without account',
      person_id: PSEUDONYMOUS,
      window_start: 'when the exposure happened (quarantine dates follow from it)',
      window_end: 'idem',
      quarantine_start: 'quarantine dates (follow-up worklist)',
      quarantine_end: 'idem',
    },
    other: 'id case_id generation parent_contact_id sources place_id exposure_minutes score province_code district_code commune_code status team became_case_id warned_count warned_at created_at updated_at',
    retention: 'with its case',
  },
  contact_followups: { key: ['id'], encrypted: { note_enc: 'contact_followups.note' }, other: 'id contact_id date status by at', retention: 'with its contact' },

  exposure_codes: { key: ['id'], hashed: ['short_hash', 'long_hash'], other: 'id short_expires_at long_expires_at test_type symptom_date test_date case_id province_code district_code commune_code issued_by issued_at used_at', retention: 'EXPOSURE_KEY_RETENTION_DAYS (14)' },
  exposure_tokens: { key: ['token_hash'], hashed: ['token_hash'], other: 'code_id test_type symptom_date test_date case_id expires_at used_at', retention: 'EXPOSURE_KEY_RETENTION_DAYS (14)' },
  exposure_keys: {
    key: ['key_data'],
    encrypted: { case_ref: 'exposure.case_ref' },
    other: 'key_data transmission_risk rolling_start rolling_period report_type days_since_onset uploaded_at publish_after batch_id',
    retention: 'EXPOSURE_KEY_RETENTION_DAYS (14); keys are random and published to every phone by design',
  },
  exposure_publishes: { key: ['jti'], hashed: ['tekmac'], other: 'jti inserted embargoed_until at', retention: 'EXPOSURE_KEY_RETENTION_DAYS (14)' },
  exposure_batches: { key: ['id'], other: 'id path start_timestamp end_timestamp batch_num batch_size real_keys total_keys signing_key_id created_at file_base64', retention: 'EXPOSURE_KEY_RETENTION_DAYS (14)' },
  exposure_signing_keys: { key: ['id'], encrypted: { private_key_enc: 'exposure_signing_keys.private_key' }, other: 'id purpose version public_key_pem created_at retired_at', retention: 'kept (public keys stay published)' },
  exposure_shares: {
    key: ['id'],
    hashed: ['key_hash'],
    clearPersonal: { person_id: PSEUDONYMOUS, exposure_date: 'the day of the match the person chose to share', window_start: 'idem', window_end: 'idem' },
    other: 'id case_id contact_id weighted_minutes level created_at',
    retention: 'EXPOSURE_KEY_RETENTION_DAYS (14); with the account',
  },

  unit_statistics: { key: ['commune_code'], other: 'commune_code population vaccination_coverage treatment_capacity_ok updated_by updated_at', retention: 'kept (figures per commune)' },
  unit_risk_levels: { key: ['unit_code', 'date'], other: 'unit_code date level computed_level new_cases_7d cases_per_100k population vaccination_coverage computed_at', retention: 'kept (counts per unit)' },
  risk_overrides: { key: ['id'], other: 'id unit_code level reason until active by at', retention: 'kept' },
  zones: { key: ['id'], other: 'id name kind geometry min_lon min_lat max_lon max_lat area_km2 commune_codes starts_on ends_on note created_by created_at updated_at', retention: 'kept (areas, not people)' },
  sites: { key: ['id'], other: 'id name kind province_code district_code commune_code address lat lon opening_hours phone capacity active created_by created_at updated_at', retention: 'kept (public facilities)' },
  guides: { key: ['slug'], other: 'slug content updated_by updated_at', retention: 'kept' },
  place_assessments: { key: ['id'], other: 'id place_id criteria_set answers risk_percent level overridden_level override_reason overridden_by assessed_by assessed_at', retention: 'kept (about places)' },

  place_daily_scans: { key: ['place_id', 'date'], other: 'place_id date commune_code sector type scans', retention: 'kept (counts, no people)' },
  place_scan_totals: { key: ['place_id'], other: 'place_id commune_code sector type first_date last_date total', retention: 'kept (counts)' },
  rollup_watermarks: { key: ['name'], other: 'name received_at last_id', retention: 'kept' },
  report_submissions: { key: ['id'], other: 'id unit_code period_from period_to version snapshot reason submitted_by submitted_at', retention: 'kept (aggregated reports)' },

  api_keys: { key: ['id'], hashed: ['key_hash'], other: 'id name prefix unit_code permissions status created_by created_at rotated_at revoked_at last_used_at', retention: 'kept' },
  webhooks: { key: ['id'], encrypted: { secret_enc: 'webhooks.secret' }, other: 'id api_key_id url event_types status cursor created_by created_at', retention: 'kept' },
  webhook_deliveries: { key: ['id'], other: 'id webhook_id event_seq status attempts next_attempt_at last_status last_error delivered_at created_at', retention: 'kept' },
  integration_events: {
    key: ['seq'],
    clearPersonal: { data: 'event payload for other systems: ids and codes (the integration module keeps names out)' },
    other: 'seq id type at unit_code province_code district_code commune_code',
    retention: 'kept',
  },
  lab_results: {
    key: ['id'],
    encrypted: { name_enc: 'lab_results.name', phone_enc: 'lab_results.phone', id_number_enc: 'lab_results.id_number' },
    hashed: ['content_hash'],
    clearPersonal: {
      person_id: PSEUDONYMOUS,
      result: 'the test result: matching to cases and positivity counts need it',
      specimen_date: 'idem',
      note: 'free text of the official handling the result (should be encrypted: reported to the integration engineer)',
      reason: 'why a result was not matched (codes)',
    },
    other: 'id issuer result_id api_key_id case_id matched_by test_system test_code test_name status province_code district_code commune_code received_at handled_by handled_at',
    retention: 'kept (to be decided with the integration module)',
  },
};

/** Columns made encrypted after rows were already written in clear: readers accept both until re-encryption. */
export const LEGACY_PLAINTEXT_COLUMNS: ReadonlySet<string> = new Set([
  'cases.isolation_place_enc',
  'contact_followups.note_enc',
  'declaration_flags.note_enc',
  'monitoring.reason_enc',
  'citizen_reports.resolution_enc',
]);

export interface EncryptedColumn {
  table: string;
  column: string;
  purpose: string;
  key: readonly string[];
  legacyPlaintext: boolean;
}

/** Every encrypted column, in a stable order: what key rotation re-seals. */
export function encryptedColumns(): EncryptedColumn[] {
  return Object.entries(DATA_INVENTORY).flatMap(([table, entry]) =>
    Object.entries(entry.encrypted ?? {}).map(([column, purpose]) => ({ table, column, purpose, key: entry.key, legacyPlaintext: LEGACY_PLAINTEXT_COLUMNS.has(`${table}.${column}`) })),
  );
}

/** Every column the inventory names for a table. */
export function inventoriedColumns(entry: TableInventory): string[] {
  return [
    ...new Set([
      ...entry.key,
      ...Object.keys(entry.encrypted ?? {}),
      ...(entry.hashed ?? []),
      ...Object.keys(entry.clearPersonal ?? {}),
      ...entry.other.split(/\s+/).filter(Boolean),
    ]),
  ];
}
