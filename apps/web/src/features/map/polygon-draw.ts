import type { PolygonGeometry, Position } from './map-api.js';

// Drawing a zone by clicking its corners: what is drawn is checked here before it is sent, so the
// official hears about a crossed outline while still drawing, not from the server afterwards.

/** The server keeps at most 2,000 positions in a ring (core polygonSchema). */
export const MAX_VERTICES = 1999;
const EARTH_RADIUS_KM = 6371.0088;

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** The corners without consecutive repeats (a double click adds the same point twice). */
export function distinctVertices(vertices: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const v of vertices) {
    const last = out[out.length - 1];
    if (!last || !same(last, v)) out.push(v);
  }
  while (out.length > 1 && same(out[0] as Position, out[out.length - 1] as Position)) out.pop();
  return out;
}

/** A closed ring (first position repeated at the end), as GeoJSON wants. */
export function closeRing(vertices: readonly Position[]): Position[] {
  const ring = distinctVertices(vertices);
  if (ring.length === 0) return [];
  return [...ring, ring[0] as Position];
}

/** Twice the signed planar area of a closed ring in degrees²; positive when counter-clockwise. */
function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function orientation(a: Position, b: Position, c: Position): number {
  const value = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
  if (Math.abs(value) < 1e-18) return 0;
  return value > 0 ? 1 : 2;
}

function onSegment(a: Position, b: Position, c: Position): boolean {
  return Math.min(a[0], c[0]) <= b[0] && b[0] <= Math.max(a[0], c[0]) && Math.min(a[1], c[1]) <= b[1] && b[1] <= Math.max(a[1], c[1]);
}

/** Whether segments p1–q1 and p2–q2 touch or cross (collinear overlaps included). */
export function segmentsIntersect(p1: Position, q1: Position, p2: Position, q2: Position): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, q2, q1)) return true;
  if (o3 === 0 && onSegment(p2, p1, q2)) return true;
  if (o4 === 0 && onSegment(p2, q1, q2)) return true;
  return false;
}

/** Whether a closed ring crosses or touches itself anywhere other than where neighbouring edges meet. */
export function selfIntersects(ring: readonly Position[]): boolean {
  const n = ring.length - 1;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const neighbours = j === i + 1 || (i === 0 && j === n - 1);
      const a1 = ring[i] as Position;
      const a2 = ring[i + 1] as Position;
      const b1 = ring[j] as Position;
      const b2 = ring[j + 1] as Position;
      if (neighbours) {
        // Neighbours share a corner; they only go wrong when one doubles back along the other.
        const shared = j === i + 1 ? a2 : a1;
        const otherA = j === i + 1 ? a1 : a2;
        const otherB = j === i + 1 ? b2 : b1;
        if (orientation(otherA, shared, otherB) === 0 && (onSegment(shared, otherA, otherB) || onSegment(shared, otherB, otherA))) return true;
        continue;
      }
      if (segmentsIntersect(a1, a2, b1, b2)) return true;
    }
  }
  return false;
}

/** The area of a closed lon/lat ring on the sphere, in km² (the formula of Chamberlain and Duquette, 2007). */
export function ringAreaKm2(ring: readonly Position[]): number {
  const rad = Math.PI / 180;
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [lon1, lat1] = ring[i] as Position;
    const [lon2, lat2] = ring[i + 1] as Position;
    sum += (lon2 - lon1) * rad * (2 + Math.sin(lat1 * rad) + Math.sin(lat2 * rad));
  }
  return Math.abs((sum * EARTH_RADIUS_KM * EARTH_RADIUS_KM) / 2);
}

export type DrawProblem = 'too_few' | 'too_many' | 'self_intersecting' | 'no_area';

/** What stops the drawing from being a zone, or null when it can be finished. */
export function drawProblem(vertices: readonly Position[]): DrawProblem | null {
  const corners = distinctVertices(vertices);
  if (corners.length < 3) return 'too_few';
  if (corners.length > MAX_VERTICES) return 'too_many';
  const first = corners[0] as Position;
  const second = corners[1] as Position;
  if (corners.every((c) => orientation(first, second, c) === 0)) return 'no_area';
  const ring = closeRing(corners);
  if (selfIntersects(ring)) return 'self_intersecting';
  if (Math.abs(signedArea2(ring)) < 1e-12) return 'no_area';
  return null;
}

/** The drawing as a GeoJSON polygon: closed, counter-clockwise (RFC 7946), coordinates rounded to ~1 m. */
export function toPolygon(vertices: readonly Position[]): PolygonGeometry {
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  let ring = closeRing(vertices.map(([lon, lat]) => [round(lon), round(lat)] as Position));
  if (signedArea2(ring) < 0) ring = [...ring].reverse();
  return { type: 'Polygon', coordinates: [ring] };
}

export function undoLast(vertices: readonly Position[]): Position[] {
  return vertices.slice(0, -1);
}
