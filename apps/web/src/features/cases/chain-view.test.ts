import { describe, expect, it } from 'vitest';
import { ensureVisible, fitView, MAX_SCALE, toScreen, toWorld, zoomAt } from './chain-view.js';

describe('fitView', () => {
  it('centres the drawing in the viewport', () => {
    const view = fitView({ minX: 0, minY: -100, maxX: 400, maxY: 100 }, 520, 320, 60);
    expect(view.scale).toBeCloseTo(1);
    expect(toScreen(view, 200, 0)).toEqual({ x: 260, y: 160 });
  });

  it('does not blow a tiny chain up beyond 3×', () => {
    expect(fitView({ minX: 0, minY: 0, maxX: 0, maxY: 0 }, 800, 600).scale).toBe(3);
  });
});

describe('zoomAt', () => {
  it('keeps the point under the cursor in place', () => {
    const view = { scale: 1, tx: 10, ty: 20 };
    const before = toWorld(view, 300, 200);
    const zoomed = zoomAt(view, 2, 300, 200);
    expect(zoomed.scale).toBe(2);
    const after = toWorld(zoomed, 300, 200);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('stops at the largest scale', () => {
    expect(zoomAt({ scale: 6, tx: 0, ty: 0 }, 4, 0, 0).scale).toBe(MAX_SCALE);
  });
});

describe('ensureVisible', () => {
  it('pans only as far as needed', () => {
    const view = { scale: 1, tx: 0, ty: 0 };
    expect(ensureVisible(view, 100, 100, 400, 300)).toBe(view);
    expect(ensureVisible(view, 500, 100, 400, 300, 60)).toEqual({ scale: 1, tx: -160, ty: 0 });
    expect(ensureVisible(view, -20, -20, 400, 300, 60)).toEqual({ scale: 1, tx: 80, ty: 80 });
  });
});
