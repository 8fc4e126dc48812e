import type { Role } from '@phongdich/core';

export interface NavItem {
  to: string;
  /** i18n key of the label. */
  label: string;
  roles: readonly Role[];
}

const OFFICIALS: Role[] = ['official', 'health_official', 'admin'];

/** Navigation by role: each person sees only what they can use. */
export const NAV: NavItem[] = [
  { to: '/', label: 'nav.home', roles: ['citizen', 'place_owner', 'scanner_staff', 'official', 'health_official', 'admin'] },
  { to: '/units', label: 'nav.units', roles: OFFICIALS },
  { to: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { to: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
  { to: '/admin/outbox', label: 'nav.outbox', roles: ['admin'] },
  { to: '/account', label: 'nav.account', roles: ['citizen', 'place_owner', 'scanner_staff', 'official', 'health_official', 'admin'] },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role));
}
