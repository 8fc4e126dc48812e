import { UNIT_BOUND_ROLES, type Role, type Sector } from '@phongdich/core';

export interface LoginAttemptState {
  failedLogins: number;
  lockedUntil: number | null;
}

/** After a wrong password: count it, and lock the account once the limit is reached. */
export function afterFailedLogin(
  state: LoginAttemptState,
  now: number,
  policy: { maxFailures: number; lockMs: number },
): LoginAttemptState & { lockedNow: boolean } {
  const failed = state.failedLogins + 1;
  if (failed >= policy.maxFailures) return { failedLogins: 0, lockedUntil: now + policy.lockMs, lockedNow: true };
  return { failedLogins: failed, lockedUntil: null, lockedNow: false };
}

export function isLocked(lockedUntil: number | null, now: number): boolean {
  return lockedUntil !== null && lockedUntil > now;
}

export type AssignmentProblem = 'unit_required' | 'sector_not_allowed' | null;

/** Officials must be bound to a unit; only (non-health) officials can be limited to a sector. */
export function checkAssignment(role: Role, unitCode: string | null, sector: Sector | null): AssignmentProblem {
  if (UNIT_BOUND_ROLES.includes(role) && !unitCode) return 'unit_required';
  if (sector && role !== 'official') return 'sector_not_allowed';
  return null;
}

const READABLE = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password people can copy from a terminal: no 0/O or 1/l/I look-alikes, always letters and digits. */
export function readablePassword(randomInts: (max: number) => number, length = 16): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += READABLE[randomInts(READABLE.length)];
    if (/\d/.test(out) && /[a-zA-Z]/.test(out)) return out;
  }
}
