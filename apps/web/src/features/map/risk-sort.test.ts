import { describe, expect, it } from 'vitest';
import { filterRisks, nextSort, sortRisks } from './risk-sort.js';

const row = (name: string, level: number, casesPer100k: number, population: number | null = 1000) => ({
  name,
  level,
  computedLevel: level,
  newCases7d: 0,
  casesPer100k,
  population,
  vaccinationCoverage: null,
});

const rows = [row('Phường Phan Đình Phùng', 2, 30), row('Xã Đồng Hỷ', 4, 200), row('Xã An Khánh', 2, 55, null), row('Phường Gia Sàng', 1, 0)];

describe('sortRisks', () => {
  it('puts the highest level first, then the highest rate', () => {
    expect(sortRisks(rows, 'level').map((r) => r.name)).toEqual(['Xã Đồng Hỷ', 'Xã An Khánh', 'Phường Phan Đình Phùng', 'Phường Gia Sàng']);
  });
  it('sorts names in Vietnamese order', () => {
    expect(sortRisks(rows, 'name').map((r) => r.name)).toEqual(['Phường Gia Sàng', 'Phường Phan Đình Phùng', 'Xã An Khánh', 'Xã Đồng Hỷ']);
  });
  it('keeps unknown figures last in both directions', () => {
    expect(sortRisks(rows, 'population', 'asc').at(-1)?.name).toBe('Xã An Khánh');
    expect(sortRisks(rows, 'population', 'desc').at(-1)?.name).toBe('Xã An Khánh');
  });
  it('does not change the input', () => {
    const copy = [...rows];
    sortRisks(rows, 'casesPer100k', 'asc');
    expect(rows).toEqual(copy);
  });
});

describe('filterRisks', () => {
  it('matches names without diacritics and by level', () => {
    expect(filterRisks(rows, 'dong hy', 0).map((r) => r.name)).toEqual(['Xã Đồng Hỷ']);
    expect(filterRisks(rows, '', 2)).toHaveLength(2);
    expect(filterRisks(rows, 'phuong', 1).map((r) => r.name)).toEqual(['Phường Gia Sàng']);
  });
});

describe('nextSort', () => {
  it('flips the direction on the same column and starts a new one in its natural direction', () => {
    expect(nextSort({ key: 'level', direction: 'desc' }, 'level')).toEqual({ key: 'level', direction: 'asc' });
    expect(nextSort({ key: 'level', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'casesPer100k')).toEqual({ key: 'casesPer100k', direction: 'desc' });
  });
});
