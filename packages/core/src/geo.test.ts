import { describe, expect, it } from 'vitest';
import { distanceMeters, distanceToAreaEdge, inVietnamBounds, pointInArea, pointNearArea, type AreaGeometry } from './geo.js';

// A 1°×1° square with a 0.2° hole in the middle, and a second square further east.
const area: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [[105, 21], [106, 21], [106, 22], [105, 22], [105, 21]],
      [[105.4, 21.4], [105.6, 21.4], [105.6, 21.6], [105.4, 21.6], [105.4, 21.4]],
    ],
    [[[107, 21], [107.5, 21], [107.5, 21.5], [107, 21.5], [107, 21]]],
  ],
};

describe('geometry', () => {
  it.each([
    [21.2, 105.2, true],
    [21.5, 105.5, false],
    [21.2, 107.2, true],
    [21.2, 106.5, false],
    [20.9, 105.2, false],
  ])('point (%f, %f) inside: %s', (lat, lon, expected) => {
    expect(pointInArea(area, lat, lon)).toBe(expected);
  });

  it('measures distances on the ground', () => {
    expect(distanceMeters({ lat: 21, lon: 105 }, { lat: 22, lon: 105 })).toBeCloseTo(111_195, -2);
    expect(distanceToAreaEdge(area, 20.99, 105.5)).toBeGreaterThan(1000);
    expect(distanceToAreaEdge(area, 20.99, 105.5)).toBeLessThan(1200);
  });

  it('tolerates points just outside a simplified border', () => {
    expect(pointNearArea(area, 20.998, 105.5, 500)).toBe(true);
    expect(pointNearArea(area, 20.99, 105.5, 500)).toBe(false);
  });

  it('knows Vietnam from elsewhere', () => {
    expect(inVietnamBounds(22.15, 105.83)).toBe(true);
    expect(inVietnamBounds(10.2, 114.3)).toBe(true);
    expect(inVietnamBounds(13.75, 100.5)).toBe(false);
    expect(inVietnamBounds(48.85, 2.35)).toBe(false);
  });
});
