import { describe, expect, it } from 'vitest';
import type { Chain } from '@phongdich/core';
import { findNodes, hitTest, layoutChain, moveSelection, summarizeChain } from './chain-layout.js';
import { treeChain } from './chain-fixtures.js';

const options = { rowGap: 20, columnGap: 22, generationGap: 140, maxRows: 4 };

describe('layoutChain', () => {
  it('puts each generation in its own block, left to right', () => {
    const layout = layoutChain(treeChain(3, 2), options);
    expect(layout.layers.map((l) => l.generation)).toEqual([0, 1, 2]);
    const xs = layout.layers.map((l) => l.left);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(layout.x[layout.index.get('c0')!]).toBe(0);
    expect(layout.x[layout.index.get('a0')!]).toBe(140);
  });

  it('keeps siblings together under the order of their parents', () => {
    const layout = layoutChain(treeChain(3, 2), options);
    const f2 = layout.layers[2]!;
    const labels = [...f2.nodes].map((i) => treeChain(3, 2).nodes[i]!.id);
    expect(labels).toEqual(['b0-0', 'b0-1', 'b1-0', 'b1-1', 'b2-0', 'b2-1']);
  });

  it('wraps a big generation into columns of at most maxRows', () => {
    const layout = layoutChain(treeChain(10, 0), options);
    const f1 = layout.layers[1]!;
    expect(f1.rows).toBe(4);
    expect(f1.columns).toBe(3);
    expect(f1.labelRoom).toBe(22);
    const last = f1.nodes[9]!;
    expect(layout.x[last]).toBe(140 + 2 * 22);
  });

  it('records who exposed whom and the children in reading order', () => {
    const chain = treeChain(2, 3);
    const layout = layoutChain(chain, options);
    const a1 = layout.index.get('a1')!;
    expect(layout.parent[a1]).toBe(layout.index.get('c0'));
    expect(chain.edges[layout.incomingEdge[a1]!]!.to).toBe('a1');
    const children = [...layout.childList.subarray(layout.childStart[a1], layout.childStart[a1 + 1])].map((i) => chain.nodes[i]!.id);
    expect(children).toEqual(['b1-0', 'b1-1', 'b1-2']);
    expect(layout.edgeFrom.length).toBe(chain.edges.length);
  });

  it('ignores edges to unknown nodes and handles an empty chain', () => {
    const chain: Chain = { nodes: [{ id: 'x', kind: 'case', generation: 0, label: 'BN-1', status: 'active', caseId: 'c', at: 0 }], edges: [{ from: 'ghost', to: 'x', source: 'presence', placeName: null, at: 0 }] };
    const layout = layoutChain(chain);
    expect(layout.parent[0]).toBe(-1);
    expect(layout.edgeFrom.length).toBe(0);
    expect(layoutChain({ nodes: [], edges: [] }).layers).toEqual([]);
  });

  it('lays out 10,000 nodes quickly', () => {
    const chain = treeChain(400, 24); // 1 + 400 + 9,600 nodes
    const started = performance.now();
    const layout = layoutChain(chain);
    const elapsed = performance.now() - started;
    expect(layout.count).toBe(10_001);
    expect(elapsed).toBeLessThan(500);
    expect(hitTest(layout, layout.x[5000]!, layout.y[5000]!, 6)).toBe(5000);
    const { minX, maxX, minY, maxY } = layout.bounds;
    // A drawable shape: neither a thread nor a ribbon.
    expect((maxX - minX) / (maxY - minY)).toBeGreaterThan(0.2);
    expect((maxX - minX) / (maxY - minY)).toBeLessThan(5);
  });
});

describe('hitTest', () => {
  const chain = treeChain(10, 2);
  const layout = layoutChain(chain, options);

  it('finds every node at its own position', () => {
    for (let i = 0; i < layout.count; i++) expect(hitTest(layout, layout.x[i]!, layout.y[i]!, 6)).toBe(i);
  });

  it('finds a node near its centre and nothing between nodes', () => {
    const i = layout.index.get('a5')!;
    expect(hitTest(layout, layout.x[i]! + 3, layout.y[i]! - 3, 6)).toBe(i);
    expect(hitTest(layout, layout.x[i]! + 11, layout.y[i]! + 10, 6)).toBe(-1);
    expect(hitTest(layout, -500, 0, 6)).toBe(-1);
  });

  it('finds nothing in the empty tail of a last column', () => {
    const f1 = layout.layers[1]!; // 10 nodes in columns of 4: the third column has 2
    expect(hitTest(layout, f1.left + 2 * 22, f1.top + 3 * 20, 6)).toBe(-1);
  });
});

describe('moveSelection', () => {
  const chain = treeChain(3, 2);
  const layout = layoutChain(chain, options);
  const at = (id: string) => layout.index.get(id)!;
  const id = (i: number) => chain.nodes[i]!.id;

  it.each([
    ['c0', 'right', 'a0'],
    ['a0', 'down', 'a1'],
    ['a1', 'up', 'a0'],
    ['a0', 'up', 'a0'],
    ['a2', 'down', 'a2'],
    ['a1', 'right', 'b1-0'],
    ['b1-1', 'left', 'a1'],
    ['a1', 'left', 'c0'],
    ['c0', 'left', 'c0'],
    ['b2-0', 'first', 'b0-0'],
    ['b0-0', 'last', 'b2-1'],
  ] as const)('from %s %s goes to %s', (from, move, to) => {
    expect(id(moveSelection(layout, at(from), move))).toBe(to);
  });

  it('starts at the origin when nothing is selected, and goes sideways from a childless node', () => {
    expect(id(moveSelection(layout, -1, 'down'))).toBe('c0');
    const leafless = layoutChain(treeChain(3, 0), options);
    expect(moveSelection(leafless, leafless.index.get('a0')!, 'right')).toBe(leafless.index.get('a0'));
    expect(moveSelection(layoutChain({ nodes: [], edges: [] }), -1, 'down')).toBe(-1);
  });
});

describe('summarizeChain', () => {
  it('counts cases and contacts by generation and status', () => {
    const summary = summarizeChain(treeChain(3, 2));
    expect(summary.cases).toBe(1);
    expect(summary.contacts).toBe(9);
    expect(summary.generations).toEqual([
      { generation: 0, total: 1, cases: 1, statuses: {} },
      { generation: 1, total: 3, cases: 0, statuses: { quarantined: 1, new: 2 } },
      { generation: 2, total: 6, cases: 0, statuses: { new: 6 } },
    ]);
  });
});

describe('findNodes', () => {
  it('matches labels without diacritics or case', () => {
    const chain = treeChain(3, 0);
    expect(findNodes(chain, 'nguoi f1 so 2').map((i) => chain.nodes[i]!.id)).toEqual(['a2']);
    expect(findNodes(chain, 'bn-00001')).toEqual([0]);
    expect(findNodes(chain, '  ')).toEqual([]);
  });
});
