import type { Chain } from '@phongdich/core';

// Chains for the tests: an origin case, its F1s, their F2s; deterministic, no randomness.

const HOUR = 3_600_000;
const START = Date.UTC(2025, 7, 1, 1, 0); // 08:00 on 1 August 2025 in Vietnam

/** One case with `f1` contacts, each with `f2Each` contacts of their own. */
export function treeChain(f1: number, f2Each: number): Chain {
  const nodes: Chain['nodes'] = [{ id: 'c0', kind: 'case', generation: 0, label: 'BN-00001', status: 'active', caseId: 'case-1', at: START }];
  const edges: Chain['edges'] = [];
  for (let i = 0; i < f1; i++) {
    const id = `a${i}`;
    nodes.push({ id, kind: 'contact', generation: 1, label: `Người F1 số ${i}`, status: i % 3 === 0 ? 'quarantined' : 'new', caseId: null, at: START + (i % 48) * HOUR });
    edges.push({ from: 'c0', to: id, source: 'presence', placeName: 'Chợ Bến Thành', at: START + (i % 48) * HOUR });
    for (let j = 0; j < f2Each; j++) {
      const child = `b${i}-${j}`;
      nodes.push({ id: child, kind: 'contact', generation: 2, label: `Người F2 số ${i}-${j}`, status: 'new', caseId: null, at: START + (48 + j) * HOUR });
      edges.push({ from: id, to: child, source: 'household', placeName: null, at: START + (48 + j) * HOUR });
    }
  }
  return { nodes, edges };
}
