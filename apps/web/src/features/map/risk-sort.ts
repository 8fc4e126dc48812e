import { foldVietnamese, type UnitRisk } from '@phongdich/core';

// Sorting and filtering the communes' levels (the officials' table and the public list).

export type RiskSortKey = 'name' | 'level' | 'computedLevel' | 'newCases7d' | 'casesPer100k' | 'population' | 'vaccinationCoverage';
export type SortDirection = 'asc' | 'desc';

type Row = Pick<UnitRisk, 'name' | 'level' | 'computedLevel' | 'newCases7d' | 'casesPer100k' | 'population' | 'vaccinationCoverage'>;

/**
 * Sorted copy. Unknown figures (no population, no coverage) go last either way; ties fall back to
 * the highest level, then the name in Vietnamese order, so the order never jumps.
 */
export function sortRisks<T extends Row>(items: readonly T[], key: RiskSortKey, direction: SortDirection = key === 'name' ? 'asc' : 'desc'): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'vi');
  return [...items].sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    const x = a[key];
    const y = b[key];
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    const primary = x === null || y === null ? 0 : sign * (x - y);
    return primary || b.level - a.level || b.casesPer100k - a.casesPer100k || byName(a, b);
  });
}

/** Whether a name contains the text typed, with or without diacritics. */
export function nameMatches(name: string, q: string): boolean {
  const folded = foldVietnamese(q);
  return folded === '' || foldVietnamese(name).includes(folded);
}

/** Communes whose name contains the text (with or without diacritics), at the level chosen (0: any). */
export function filterRisks<T extends Row>(items: readonly T[], q: string, level: number): T[] {
  return items.filter((item) => (level === 0 || item.level === level) && nameMatches(item.name, q));
}

/** The next sort when a column heading is pressed: a new column starts in its natural direction. */
export function nextSort(current: { key: RiskSortKey; direction: SortDirection }, key: RiskSortKey): { key: RiskSortKey; direction: SortDirection } {
  if (current.key !== key) return { key, direction: key === 'name' ? 'asc' : 'desc' };
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}
