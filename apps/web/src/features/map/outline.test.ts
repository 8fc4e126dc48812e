import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Position } from './map-api.js';
import { outerOutline } from './outline.js';

const box = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

const edges = (lines: Position[][]) => lines.flatMap((line) => line.slice(1).map((p, i) => `${String(line[i])}>${String(p)}`)).sort();

describe('outerOutline', () => {
  it('drops the border two neighbours share', () => {
    const outline = outerOutline([box(0, 0, 1, 1), box(1, 0, 2, 1)]);
    expect(edges(outline.coordinates)).toEqual(['0,0>1,0', '0,1>0,0', '1,0>2,0', '1,1>0,1', '2,0>2,1', '2,1>1,1'].sort());
  });

  it('chains edges into one line around the whole', () => {
    const outline = outerOutline([box(0, 0, 1, 1), box(1, 0, 2, 1)]);
    expect(outline.coordinates).toHaveLength(1);
    expect(outline.coordinates[0]).toHaveLength(7);
  });

  it('keeps the edges of multipolygons and lone areas', () => {
    const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [box(5, 5, 6, 6).coordinates as Position[][]] };
    expect(edges(outerOutline([multi]).coordinates)).toHaveLength(4);
  });
});
