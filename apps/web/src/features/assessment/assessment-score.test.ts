import { describe, expect, it } from 'vitest';
import { criteriaSetFor } from '@phongdich/core';
import type { CriteriaSet } from './assessment-api.js';
import { biggestGaps, effectiveLevel, formatRiskPercent, progressOf, startingAnswers, submission } from './assessment-score.js';

const small: CriteriaSet = {
  id: 'test_set',
  title: { vi: 'Thử', en: 'Test' },
  criteria: [
    { id: 'a', vi: 'A', en: 'A', points: 50 },
    { id: 'b', vi: 'B', en: 'B', points: 30 },
    { id: 'c', vi: 'C', en: 'C', points: 20 },
  ],
};

describe('progressOf', () => {
  it('starts with everything unanswered counted as missing', () => {
    const progress = progressOf(small, {});
    expect(progress).toMatchObject({ answered: 0, total: 3, complete: false, riskPercent: 100, level: 'very_high' });
    expect(progress.firstUnanswered?.id).toBe('a');
  });

  it.each([
    [{ a: true, b: true, c: true }, 0, 'very_low'],
    [{ a: true, b: true, c: false }, 20, 'low'],
    [{ a: true, b: false, c: true }, 30, 'low'],
    [{ a: false, b: true, c: true }, 50, 'medium'],
    [{ a: false, b: false, c: true }, 80, 'high'],
    [{ a: false, b: false, c: false }, 100, 'very_high'],
  ])('answers %j give %d %% (%s)', (answers, percent, level) => {
    const progress = progressOf(small, answers);
    expect(progress.complete).toBe(true);
    expect(progress.riskPercent).toBe(percent);
    expect(progress.level).toBe(level);
    expect(progress.firstUnanswered).toBeNull();
  });

  it('gives the same score as the server’s rule on a real set', () => {
    const set = criteriaSetFor('market');
    const answers = Object.fromEntries(set.criteria.map((c, i) => [c.id, i % 3 !== 0]));
    const progress = progressOf(set, answers);
    expect(progress.complete).toBe(true);
    expect(progress.riskPercent).toBeGreaterThan(0);
    expect(progress.riskPercent).toBeLessThan(100);
  });
});

describe('helpers', () => {
  it('names the biggest missing measures first', () => {
    expect(biggestGaps(small, { a: false, b: true, c: false }).map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('prefers the official’s level', () => {
    expect(effectiveLevel({ level: 'low', overriddenLevel: 'high' })).toBe('high');
    expect(effectiveLevel({ level: 'low', overriddenLevel: null })).toBe('low');
  });

  it('starts from the last answers of the same set only', () => {
    expect(startingAnswers(small, { criteriaSet: 'test_set', answers: { a: true, gone: true } })).toEqual({ a: true });
    expect(startingAnswers(small, { criteriaSet: 'other', answers: { a: true } })).toEqual({});
    expect(startingAnswers(small, null)).toEqual({});
  });

  it('sends every answer, and nothing while one is missing', () => {
    expect(submission(small, { a: true, b: false })).toBeNull();
    expect(submission(small, { a: true, b: false, c: true })).toEqual({ criteriaSet: 'test_set', answers: { a: true, b: false, c: true } });
  });

  it('writes percentages in each language', () => {
    expect(formatRiskPercent(34.5, 'en')).toBe('34.5%');
    expect(formatRiskPercent(34.5, 'vi')).toMatch(/^34,5\s?%$/);
  });
});
