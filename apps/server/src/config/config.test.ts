import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for the embedded installation', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.database).toEqual({ kind: 'sqlite', file: path.join(path.resolve('./data'), 'phongdich.sqlite') });
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.unitsDataset).toBe('vn-2025');
    expect(config.homeUnit).toBe('19');
    expect(config.secureCookies).toBe(false);
    expect(config.warnings).toEqual([]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('defaults the home province to Bắc Kạn (06) with the 2021 units', () => {
    expect(loadConfig({ UNITS_DATASET: 'vn-2021' }).homeUnit).toBe('06');
  });

  it('switches to PostgreSQL for a postgres:// URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', KEYRING: 'x' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  it('caches sessions 15 s and runs jobs at their intervals unless told otherwise, within limits', () => {
    expect(loadConfig({})).toMatchObject({ sessionCacheMs: 15_000, jobIntervalPercent: 100 });
    expect(loadConfig({ SESSION_CACHE_SECONDS: '0', JOB_INTERVAL_PERCENT: '5' })).toMatchObject({ sessionCacheMs: 0, jobIntervalPercent: 5 });
    for (const [key, value] of [['JOB_INTERVAL_PERCENT', '0'], ['JOB_INTERVAL_PERCENT', '101'], ['SESSION_CACHE_SECONDS', '61'], ['SESSION_CACHE_SECONDS', '-1']]) {
      expect(() => loadConfig({ [key as string]: value }), `${key}=${value}`).toThrow(key);
    }
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', UNITS_DATASET: 'vn-1999', BASE_URL: 'not a url', HOME_UNIT: '6', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'UNITS_DATASET', 'BASE_URL', 'HOME_UNIT', 'DATABASE_URL']) expect(problems).toContain(key);
  });

  it('makes two-step verification compulsory only for the staff roles listed', () => {
    expect(loadConfig({}).totpRequiredRoles).toEqual([]);
    expect(loadConfig({ TOTP_REQUIRED_ROLES: ' admin, health_official,,admin ' }).totpRequiredRoles).toEqual(['admin', 'health_official']);
    expect(() => loadConfig({ TOTP_REQUIRED_ROLES: 'Admin' })).toThrow(/TOTP_REQUIRED_ROLES: "Admin" cannot be required/);
    expect(() => loadConfig({ TOTP_REQUIRED_ROLES: 'citizen' })).toThrow(ConfigError);
  });

  it('warns about insecure settings', () => {
    const config = loadConfig({ BASE_URL: 'http://phongdich.example.vn', DATABASE_URL: 'postgres://u@h/db' });
    expect(config.warnings.join(' ')).toMatch(/not https/);
    expect(config.warnings.join(' ')).toMatch(/KEYRING/);
    expect(loadConfig({ BASE_URL: 'https://phongdich.example.vn/' }).secureCookies).toBe(true);
    expect(loadConfig({ BASE_URL: 'https://phongdich.example.vn/' }).baseUrl).toBe('https://phongdich.example.vn');
  });
});
