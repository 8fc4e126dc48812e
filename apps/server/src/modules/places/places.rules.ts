import { foldVietnamese, SHORT_CODE_ALPHABET, type PlaceType, type Role } from '@phongdich/core';

/** The key two registrations of the same place share, whatever their spelling of tone marks. */
export function identityKeys(name: string, streetAddress: string): { nameKey: string; addressKey: string } {
  return { nameKey: foldVietnamese(name), addressKey: foldVietnamese(streetAddress) };
}

/** Health facilities always ask visitors for a declaration; other places when they choose to. */
export function requiresDeclaration(type: PlaceType, chosen: boolean | undefined): boolean {
  return type === 'health_facility' || chosen === true;
}

export type Relation = 'owner' | 'staff' | 'official' | 'admin' | null;

/** What someone may do with a place, from their relation to it. */
export const PLACE_PERMISSIONS = {
  view: ['owner', 'staff', 'official', 'admin'],
  edit: ['owner', 'official', 'admin'],
  managePoints: ['owner', 'official', 'admin'],
  manageStaff: ['owner', 'official', 'admin'],
  printPosters: ['owner', 'official', 'admin'],
  changeStatus: ['official', 'admin'],
} as const satisfies Record<string, readonly Exclude<Relation, null>[]>;

export type PlacePermission = keyof typeof PLACE_PERMISSIONS;

export function allows(relation: Relation, permission: PlacePermission): boolean {
  return relation !== null && (PLACE_PERMISSIONS[permission] as readonly string[]).includes(relation);
}

/**
 * How a new registration starts: self-registrations wait for a commune official's approval
 * (unless the installation approves at once); officials' registrations are active.
 */
export function initialStatus(role: Role, autoApprove: boolean): { status: 'pending' | 'active'; channel: 'self' | 'official' } {
  if (role === 'official' || role === 'health_official' || role === 'admin') return { status: 'active', channel: 'official' };
  return { status: autoApprove ? 'active' : 'pending', channel: 'self' };
}

/** A short code for manual entry under the QR: 8 characters of Crockford base32 (40 bits). */
export function newShortCode(randomInt: (max: number) => number): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return code;
}

/** Shows a short code in two groups of four, as printed ("7KQ2-M9XD"). */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
