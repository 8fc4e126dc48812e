import type { AreaGeometry } from '@phongdich/core';
import { perContext } from '../../cache.js';
import type { Context } from '../../context.js';
import { getUnitBoundaries, unitTree } from '../units/index.js';

export interface UnitShape {
  bbox: [number, number, number, number];
  centre: { lat: number; lon: number };
}

function shapeOf(geometries: AreaGeometry[]): UnitShape | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const geometry of geometries) {
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    for (const ring of rings) {
      for (const [lon, lat] of ring as Array<[number, number]>) {
        minLon = Math.min(minLon, lon);
        minLat = Math.min(minLat, lat);
        maxLon = Math.max(maxLon, lon);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  if (!Number.isFinite(minLon)) return null;
  return { bbox: [minLon, minLat, maxLon, maxLat], centre: { lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 } };
}

// Boxes of the home province and its units from the bundled boundaries, worked out once.
const shapes = perContext((ctx: Context) => {
  const byCode = new Map<string, UnitShape>();
  const features = getUnitBoundaries(ctx, ctx.config.homeUnit).features;
  const all: AreaGeometry[] = [];
  for (const feature of features) {
    const geometry = feature.geometry as AreaGeometry;
    all.push(geometry);
    const shape = shapeOf([geometry]);
    const code = String((feature.properties as { code?: string }).code ?? '');
    if (shape && code) byCode.set(code, shape);
  }
  const province = shapeOf(all);
  if (province) byCode.set(ctx.config.homeUnit, province);
  return byCode;
});

/** The box and centre of a unit of the home province (or of the commune's district, when only that is drawn). */
export function unitShape(ctx: Context, code: string): UnitShape | null {
  const known = shapes(ctx);
  const direct = known.get(code);
  if (direct) return direct;
  const located = unitTree(ctx).locate(code);
  return (located?.districtCode ? known.get(located.districtCode) : undefined) ?? known.get(ctx.config.homeUnit) ?? null;
}
