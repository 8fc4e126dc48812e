type Position = readonly [number, number];

export type ZoneProblem = 'ring_not_closed' | 'self_intersecting' | 'too_large' | 'too_small';

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  // Collinear overlaps count too: a ring folding back on itself.
  const onSegment = (p: Position, q: Position, r: Position) => Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  return (o1 === 0 && onSegment(a, c, b)) || (o2 === 0 && onSegment(a, d, b)) || (o3 === 0 && onSegment(c, a, d)) || (o4 === 0 && onSegment(c, b, d));
}

/** True when two edges of the closed ring cross or overlap anywhere but at their shared corner. */
export function selfIntersects(ring: readonly Position[]): boolean {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 1; j < edges; j++) {
      // Neighbouring edges share a corner; the first and last edge do too.
      if (j === i + 1 || (i === 0 && j === edges - 1)) continue;
      if (segmentsCross(ring[i] as Position, ring[i + 1] as Position, ring[j] as Position, ring[j + 1] as Position)) return true;
    }
  }
  return false;
}

/** Area of a lon/lat ring in km², on a local flat projection (good to a few percent at a province's size). */
export function ringAreaKm2(ring: readonly Position[]): number {
  const meanLat = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
  const kmPerDegLat = 111.32;
  const kmPerDegLon = 111.32 * Math.cos((meanLat * Math.PI) / 180);
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    twice += x1 * kmPerDegLon * (y2 * kmPerDegLat) - x2 * kmPerDegLon * (y1 * kmPerDegLat);
  }
  return Math.abs(twice) / 2;
}

/** What is wrong with a zone's rings, if anything. */
export function zoneProblem(rings: ReadonlyArray<readonly Position[]>, maxKm2: number): ZoneProblem | null {
  for (const ring of rings) {
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) return 'ring_not_closed';
    if (selfIntersects(ring)) return 'self_intersecting';
  }
  const area = ringAreaKm2(rings[0] as readonly Position[]);
  if (area < 0.0001) return 'too_small';
  if (area > maxKm2) return 'too_large';
  return null;
}

export function bboxOf(ring: readonly Position[]): { minLon: number; minLat: number; maxLon: number; maxLat: number } {
  return {
    minLon: Math.min(...ring.map((p) => p[0])),
    minLat: Math.min(...ring.map((p) => p[1])),
    maxLon: Math.max(...ring.map((p) => p[0])),
    maxLat: Math.max(...ring.map((p) => p[1])),
  };
}
