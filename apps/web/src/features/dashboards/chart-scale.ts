// Geometry of the small inline SVG charts: a rounded top value, its ticks, and points of a line.

/**
 * The smallest 1, 2, 2.5 or 5 × 10^k at or above `max` (at least 1), so axis labels read well;
 * 2.5 only from 25 up, so counts keep whole-number ticks.
 */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of power >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Ticks from 0 to `top` in whole steps: 4 or 5 intervals when they divide evenly, else 2, else none. */
export function ticks(top: number): number[] {
  const intervals = [4, 5, 2].find((n) => Number.isInteger(top / n)) ?? 1;
  return Array.from({ length: intervals + 1 }, (_, i) => (top * i) / intervals);
}

export interface Box {
  width: number;
  height: number;
}

/** x of the middle of the i-th of n equal day slots across the width (lines and columns alike). */
export function xAt(i: number, n: number, box: Box): number {
  return ((i + 0.5) * box.width) / Math.max(1, n);
}

export function yAt(value: number, top: number, box: Box): number {
  return box.height - (Math.max(0, value) / top) * box.height;
}

/** An SVG path through the values, 0 at the bottom and `top` at the top. */
export function linePath(values: readonly number[], top: number, box: Box): string {
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${round(xAt(i, values.length, box))},${round(yAt(v, top, box))}`).join(' ');
}

/** Which labels to write under an axis of n days so they do not overlap: about `room` of them. */
export function labelEvery(n: number, room: number): number {
  return Math.max(1, Math.ceil(n / Math.max(1, room)));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
