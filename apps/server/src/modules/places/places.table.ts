export interface PlacesTable {
  id: string;
  name: string;
  /** Folded name (no diacritics, lower case): duplicate detection and search. */
  name_key: string;
  type: string;
  sector: string;
  province_code: string;
  district_code: string | null;
  commune_code: string;
  street_address: string;
  address_key: string;
  lat: number | null;
  lon: number | null;
  /** Contact person and phone, encrypted: they are personal data. */
  contact_name_enc: string;
  contact_phone_enc: string;
  capacity: number | null;
  opening_hours: string | null;
  requires_declaration: number;
  status: string;
  status_reason: string | null;
  registration_channel: string;
  registered_by: string;
  approved_by: string | null;
  approved_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PlaceMembersTable {
  place_id: string;
  user_id: string;
  role: string;
  added_by: string;
  created_at: number;
}

export interface QrPointsTable {
  id: string;
  place_id: string;
  label: string;
  status: string;
  /** Incremented on reissue: tokens of older versions (old posters) stop working. */
  version: number;
  short_code: string;
  created_at: number;
  revoked_at: number | null;
}

export interface PlaceTargetsTable {
  id: string;
  name: string;
  name_key: string;
  type: string;
  sector: string;
  province_code: string;
  district_code: string | null;
  commune_code: string;
  street_address: string;
  note: string | null;
  place_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface PlacesTables {
  places: PlacesTable;
  place_members: PlaceMembersTable;
  qr_points: QrPointsTable;
  place_targets: PlaceTargetsTable;
}
