import type { Generated } from 'kysely';

export interface CasesTable {
  id: string;
  /** Human-readable number ("BN-0001"), as officials say it on the phone. */
  code: string;
  person_id: string;
  name_enc: string;
  phone_enc: string;
  address_enc: string | null;
  province_code: string;
  district_code: string | null;
  commune_code: string;
  classification: string;
  onset_date: string | null;
  test_date: string | null;
  test_result: string | null;
  isolation_date: string | null;
  /** Where the case is isolated (often a home address): encrypted. */
  isolation_place_enc: string | null;
  outcome: string;
  /** The contact this case was before testing positive: chains pass through it. */
  from_contact_id: string | null;
  note_enc: string | null;
  traced_at: number | null;
  /** When the outcome became final (recovered, died…); retention counts from here. Null while open. */
  closed_at: Generated<number | null>;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  at: number;
  actor_id: string;
  action: string;
  detail: string | null;
}

export interface ContactsTable {
  id: string;
  /** The case whose chain this contact belongs to (F1 of it, or F2 through an F1, …). */
  case_id: string;
  generation: number;
  parent_contact_id: string | null;
  /** One contact per person per case: the account id, or a hash of a visitor without account. */
  person_key: string;
  person_id: string | null;
  name_enc: string | null;
  phone_enc: string | null;
  /** JSON array of sources that found this contact. */
  sources: string;
  place_id: string | null;
  window_start: number;
  window_end: number;
  exposure_minutes: number;
  score: number;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  status: string;
  quarantine_start: string | null;
  quarantine_end: string | null;
  team: string | null;
  became_case_id: string | null;
  warned_count: number;
  warned_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ContactFollowupsTable {
  id: string;
  contact_id: string;
  date: string;
  status: string;
  /** What the team saw or heard (health information): encrypted. */
  note_enc: string | null;
  by: string;
  at: number;
}

export interface CasesTables {
  cases: CasesTable;
  case_events: CaseEventsTable;
  contacts: ContactsTable;
  contact_followups: ContactFollowupsTable;
}
