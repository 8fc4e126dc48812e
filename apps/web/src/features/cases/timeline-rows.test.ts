import { describe, expect, it } from 'vitest';
import type { Chain } from '@phongdich/core';
import { groupByDay, timelineRows } from './timeline-rows.js';
import { treeChain } from './chain-fixtures.js';

describe('timelineRows', () => {
  it('orders people by the time they were exposed, with whom and where', () => {
    const rows = timelineRows(treeChain(2, 1));
    expect(rows.map((r) => r.id)).toEqual(['c0', 'a0', 'a1', 'b0-0', 'b1-0']);
    expect(rows[1]).toMatchObject({ fromLabel: 'BN-00001', source: 'presence', placeName: 'Chợ Bến Thành', day: '2025-08-01' });
    expect(rows[0]).toMatchObject({ fromLabel: null, source: null });
    expect(rows[3]).toMatchObject({ fromLabel: 'Người F1 số 0', source: 'household', day: '2025-08-03' });
  });

  it('uses the day in Vietnam, not in UTC', () => {
    const chain: Chain = { nodes: [{ id: 'x', kind: 'case', generation: 0, label: 'BN-1', status: 'active', caseId: 'c', at: Date.UTC(2025, 7, 1, 18, 30) }], edges: [] };
    expect(timelineRows(chain)[0]!.day).toBe('2025-08-02');
  });

  it('prefers the edge from an earlier generation as the explanation', () => {
    const chain: Chain = {
      nodes: [
        { id: 'c', kind: 'case', generation: 0, label: 'BN-1', status: 'active', caseId: 'c', at: 0 },
        { id: 'p', kind: 'contact', generation: 1, label: 'P', status: 'new', caseId: null, at: 1 },
        { id: 'q', kind: 'contact', generation: 1, label: 'Q', status: 'new', caseId: null, at: 2 },
      ],
      edges: [
        { from: 'q', to: 'p', source: 'household', placeName: null, at: 1 },
        { from: 'c', to: 'p', source: 'presence', placeName: 'Chợ', at: 1 },
      ],
    };
    expect(timelineRows(chain)[1]).toMatchObject({ id: 'p', fromLabel: 'BN-1', placeName: 'Chợ' });
  });

  it('handles 10,000 people quickly', () => {
    const chain = treeChain(400, 24);
    const started = performance.now();
    const groups = groupByDay(timelineRows(chain));
    expect(performance.now() - started).toBeLessThan(500);
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(10_001);
  });
});

describe('groupByDay', () => {
  it('puts consecutive rows of the same day together', () => {
    const groups = groupByDay(timelineRows(treeChain(2, 1)));
    expect(groups.map((g) => [g.day, g.rows.length])).toEqual([
      ['2025-08-01', 3],
      ['2025-08-03', 2],
    ]);
  });
});
