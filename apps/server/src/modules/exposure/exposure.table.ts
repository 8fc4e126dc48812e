/** A one-time verification code for a confirmed case; the codes themselves are only stored as keyed hashes. */
export interface ExposureCodesTable {
  id: string;
  short_hash: string | null;
  long_hash: string | null;
  short_expires_at: number;
  long_expires_at: number;
  test_type: string;
  symptom_date: string | null;
  test_date: string | null;
  case_id: string | null;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  issued_by: string;
  issued_at: number;
  used_at: number | null;
}

/** What a redeemed code was exchanged for; spent when the certificate is issued. */
export interface ExposureTokensTable {
  token_hash: string;
  code_id: string;
  test_type: string;
  symptom_date: string | null;
  test_date: string | null;
  case_id: string | null;
  expires_at: number;
  used_at: number | null;
}

/** A published temporary exposure key (EN export fields), waiting for its batch or already in one. */
export interface ExposureKeysTable {
  /** base64 of the 16 key bytes. */
  key_data: string;
  transmission_risk: number;
  rolling_start: number;
  rolling_period: number;
  report_type: number;
  days_since_onset: number | null;
  /** The case the verification code was issued for, sealed; read only when someone shares a match. */
  case_ref: string | null;
  uploaded_at: number;
  /** Still-valid keys are embargoed until they expire plus two hours. */
  publish_after: number;
  batch_id: string | null;
}

/** One accepted upload, by certificate id: a retried upload gets the same answer and adds nothing. */
export interface ExposurePublishesTable {
  jti: string;
  tekmac: string;
  inserted: number;
  embargoed_until: number | null;
  at: number;
}

export interface ExposureBatchesTable {
  id: string;
  /** Relative to the export root, e.g. "VN/1700000000-1700003600-00001.zip" (as index.txt lists it). */
  path: string;
  start_timestamp: number;
  end_timestamp: number;
  batch_num: number;
  batch_size: number;
  real_keys: number;
  total_keys: number;
  signing_key_id: string;
  created_at: number;
  /** The signed zip, so any server process can serve it; null for batches made before it was kept. */
  file_base64: string | null;
}

export interface ExposureSigningKeysTable {
  id: string;
  /** 'export' signs batch files; 'certificate' signs verification certificates. */
  purpose: string;
  version: number;
  /** PKCS#8 PEM sealed with the field cipher; null once retired. */
  private_key_enc: string | null;
  public_key_pem: string;
  created_at: number;
  retired_at: number | null;
}

/** A match a person chose to share with the health department. */
export interface ExposureSharesTable {
  id: string;
  person_id: string;
  /** Keyed hash of the matched key: one share per person and key. */
  key_hash: string;
  case_id: string | null;
  contact_id: string | null;
  exposure_date: string;
  window_start: number;
  window_end: number;
  weighted_minutes: number;
  level: string;
  created_at: number;
}

export interface ExposureTables {
  exposure_codes: ExposureCodesTable;
  exposure_tokens: ExposureTokensTable;
  exposure_keys: ExposureKeysTable;
  exposure_publishes: ExposurePublishesTable;
  exposure_batches: ExposureBatchesTable;
  exposure_signing_keys: ExposureSigningKeysTable;
  exposure_shares: ExposureSharesTable;
}
