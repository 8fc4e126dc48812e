import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string | null;
  /** HMAC blind index of the E.164 phone, for exact lookup without storing it in clear. */
  phone_index: string | null;
  /** The phone, encrypted with the field cipher. */
  phone_enc: string | null;
  display_name: string;
  role: string;
  unit_code: string | null;
  sector: string | null;
  password_hash: string | null;
  status: string;
  must_change_password: number;
  failed_logins: Generated<number>;
  locked_until: number | null;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
  /** For family members declared by a citizen: the citizen's account (they have no login of their own). */
  guardian_id: Generated<string | null>;
  relation: Generated<string | null>;
  birth_year: Generated<number | null>;
  /** Second factor of a password account, encrypted: the TOTP secret (base32) and the SHA-256 of each unused recovery code; null when not enrolled. */
  totp_secret_enc: Generated<string | null>;
  /** When the second factor was confirmed; until then a secret is only pending. */
  totp_enabled_at: Generated<number | null>;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: Generated<number | null>;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  idle_ms: number;
}

export interface OtpChallengesTable {
  id: string;
  phone_index: string;
  code_hash: string;
  purpose: string;
  attempts: number;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
  otp_challenges: OtpChallengesTable;
}
