import type { Chain } from '@phongdich/core';

// Layered layout of a transmission chain, without the DOM so it can be tested and stays fast: one
// block per generation, left to right; a big generation wraps into several columns so a chain of
// thousands keeps a drawable shape. Positions are a lattice, so hit-testing needs no spatial index.

export type ChainNode = Chain['nodes'][number];
export type ChainEdge = Chain['edges'][number];

export interface LayoutOptions {
  /** World units between two nodes of a column. */
  rowGap: number;
  /** World units between two columns of one generation. */
  columnGap: number;
  /** World units between the last column of a generation and the first of the next. */
  generationGap: number;
  /** Most nodes in one column; more wrap into another column. */
  maxRows: number;
}

export interface Layer {
  generation: number;
  /** Node indices, in reading order (down each column, then the next column). */
  nodes: Int32Array;
  /** x of the first column, y of the first row. */
  left: number;
  top: number;
  rows: number;
  columns: number;
  /** Room to the right of a node before the next column, for its label. */
  labelRoom: number;
}

export interface ChainLayout {
  readonly count: number;
  readonly options: LayoutOptions;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly layers: readonly Layer[];
  readonly layerOf: Int32Array;
  readonly rankInLayer: Int32Array;
  /** The node each node was exposed to (first edge from an earlier generation), -1 for origins. */
  readonly parent: Int32Array;
  /** Index into chain.edges of the edge that explains each node, -1 when none. */
  readonly incomingEdge: Int32Array;
  /** Children of node i are childList[childStart[i]] … childList[childStart[i + 1] - 1], in reading order. */
  readonly childStart: Int32Array;
  readonly childList: Int32Array;
  /** Edges whose two ends are both nodes, as node indices. */
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly index: ReadonlyMap<string, number>;
  readonly bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

export function defaultOptions(count: number): LayoutOptions {
  return { rowGap: 20, columnGap: 22, generationGap: 140, maxRows: Math.max(30, Math.ceil(Math.sqrt(count) * 0.9)) };
}

export function layoutChain(chain: Chain, options: LayoutOptions = defaultOptions(chain.nodes.length)): ChainLayout {
  const { nodes, edges } = chain;
  const count = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));

  const parent = new Int32Array(count).fill(-1);
  const incomingEdge = new Int32Array(count).fill(-1);
  const from: number[] = [];
  const to: number[] = [];
  edges.forEach((edge, e) => {
    const f = index.get(edge.from);
    const t = index.get(edge.to);
    if (f === undefined || t === undefined || f === t) return;
    from.push(f);
    to.push(t);
    const current = parent[t]!;
    const forward = nodes[f]!.generation < nodes[t]!.generation;
    if (current === -1 || (forward && nodes[current]!.generation >= nodes[t]!.generation)) {
      parent[t] = f;
      incomingEdge[t] = e;
    }
  });

  const byGeneration = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const generation = nodes[i]!.generation;
    let list = byGeneration.get(generation);
    if (!list) byGeneration.set(generation, (list = []));
    list.push(i);
  }
  const generations = [...byGeneration.keys()].sort((a, b) => a - b);

  // Siblings sit together under their parent's position; within them, earliest exposure first.
  const globalRank = new Int32Array(count).fill(-1);
  const layerOf = new Int32Array(count);
  const rankInLayer = new Int32Array(count);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const layers: Layer[] = [];
  const order: number[] = [];
  let left = 0;
  let tallest = 0;
  generations.forEach((generation, layerIndex) => {
    const members = byGeneration.get(generation)!;
    const parentRank = (i: number) => {
      const p = parent[i]!;
      return p >= 0 && globalRank[p]! >= 0 ? globalRank[p]! : Number.MAX_SAFE_INTEGER;
    };
    members.sort((a, b) => parentRank(a) - parentRank(b) || nodes[a]!.at - nodes[b]!.at || (nodes[a]!.id < nodes[b]!.id ? -1 : 1));
    const rows = Math.min(members.length, options.maxRows);
    const columns = Math.ceil(members.length / rows);
    const top = -((rows - 1) * options.rowGap) / 2;
    members.forEach((i, rank) => {
      globalRank[i] = order.length;
      order.push(i);
      layerOf[i] = layerIndex;
      rankInLayer[i] = rank;
      x[i] = left + Math.floor(rank / rows) * options.columnGap;
      y[i] = top + (rank % rows) * options.rowGap;
    });
    layers.push({
      generation,
      nodes: Int32Array.from(members),
      left,
      top,
      rows,
      columns,
      labelRoom: columns > 1 ? options.columnGap : options.generationGap,
    });
    tallest = Math.max(tallest, (rows - 1) * options.rowGap);
    left += (columns - 1) * options.columnGap + options.generationGap;
  });

  // Counting sort by parent, walking nodes in reading order, keeps each child list in reading order.
  const childStart = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) if (parent[i]! >= 0) childStart[parent[i]! + 1]!++;
  for (let i = 0; i < count; i++) childStart[i + 1]! += childStart[i]!;
  const fill = childStart.slice(0, count);
  const childList = new Int32Array(childStart[count]!);
  for (const i of order) {
    const p = parent[i]!;
    if (p >= 0) childList[fill[p]!++] = i;
  }

  const right = count === 0 ? 0 : left - options.generationGap;
  return {
    count,
    options,
    x,
    y,
    layers,
    layerOf,
    rankInLayer,
    parent,
    incomingEdge,
    childStart,
    childList,
    edgeFrom: Int32Array.from(from),
    edgeTo: Int32Array.from(to),
    index,
    bounds: { minX: 0, minY: -tallest / 2, maxX: right, maxY: tallest / 2 },
  };
}

