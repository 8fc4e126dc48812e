import { describe, expect, it } from 'vitest';
import { RISK_LEVEL_LABELS, type UnitRisk } from '@phongdich/core';
import type { Boundaries } from './map-api.js';
import { levelCounts, NO_LEVEL_COLOUR, NO_SAFETY_COLOUR, riskColour, riskFillExpression, riskLabel, safetyColour, safetyColourExpression, textOn, withRisk } from './risk-style.js';

const risk = (code: string, level: number, overridden = false): UnitRisk => ({
  code,
  name: code,
  level,
  computedLevel: level,
  overridden,
  date: '2025-08-15',
  newCases7d: 0,
  casesPer100k: 0,
  population: null,
  vaccinationCoverage: null,
});

describe('risk colours', () => {
  it.each([
    [1, RISK_LEVEL_LABELS[1].colour],
    [2, RISK_LEVEL_LABELS[2].colour],
    [3, RISK_LEVEL_LABELS[3].colour],
    [4, RISK_LEVEL_LABELS[4].colour],
    [0, NO_LEVEL_COLOUR],
    [5, NO_LEVEL_COLOUR],
    [null, NO_LEVEL_COLOUR],
  ])('level %j is %s', (level, colour) => {
    expect(riskColour(level)).toBe(colour);
  });

  it('labels levels in both languages, and says when there is none', () => {
    expect(riskLabel(3, 'vi', '—')).toBe('Cấp 3 – Nguy cơ cao');
    expect(riskLabel(3, 'en', '—')).toBe('Level 3 – high risk');
    expect(riskLabel(undefined, 'vi', 'Chưa có')).toBe('Chưa có');
  });

  it('builds the fill expression from the same colours', () => {
    expect(riskFillExpression()).toEqual(['match', ['get', 'level'], 1, '#1a9850', 2, '#f4c430', 3, '#f46d23', 4, '#c81e1e', NO_LEVEL_COLOUR]);
  });

  it('colours checkpoints by self-assessment, grey without one', () => {
    expect(safetyColour('very_high')).toBe('#c81e1e');
    expect(safetyColour(null)).toBe(NO_SAFETY_COLOUR);
    const expression = safetyColourExpression('worst');
    expect(expression.slice(0, 2)).toEqual(['match', ['coalesce', ['get', 'worst'], 'none']]);
    expect(expression.at(-1)).toBe(NO_SAFETY_COLOUR);
  });

  it('picks readable text on each colour', () => {
    expect(textOn('#f4c430')).toBe('#000000');
    expect(textOn('#0b5cad')).toBe('#ffffff');
    expect(textOn('#c81e1e')).toBe('#ffffff');
  });
});

describe('withRisk', () => {
  const boundaries: Boundaries = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { code: '01', name: 'Xã A' } },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { code: '02', name: 'Xã B' } },
    ],
  };

  it('joins each commune to its level, 0 where none is known', () => {
    const joined = withRisk(boundaries, [risk('02', 4, true), risk('99', 2)]);
    expect(joined.features.map((f) => f.properties)).toEqual([
      { code: '01', name: 'Xã A', level: 0, overridden: false },
      { code: '02', name: 'Xã B', level: 4, overridden: true },
    ]);
    expect(joined.features.map((f) => f.id)).toEqual([1, 2]);
  });

  it('counts units per level', () => {
    expect(levelCounts([risk('a', 1), risk('b', 1), risk('c', 4), risk('d', 9)])).toEqual({ 0: 1, 1: 2, 2: 0, 3: 0, 4: 1 });
  });
});
