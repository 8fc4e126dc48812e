/**
 * What lies under the map's own layers. Without a configured style the bundled boundaries are the
 * whole base map (no internet needed); a style URL (MapLibre style JSON) or a raster tile template
 * with {z}/{x}/{y} adds streets where the installation has internet.
 */
export type BaseMap = { kind: 'offline' } | { kind: 'raster'; tiles: string[] } | { kind: 'style'; url: string };

export function baseMapOf(styleUrl: string | null | undefined, online: boolean): BaseMap {
  const url = styleUrl?.trim();
  if (!url || !online) return { kind: 'offline' };
  if (!/^https?:\/\//i.test(url) && !url.startsWith('/')) return { kind: 'offline' };
  if (url.includes('{z}') && url.includes('{x}') && url.includes('{y}')) return { kind: 'raster', tiles: [url] };
  return { kind: 'style', url };
}

/** How much of the commune colour lets the streets show through. */
export function communeFillOpacity(base: BaseMap, riskOn: boolean): number {
  if (base.kind === 'offline') return riskOn ? 0.75 : 0.9;
  return riskOn ? 0.45 : 0;
}
