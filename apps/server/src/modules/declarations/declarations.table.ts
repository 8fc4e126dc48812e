export interface DeclarationsTable {
  id: string;
  /** The person declared about: the account itself, or a family member under it. */
  subject_id: string;
  declared_by: string;
  client_event_id: string;
  kind: string;
  form_version: string;
  /** The whole validated record, encrypted: names, ID numbers, addresses and health answers. */
  record_enc: string;
  /** Keyed hashes for exact lookups by officials, never a scan of decrypted data. */
  name_index: string;
  phone_index: string | null;
  id_number_index: string | null;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  place_id: string | null;
  gate_code: string | null;
  arrival_date: string | null;
  /** Vehicle number and travel date of a domestic movement, for tracing by shared transport. */
  vehicle_key: string | null;
  flagged: number;
  flag_reasons: string;
  supersedes_id: string | null;
  status: string;
  submitted_at: number;
}

export interface DeclarationFlagsTable {
  id: string;
  declaration_id: string;
  subject_id: string;
  reasons: string;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  status: string;
  handled_by: string | null;
  handled_at: number | null;
  /** What the official did about the flag (may name symptoms or people): encrypted. */
  note_enc: string | null;
  created_at: number;
}

export interface MonitoringTable {
  id: string;
  subject_id: string;
  /** Why the person is monitored (free text about their health or contacts): encrypted. */
  reason_enc: string;
  start_date: string;
  end_date: string;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  created_by: string;
  created_at: number;
  ended_at: number | null;
}

export interface CitizenReportsTable {
  id: string;
  reporter_id: string;
  kind: string;
  description_enc: string;
  photo_enc: string | null;
  lat: number | null;
  lon: number | null;
  province_code: string;
  district_code: string | null;
  commune_code: string;
  status: string;
  /** The official's reason for forwarding or closing: encrypted. */
  resolution_enc: string | null;
  handled_by: string | null;
  handled_at: number | null;
  created_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_by: string;
  updated_at: number;
}

export interface DeclarationsTables {
  declarations: DeclarationsTable;
  declaration_flags: DeclarationFlagsTable;
  monitoring: MonitoringTable;
  citizen_reports: CitizenReportsTable;
  settings: SettingsTable;
}
