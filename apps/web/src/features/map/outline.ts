import type { AreaGeometry, Position } from './map-api.js';

/** A MultiLineString of the outer edge of a set of areas. */
export interface Outline {
  type: 'MultiLineString';
  coordinates: Position[][];
}

const key = (p: Position) => `${p[0]},${p[1]}`;

/**
 * The outline of the whole of a set of neighbouring areas (a province from its communes): the edges
 * that belong to one area only. The bundled boundaries were simplified keeping shared borders
 * identical, so a border between two communes appears twice and drops out. Edges are chained into
 * lines where they meet, so the outline draws with proper joins.
 */
export function outerOutline(areas: readonly AreaGeometry[]): Outline {
  const edges = new Map<string, { from: Position; to: Position; count: number }>();
  for (const area of areas) {
    const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
    for (const ring of polygons.flat()) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const from = ring[i] as Position;
        const to = ring[i + 1] as Position;
        const a = key(from);
        const b = key(to);
        if (a === b) continue;
        const id = a < b ? `${a}|${b}` : `${b}|${a}`;
        const edge = edges.get(id);
        if (edge) edge.count += 1;
        else edges.set(id, { from, to, count: 1 });
      }
    }
  }
  const outer = [...edges.values()].filter((e) => e.count === 1);
  // Chain edges end to start (each ring keeps its direction, so outer edges follow one another).
  const byStart = new Map<string, Array<{ from: Position; to: Position }>>();
  for (const edge of outer) {
    const list = byStart.get(key(edge.from)) ?? [];
    list.push(edge);
    byStart.set(key(edge.from), list);
  }
  const used = new Set<{ from: Position; to: Position }>();
  const lines: Position[][] = [];
  for (const edge of outer) {
    if (used.has(edge)) continue;
    used.add(edge);
    const line: Position[] = [edge.from, edge.to];
    for (;;) {
      const last = line[line.length - 1] as Position;
      const next = byStart.get(key(last))?.find((e) => !used.has(e));
      if (!next) break;
      used.add(next);
      line.push(next.to);
    }
    lines.push(line);
  }
  return { type: 'MultiLineString', coordinates: lines };
}
