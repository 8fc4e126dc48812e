/** A GeoJSON Polygon or MultiPolygon geometry (RFC 7946, longitude first). */
export type AreaGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/**
 * A box around Vietnam's mainland and islands (Hoàng Sa and Trường Sa included), to refuse
 * coordinates that cannot be in the country before any finer check.
 */
export const VIETNAM_BOUNDS = { minLat: 8.0, maxLat: 23.5, minLon: 102.0, maxLon: 117.9 } as const;

export function inVietnamBounds(lat: number, lon: number): boolean {
  const b = VIETNAM_BOUNDS;
  return lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon;
}

// Ray casting on one ring; boundary points may fall either side, which the tolerance absorbs.
function inRing(ring: number[][], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygons(geometry: AreaGeometry): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** True when the point lies inside the area (outer rings minus holes). */
export function pointInArea(geometry: AreaGeometry, lat: number, lon: number): boolean {
  return polygons(geometry).some(([outer, ...holes]) => outer !== undefined && inRing(outer, lon, lat) && !holes.some((hole) => inRing(hole, lon, lat)));
}

const EARTH_RADIUS_M = 6_371_000;

/** Distance in metres between two points (haversine). */
export function distanceMeters(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

// Distance from a point to a segment on a local flat projection: accurate to metres at these scales.
function segmentDistanceMeters(lat: number, lon: number, a: number[], b: number[]): number {
  const kx = Math.cos((lat * Math.PI) / 180) * 111_320;
  const ky = 110_540;
  const ax = ((a[0] ?? 0) - lon) * kx;
  const ay = ((a[1] ?? 0) - lat) * ky;
  const bx = ((b[0] ?? 0) - lon) * kx;
  const by = ((b[1] ?? 0) - lat) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Distance in metres from the point to the nearest edge of the area. */
export function distanceToAreaEdge(geometry: AreaGeometry, lat: number, lon: number): number {
  let best = Infinity;
  for (const polygon of polygons(geometry)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) best = Math.min(best, segmentDistanceMeters(lat, lon, ring[i - 1] ?? [], ring[i] ?? []));
    }
  }
  return best;
}

/**
 * Inside the area, or within `toleranceM` of its edge: bundled boundaries are simplified (≈100–200 m),
 * so a place on a border must not be refused for the simplification.
 */
export function pointNearArea(geometry: AreaGeometry, lat: number, lon: number, toleranceM: number): boolean {
  return pointInArea(geometry, lat, lon) || distanceToAreaEdge(geometry, lat, lon) <= toleranceM;
}
