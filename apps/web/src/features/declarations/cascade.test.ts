import { describe, expect, it } from 'vitest';
import { formVersionDefinition } from '@phongdich/core';
import { cascadePaths, chooseInCascade, communeParent, hasDistricts, parseRememberedPlace, placeToRemember, presetPlaces } from './cascade.js';

const domestic = formVersionDefinition('domestic@1')!;
const entry = formVersionDefinition('entry@1')!;
const movement = formVersionDefinition('movement@1')!;
const paths = cascadePaths(['person.address.provinceCode', 'person.address.districtCode', 'person.address.communeCode'], domestic.fields);

describe('tiers', () => {
  it('reads districts from a 2021 province’s children and none from a 2025 one', () => {
    expect(hasDistricts([{ tier: 'district' }])).toBe(true);
    expect(hasDistricts([{ tier: 'commune' }])).toBe(false);
    expect(hasDistricts(undefined)).toBeUndefined();
    expect(hasDistricts([])).toBeUndefined();
  });

  it('lists communes under the district in a 2021 tree and under the province in a 2025 tree', () => {
    const answers = { 'person.address.provinceCode': '06', 'person.address.districtCode': '058' };
    expect(communeParent(paths, answers, true)).toBe('058');
    expect(communeParent(paths, { 'person.address.provinceCode': '19' }, false)).toBe('19');
    expect(communeParent(paths, { 'person.address.provinceCode': '06' }, true)).toBeUndefined();
    expect(communeParent(paths, {}, false)).toBeUndefined();
    expect(communeParent(paths, { 'person.address.provinceCode': '06' }, undefined)).toBeUndefined();
  });
});

describe('chooseInCascade', () => {
  it('clears the district and commune when the province changes', () => {
    expect(chooseInCascade(paths, 'province', '01')).toEqual({
      'person.address.provinceCode': '01',
      'person.address.districtCode': undefined,
      'person.address.communeCode': undefined,
    });
  });

  it('clears only the commune when the district changes', () => {
    expect(chooseInCascade(paths, 'district', '058')).toEqual({ 'person.address.districtCode': '058', 'person.address.communeCode': undefined });
  });

  it('treats the empty choice as no answer', () => {
    expect(chooseInCascade(paths, 'commune', '')).toEqual({ 'person.address.communeCode': undefined });
  });

  it('works for a province alone', () => {
    expect(chooseInCascade({ province: 'destinationProvinceCode' }, 'province', '79')).toEqual({ destinationProvinceCode: '79' });
  });
});

describe('remembered place', () => {
  it('remembers the province and district chosen', () => {
    const place = placeToRemember(paths, { 'person.address.provinceCode': '06', 'person.address.districtCode': '058' });
    expect(place).toEqual({ provinceCode: '06', districtCode: '058' });
    expect(parseRememberedPlace(JSON.stringify(place))).toEqual(place);
    expect(placeToRemember(paths, {})).toBeNull();
  });

  it('ignores unreadable storage', () => {
    expect(parseRememberedPlace('nope')).toBeNull();
    expect(parseRememberedPlace(JSON.stringify({ provinceCode: 'Hà Nội' }))).toBeNull();
    expect(parseRememberedPlace(JSON.stringify({ provinceCode: '19', districtCode: 7 }))).toEqual({ provinceCode: '19', districtCode: undefined });
  });

  it('starts empty addresses at the remembered place', () => {
    expect(presetPlaces(domestic.fields, {}, { provinceCode: '06', districtCode: '058' }, '19')).toEqual({
      'person.address.provinceCode': '06',
      'person.address.districtCode': '058',
    });
  });

  it('starts at the installation’s province when nothing is remembered', () => {
    expect(presetPlaces(entry.fields, {}, null, '19')).toEqual({ 'person.address.provinceCode': '19', 'addressAfterQuarantine.provinceCode': '19' });
  });

  it('leaves answered addresses and journey ends alone', () => {
    expect(presetPlaces(domestic.fields, { 'person.address.provinceCode': '01' }, null, '19')).toEqual({});
    expect(Object.keys(presetPlaces(movement.fields, {}, null, '19'))).toEqual(['person.address.provinceCode']);
  });
});
