import type { Role } from '@phongdich/core';

export interface NavItem {
  to: string;
  /** i18n key of the label. */
  label: string;
  roles: readonly Role[];
  /** Active only on this exact path, not on the paths below it. */
  end?: boolean;
}

const OFFICIALS: Role[] = ['official', 'health_official', 'admin'];

/** Navigation by role: each person sees only what they can use. */
const EVERYONE: Role[] = ['citizen', 'place_owner', 'scanner_staff', 'official', 'health_official', 'admin'];

export const NAV: NavItem[] = [
  { to: '/', label: 'nav.home', roles: EVERYONE },
  { to: '/map', label: 'nav.map', roles: EVERYONE },
  { to: '/scan', label: 'nav.scan', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/declarations/new', label: 'nav.declare', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/declarations', label: 'nav.myDeclarations', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/family', label: 'nav.family', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/visits', label: 'nav.diary', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/places/mine', label: 'nav.myPlaces', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/staff', label: 'nav.staff', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/report', label: 'nav.report', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/bluezone', label: 'nav.bluezone', roles: ['citizen', 'place_owner', 'scanner_staff'] },
  { to: '/cases', label: 'nav.cases', roles: ['health_official', 'admin'] },
  { to: '/cases/clusters', label: 'nav.clusters', roles: ['health_official', 'admin'] },
  { to: '/lab-results', label: 'nav.labResults', roles: ['health_official', 'admin'] },
  { to: '/bluezone/codes', label: 'nav.bluezoneCodes', roles: ['health_official', 'admin'] },
  { to: '/contacts', label: 'nav.contacts', roles: OFFICIALS },
  { to: '/declarations/flags', label: 'nav.flags', roles: OFFICIALS },
  { to: '/monitoring', label: 'nav.monitoring', roles: OFFICIALS },
  { to: '/declarations/review', label: 'nav.declarationSearch', roles: OFFICIALS },
  { to: '/reports', label: 'nav.dashboards', roles: OFFICIALS, end: true },
  { to: '/reports/worklist', label: 'nav.reports', roles: OFFICIALS },
  { to: '/arrivals', label: 'nav.arrivals', roles: OFFICIALS },
  { to: '/risk-settings', label: 'nav.riskSettings', roles: ['health_official', 'admin'] },
  { to: '/places', label: 'nav.places', roles: OFFICIALS },
  { to: '/places?status=pending', label: 'nav.approvals', roles: OFFICIALS },
  { to: '/targets', label: 'nav.targets', roles: OFFICIALS },
  { to: '/places/map', label: 'nav.placesMap', roles: OFFICIALS },
  { to: '/map/levels', label: 'nav.riskLevels', roles: OFFICIALS },
  { to: '/map/zones', label: 'nav.zones', roles: OFFICIALS },
  { to: '/map/sites', label: 'nav.sites', roles: OFFICIALS },
  { to: '/map/statistics', label: 'nav.mapStatistics', roles: OFFICIALS },
  { to: '/places/import', label: 'nav.imports', roles: OFFICIALS },
  { to: '/units', label: 'nav.units', roles: OFFICIALS },
  { to: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { to: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
  { to: '/campaigns', label: 'nav.campaigns', roles: OFFICIALS },
  { to: '/admin/outbox', label: 'nav.outbox', roles: ['admin'] },
  { to: '/admin/integration', label: 'nav.integration', roles: ['admin'] },
  { to: '/admin/guides', label: 'nav.guidesEdit', roles: ['admin'] },
  { to: '/guide', label: 'nav.guides', roles: EVERYONE },
  { to: '/account', label: 'nav.account', roles: EVERYONE },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role));
}
