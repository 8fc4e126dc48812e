import { describe, expect, it } from 'vitest';
import { countryName, gateName, searchCountries, searchGates } from './search.js';

describe('searchCountries', () => {
  it('finds a country by its Vietnamese name without diacritics', () => {
    expect(searchCountries('han quoc', 'vi').map((found) => found.code)).toContain('KR');
  });

  it('finds a country by its English name and by its code', () => {
    expect(searchCountries('korea', 'en').map((found) => found.code)).toContain('KR');
    expect(searchCountries('jp', 'vi')[0]?.code).toBe('JP');
  });

  it('puts names that start with the text first', () => {
    expect(searchCountries('Nhật', 'vi')[0]).toEqual({ code: 'JP', label: 'Nhật Bản' });
  });

  it('finds nothing for empty text', () => {
    expect(searchCountries('  ', 'vi')).toEqual([]);
  });

  it('names a code in either language', () => {
    expect(countryName('VN', 'vi')).toBe('Việt Nam');
    expect(countryName('VN', 'en')).toBe('Vietnam');
    expect(countryName('ZZ', 'en')).toBe('ZZ');
  });
});

describe('searchGates', () => {
  const kind = (k: string) => k;

  it('finds an airport by name or IATA code', () => {
    expect(searchGates('noi bai', 'vi', kind)[0]?.code).toBe('noi-bai');
    expect(searchGates('han', 'en', kind).map((found) => found.code)).toContain('noi-bai');
  });

  it('names a gate', () => {
    expect(gateName('noi-bai', 'en')).toBe('Noi Bai International Airport');
  });
});
