import type { Language } from '@phongdich/core';
import type { DeploymentRow } from './reports-api.js';
import { shareOf } from './report-format.js';
import { sortRows } from './table-sort.js';

// Which child units the home page points out: the best and the worst by share of registered places
// scanned in the last 7 days. A unit with nothing registered is the worst of all, not "no data".

export interface RankedUnit {
  code: string;
  name: string;
  registered: number;
  active7d: number;
  activeShare: number | null;
}

export function activeShareOf(row: Pick<DeploymentRow, 'active7d' | 'registered'>): number | null {
  return shareOf(row.active7d, row.registered);
}

/** The top and bottom `n` children; with fewer than 2n children the two lists split them without overlap. */
export function topAndBottom(rows: readonly DeploymentRow[], n: number, lang: Language): { top: RankedUnit[]; bottom: RankedUnit[] } {
  const ranked = rows.map((r) => ({ code: r.code, name: r.name, registered: r.registered, active7d: r.active7d, activeShare: activeShareOf(r) }));
  const best = sortRows(sortRows(ranked, (u) => u.name, 'asc', lang), (u) => u.activeShare ?? -1, 'desc', lang);
  const topCount = Math.min(n, Math.ceil(best.length / 2));
  const bottomCount = Math.min(n, best.length - topCount);
  return { top: best.slice(0, topCount), bottom: best.slice(best.length - bottomCount).reverse() };
}
