import { describe, expect, it } from 'vitest';
import type { DeploymentRow } from './reports-api.js';
import { activeShareOf, topAndBottom } from './dashboard-rules.js';

const row = (name: string, registered: number, active7d: number): DeploymentRow => ({
  code: name,
  name,
  tier: 'commune',
  required: 0,
  registered,
  registeredOfRequired: 0,
  shareRegistered: null,
  active7d,
  scansPerDay: 0,
  neverScanned: 0,
});

describe('topAndBottom', () => {
  const rows = [row('A', 10, 9), row('B', 10, 1), row('C', 0, 0), row('D', 10, 5), row('E', 4, 4), row('F', 10, 7), row('G', 10, 2), row('H', 10, 3), row('I', 10, 6), row('J', 10, 8), row('K', 10, 4)];
  it('gives the best five and the worst five, worst first, nothing registered being the worst', () => {
    const { top, bottom } = topAndBottom(rows, 5, 'vi');
    expect(top.map((u) => u.name)).toEqual(['E', 'A', 'J', 'F', 'I']);
    expect(bottom.map((u) => u.name)).toEqual(['C', 'B', 'G', 'H', 'K']);
    expect(bottom[0]?.activeShare).toBeNull();
  });
  it('splits a short list without showing a unit twice', () => {
    const { top, bottom } = topAndBottom(rows.slice(0, 3), 5, 'vi');
    expect(top.map((u) => u.name)).toEqual(['A', 'B']);
    expect(bottom.map((u) => u.name)).toEqual(['C']);
    expect(topAndBottom([], 5, 'vi')).toEqual({ top: [], bottom: [] });
  });
  it('computes the active share', () => {
    expect(activeShareOf({ registered: 8, active7d: 2 })).toBe(0.25);
    expect(activeShareOf({ registered: 0, active7d: 0 })).toBeNull();
  });
});