/** The node drawn at a world point (within `radius` world units of its centre), or -1. */
export function hitTest(layout: ChainLayout, wx: number, wy: number, radius: number): number {
  const { rowGap, columnGap } = layout.options;
  let best = -1;
  let bestDistance = radius * radius;
  for (const layer of layout.layers) {
    const right = layer.left + (layer.columns - 1) * columnGap;
    if (wx < layer.left - radius || wx > right + radius) continue;
    const column = Math.min(layer.columns - 1, Math.max(0, Math.round((wx - layer.left) / columnGap)));
    const row = Math.min(layer.rows - 1, Math.max(0, Math.round((wy - layer.top) / rowGap)));
    const rank = column * layer.rows + row;
    if (rank >= layer.nodes.length) continue;
    const i = layer.nodes[rank]!;
    const distance = (layout.x[i]! - wx) ** 2 + (layout.y[i]! - wy) ** 2;
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'first' | 'last';

/**
 * Keyboard moves through the chain: up/down within a generation, right to the first person exposed
 * by this one (or the nearest in the next generation), left back to whoever exposed this one.
 */
export function moveSelection(layout: ChainLayout, current: number, move: Move): number {
  if (layout.count === 0) return -1;
  if (current < 0 || current >= layout.count) return layout.layers[0]!.nodes[0]!;
  const layerIndex = layout.layerOf[current]!;
  const layer = layout.layers[layerIndex]!;
  const rank = layout.rankInLayer[current]!;
  switch (move) {
    case 'up':
      return layer.nodes[Math.max(0, rank - 1)]!;
    case 'down':
      return layer.nodes[Math.min(layer.nodes.length - 1, rank + 1)]!;
    case 'first':
      return layer.nodes[0]!;
    case 'last':
      return layer.nodes[layer.nodes.length - 1]!;
    case 'right': {
      if (layout.childStart[current + 1]! > layout.childStart[current]!) return layout.childList[layout.childStart[current]!]!;
      const next = layout.layers[layerIndex + 1];
      return next ? nearestByY(layout, next, layout.y[current]!) : current;
    }
    case 'left': {
      if (layout.parent[current]! >= 0) return layout.parent[current]!;
      const previous = layout.layers[layerIndex - 1];
      return previous ? nearestByY(layout, previous, layout.y[current]!) : current;
    }
  }
}

function nearestByY(layout: ChainLayout, layer: Layer, y: number): number {
  const row = Math.min(layer.rows - 1, Math.max(0, Math.round((y - layer.top) / layout.options.rowGap)));
  return layer.nodes[Math.min(row, layer.nodes.length - 1)]!;
}

export interface GenerationSummary {
  generation: number;
  total: number;
  cases: number;
  /** Contacts by status (cases are counted in `cases`). */
  statuses: Record<string, number>;
}

/** Counts per generation, for the text alternative of the drawing. */
export function summarizeChain(chain: Chain): { cases: number; contacts: number; generations: GenerationSummary[] } {
  const byGeneration = new Map<number, GenerationSummary>();
  let cases = 0;
  for (const node of chain.nodes) {
    let summary = byGeneration.get(node.generation);
    if (!summary) byGeneration.set(node.generation, (summary = { generation: node.generation, total: 0, cases: 0, statuses: {} }));
    summary.total++;
    if (node.kind === 'case') {
      summary.cases++;
      cases++;
    } else {
      summary.statuses[node.status] = (summary.statuses[node.status] ?? 0) + 1;
    }
  }
  return {
    cases,
    contacts: chain.nodes.length - cases,
    generations: [...byGeneration.values()].sort((a, b) => a.generation - b.generation),
  };
}

/** Indices of nodes whose label contains the text, ignoring case and Vietnamese diacritics. */
export function findNodes(chain: Chain, text: string, limit = 20): number[] {
  const wanted = fold(text.trim());
  if (!wanted) return [];
  const found: number[] = [];
  for (let i = 0; i < chain.nodes.length && found.length < limit; i++) {
    if (fold(chain.nodes[i]!.label).includes(wanted)) found.push(i);
  }
  return found;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
