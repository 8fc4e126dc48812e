import { describe, expect, it } from 'vitest';
import { ERRORS, pickLanguage } from './errors.js';

describe('error catalogue', () => {
  it('has snake_case codes, an HTTP error status and both languages for every code', () => {
    for (const [code, def] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(def.status).toBeGreaterThanOrEqual(400);
      expect(def.vi.length).toBeGreaterThan(5);
      expect(def.en.length).toBeGreaterThan(5);
      expect(def.vi).not.toBe(def.en);
    }
  });
});

describe('pickLanguage', () => {
  it.each([
    [undefined, 'vi'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.2, vi;q=0.8', 'vi'],
    ['de', 'vi'],
    ['garbage;;;q=x', 'vi'],
  ])('%s → %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});
