import { describe, expect, it } from 'vitest';
import { UnitTree, type Unit } from './units.js';

function unit(code: string, name: string, tier: Unit['tier'], parentCode: string | null, provinceCode: string): Unit {
  const shortName = name.replace(/^(Tỉnh|Thành phố|Huyện|Xã|Phường|Thị trấn) /, '');
  return { code, name, shortName, nameEn: shortName, type: name.split(' ')[0] ?? '', typeShort: '', tier, parentCode, provinceCode, population: null };
}

const tree = new UnitTree([
  unit('06', 'Tỉnh Bắc Kạn', 'province', null, '06'),
  unit('19', 'Tỉnh Thái Nguyên', 'province', null, '19'),
  unit('058', 'Thành phố Bắc Kạn', 'district', '06', '06'),
  unit('061', 'Huyện Ba Bể', 'district', '06', '06'),
  unit('01843', 'Phường Đức Xuân', 'commune', '058', '06'),
  unit('01879', 'Xã Nam Mẫu', 'commune', '061', '06'),
  unit('01882', 'Xã Quảng Khê', 'commune', '061', '06'),
]);

describe('UnitTree', () => {
  it('lists children in code order, provinces at the top', () => {
    expect(tree.children(null).map((u) => u.code)).toEqual(['06', '19']);
    expect(tree.children('061').map((u) => u.code)).toEqual(['01879', '01882']);
    expect(tree.children('01879')).toEqual([]);
  });

  it('gives ancestors from the province down', () => {
    expect(tree.ancestors('01879').map((u) => u.code)).toEqual(['06', '061']);
    expect(tree.ancestors('06')).toEqual([]);
  });

  it('knows what lies within a unit', () => {
    expect(tree.contains('06', '01879')).toBe(true);
    expect(tree.contains('061', '01879')).toBe(true);
    expect(tree.contains('058', '01879')).toBe(false);
    expect(tree.contains('01879', '01879')).toBe(true);
    expect(tree.contains('19', '01879')).toBe(false);
  });

  it('locates a unit by tier', () => {
    expect(tree.locate('01879')).toEqual({ provinceCode: '06', districtCode: '061', communeCode: '01879' });
    expect(tree.locate('061')).toEqual({ provinceCode: '06', districtCode: '061', communeCode: null });
    expect(tree.locate('nope')).toBeUndefined();
  });

  it('lists the communes within a unit', () => {
    expect(tree.communesWithin('06').map((u) => u.code)).toEqual(['01843', '01879', '01882']);
  });

  it('finds names with or without diacritics, best match first', () => {
    expect(tree.search('bac kan').map((u) => u.code)).toEqual(['06', '058']);
    expect(tree.search('Bắc Kạn')[0]?.code).toBe('06');
    expect(tree.search('nam mau').map((u) => u.code)).toEqual(['01879']);
    expect(tree.search('xa quang').map((u) => u.code)).toEqual(['01882']);
    expect(tree.search('01843').map((u) => u.code)).toEqual(['01843']);
    expect(tree.search('   ')).toEqual([]);
  });

  it('limits a search to a unit', () => {
    expect(tree.search('bac kan', { within: '058' }).map((u) => u.code)).toEqual(['058']);
    expect(tree.search('xa', { within: '061', limit: 1 })).toHaveLength(1);
  });
});
