import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, sortRows, sumBy } from './table-sort.js';

const rows = [
  { name: 'Xã Đồng Lạc', share: 0.5, scans: 12 },
  { name: 'Phường Bắc Kạn', share: null, scans: 40 },
  { name: 'Xã Ân Tình', share: 0.9, scans: 3 },
  { name: 'Xã Bằng Vân', share: 0.5, scans: 7 },
];

describe('sortRows', () => {
  it('sorts Vietnamese names in dictionary order (Ă, Đ after their base letters)', () => {
    expect(sortRows(rows, (r) => r.name, 'asc', 'vi').map((r) => r.name)).toEqual(['Phường Bắc Kạn', 'Xã Ân Tình', 'Xã Bằng Vân', 'Xã Đồng Lạc']);
  });
  it('puts empty values last in both directions and keeps ties in their order', () => {
    expect(sortRows(rows, (r) => r.share, 'desc', 'vi').map((r) => r.name)).toEqual(['Xã Ân Tình', 'Xã Đồng Lạc', 'Xã Bằng Vân', 'Phường Bắc Kạn']);
    expect(sortRows(rows, (r) => r.share, 'asc', 'vi').map((r) => r.name)).toEqual(['Xã Đồng Lạc', 'Xã Bằng Vân', 'Xã Ân Tình', 'Phường Bắc Kạn']);
  });
  it('compares numbers as numbers', () => {
    expect(sortRows(rows, (r) => r.scans, 'asc', 'en').map((r) => r.scans)).toEqual([3, 7, 12, 40]);
  });
  it('does not change the input', () => {
    const copy = [...rows];
    sortRows(rows, (r) => r.scans, 'asc', 'en');
    expect(rows).toEqual(copy);
  });
});

describe('nextSort and ariaSort', () => {
  it('starts numbers largest first and names from A, then reverses', () => {
    expect(nextSort(null, 'scans', true)).toEqual({ key: 'scans', dir: 'desc' });
    expect(nextSort(null, 'name', false)).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'scans', dir: 'desc' }, 'scans', true)).toEqual({ key: 'scans', dir: 'asc' });
    expect(nextSort({ key: 'scans', dir: 'asc' }, 'name', false)).toEqual({ key: 'name', dir: 'asc' });
  });
  it('tells assistive technology how a column is sorted', () => {
    expect(ariaSort({ key: 'scans', dir: 'desc' }, 'scans')).toBe('descending');
    expect(ariaSort({ key: 'scans', dir: 'asc' }, 'scans')).toBe('ascending');
    expect(ariaSort({ key: 'scans', dir: 'asc' }, 'name')).toBe('none');
    expect(ariaSort(null, 'name')).toBe('none');
  });
});

describe('sumBy', () => {
  it('totals numeric columns and gives zeros for no rows', () => {
    expect(sumBy(rows, ['scans'])).toEqual({ scans: 62 });
    expect(sumBy([] as typeof rows, ['scans', 'share'])).toEqual({ scans: 0, share: 0 });
    expect(sumBy(rows, ['share'])).toEqual({ share: 1.9 });
  });
});
