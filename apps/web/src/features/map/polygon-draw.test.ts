import { describe, expect, it } from 'vitest';
import type { Position } from './map-api.js';
import { closeRing, distinctVertices, drawProblem, ringAreaKm2, segmentsIntersect, selfIntersects, toPolygon, undoLast } from './polygon-draw.js';

const square: Position[] = [
  [105, 21],
  [105.1, 21],
  [105.1, 21.1],
  [105, 21.1],
];

describe('rings', () => {
  it('closes a ring once, dropping repeated clicks', () => {
    expect(closeRing([[0, 0], [1, 0], [1, 0], [1, 1]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
    expect(closeRing([[0, 0], [1, 0], [1, 1], [0, 0]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
    expect(closeRing([])).toEqual([]);
  });

  it('removes a repeated last click', () => {
    expect(distinctVertices([[0, 0], [0, 0], [1, 1], [0, 0]])).toEqual([[0, 0], [1, 1]]);
  });

  it('undoes the last corner', () => {
    expect(undoLast(square)).toEqual(square.slice(0, 3));
    expect(undoLast([])).toEqual([]);
  });
});

describe('self-intersection', () => {
  it.each([
    ['crossing segments', [0, 0], [2, 2], [0, 2], [2, 0], true],
    ['parallel segments', [0, 0], [2, 0], [0, 1], [2, 1], false],
    ['touching at an end', [0, 0], [1, 1], [1, 1], [2, 0], true],
    ['collinear overlap', [0, 0], [2, 0], [1, 0], [3, 0], true],
    ['collinear apart', [0, 0], [1, 0], [2, 0], [3, 0], false],
  ] as const)('%s', (_name, a, b, c, d, expected) => {
    expect(segmentsIntersect([...a], [...b], [...c], [...d])).toBe(expected);
  });

  it('accepts a square and a concave shape', () => {
    expect(selfIntersects(closeRing(square))).toBe(false);
    expect(selfIntersects(closeRing([[0, 0], [4, 0], [4, 4], [2, 1], [0, 4]]))).toBe(false);
  });

  it('finds a bow tie', () => {
    expect(selfIntersects(closeRing([[0, 0], [2, 2], [2, 0], [0, 2]]))).toBe(true);
  });

  it('finds an edge that doubles back on the one before it', () => {
    expect(selfIntersects(closeRing([[0, 0], [4, 0], [2, 0], [2, 3]]))).toBe(true);
  });

  it('finds a corner touching another edge', () => {
    expect(selfIntersects(closeRing([[0, 0], [4, 0], [4, 4], [2, 0], [0, 4]]))).toBe(true);
  });
});

describe('drawProblem', () => {
  it.each([
    ['nothing yet', [], 'too_few'],
    ['two corners', square.slice(0, 2), 'too_few'],
    ['a line', [[0, 0], [1, 1], [2, 2]], 'no_area'],
    ['a bow tie', [[0, 0], [2, 2], [2, 0], [0, 2]], 'self_intersecting'],
    ['a square', square, null],
  ] as Array<[string, Position[], string | null]>)('%s', (_name, vertices, problem) => {
    expect(drawProblem(vertices)).toBe(problem);
  });

  it('refuses more corners than the server keeps', () => {
    const many: Position[] = Array.from({ length: 2100 }, (_, i) => [Math.cos((i / 2100) * 2 * Math.PI), Math.sin((i / 2100) * 2 * Math.PI)]);
    expect(drawProblem(many)).toBe('too_many');
  });
});

describe('toPolygon', () => {
  it('is closed and counter-clockwise whichever way it was drawn', () => {
    const clockwise = [...square].reverse();
    const polygon = toPolygon(clockwise);
    const ring = polygon.coordinates[0] as Position[];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring).toHaveLength(5);
    let sum = 0;
    for (let i = 0; i + 1 < ring.length; i++) sum += (ring[i] as Position)[0] * (ring[i + 1] as Position)[1] - (ring[i + 1] as Position)[0] * (ring[i] as Position)[1];
    expect(sum).toBeGreaterThan(0);
  });

  it('rounds to about a metre', () => {
    expect(toPolygon([[105.1234567, 21], [105.2, 21], [105.2, 21.1]]).coordinates[0]?.[0]).toEqual([105.12346, 21]);
  });
});

describe('ringAreaKm2', () => {
  it('measures a 0.1° square near Thái Nguyên as about 120 km²', () => {
    const area = ringAreaKm2(closeRing(square));
    expect(area).toBeGreaterThan(110);
    expect(area).toBeLessThan(125);
  });
});
