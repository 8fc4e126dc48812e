import { describe, expect, it } from 'vitest';
import { baseMapOf, communeFillOpacity } from './base-map.js';

describe('baseMapOf', () => {
  it.each([
    [null, true, { kind: 'offline' }],
    ['', true, { kind: 'offline' }],
    ['https://tiles.example.vn/style.json', true, { kind: 'style', url: 'https://tiles.example.vn/style.json' }],
    ['https://tiles.example.vn/{z}/{x}/{y}.png', true, { kind: 'raster', tiles: ['https://tiles.example.vn/{z}/{x}/{y}.png'] }],
    ['https://tiles.example.vn/style.json', false, { kind: 'offline' }],
    ['javascript:alert(1)', true, { kind: 'offline' }],
    ['/tiles/style.json', true, { kind: 'style', url: '/tiles/style.json' }],
  ] as const)('%j online=%j', (url, online, expected) => {
    expect(baseMapOf(url, online)).toEqual(expected);
  });

  it('lets streets show through the risk colours, and hides the communes without them', () => {
    expect(communeFillOpacity({ kind: 'offline' }, false)).toBeGreaterThan(0.5);
    expect(communeFillOpacity({ kind: 'raster', tiles: [] }, true)).toBeLessThan(0.5);
    expect(communeFillOpacity({ kind: 'raster', tiles: [] }, false)).toBe(0);
  });
});
