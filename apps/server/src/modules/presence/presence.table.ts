export interface VisitsTable {
  id: string;
  place_id: string;
  /** The point scanned on arrival (null when staff typed the visitor in without a point). */
  point_id: string | null;
  checkout_point_id: string | null;
  /** The visitor's account; null for visitors staff recorded by name only. */
  person_id: string | null;
  visitor_name_enc: string | null;
  visitor_phone_enc: string | null;
  visitor_phone_index: string | null;
  province_code: string;
  district_code: string | null;
  commune_code: string;
  place_type: string;
  method: string;
  recorded_by: string;
  checked_in_at: number;
  checked_out_at: number | null;
  checkout_method: string | null;
  /** When the server stored it; later than checked_in_at for scans sent from an offline phone. */
  received_at: number;
}

export interface ScanReceiptsTable {
  actor_id: string;
  client_event_id: string;
  visit_id: string;
  action: string;
  created_at: number;
}

export interface PresenceTables {
  visits: VisitsTable;
  scan_receipts: ScanReceiptsTable;
}
