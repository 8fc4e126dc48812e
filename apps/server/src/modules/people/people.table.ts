export interface PersonalQrTable {
  user_id: string;
  /** Incremented when the person replaces their QR (a lost card): older codes stop working. */
  version: number;
  created_at: number;
  updated_at: number;
}

export interface PeopleTables {
  personal_qr: PersonalQrTable;
}
