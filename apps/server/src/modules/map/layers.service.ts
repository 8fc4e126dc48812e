import { foldVietnamese, SAFETY_LEVELS, type SafetyLevel } from '@phongdich/core';
import { SYSTEM_ACTOR } from '../../actor.js';
import { perContext, TtlCache } from '../../cache.js';
import type { Context } from '../../context.js';
import { placesVisitedByCases } from '../cases/index.js';
import { activePlacePins, findActivePlacesByName, placesVersion } from '../places/index.js';
import { listUnits, unitTree } from '../units/index.js';
import { unitShape } from './unit-shapes.js';
import { safetyLevels } from './assessments.service.js';
import { activeSites } from './sites.service.js';
import { activeZones } from './zones.service.js';

type BBox = [number, number, number, number];
type Feature = { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: number[][][] }; properties: Record<string, unknown> };

/** One cell of the clustering grid of a zoom level, over every checkpoint. */
interface Cell {
  count: number;
  lon: number;
  lat: number;
  /** Index into SAFETY_LEVELS of the worst level in the cell, -1 when none is assessed. */
  worst: number;
  /** A checkpoint of the cell, shown as itself when it is alone. */
  first: number;
}

/** Every active checkpoint with its safety level, sorted by longitude, kept for a minute. */
interface Checkpoints {
  ids: string[];
  names: string[];
  types: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** Index into SAFETY_LEVELS, or -1 when never assessed. */
  level: Int8Array;
  byId: Map<string, number>;
  /** Clusters per zoom, made on first use: a province view then costs its cells, not its 100,000 points. */
  grids: Map<number, Cell[]>;
}

/**
 * The checkpoints in memory. Reading 100,000 places takes seconds, so: a place registered, approved
 * or suspended in this process (a new places version) is waited for, to show at once; after a
 * minute (changes made by other server processes) the old copy keeps answering while a fresh one
 * is read in the background, so no visitor pays for the refresh.
 */
interface CheckpointState {
  data: Checkpoints | null;
  version: number;
  loadedAt: number;
  loading: Promise<Checkpoints> | null;
  loadingVersion: number;
}

const REFRESH_MS = 60_000;
const checkpointState = perContext((_ctx: Context): CheckpointState => ({ data: null, version: -1, loadedAt: 0, loading: null, loadingVersion: -1 }));

async function loadCheckpoints(ctx: Context): Promise<Checkpoints> {
  const pins = (await activePlacePins(ctx)).sort((a, b) => a.lon - b.lon);
  const levels = await safetyLevels(ctx);
  return {
    ids: pins.map((p) => p.id),
    names: pins.map((p) => p.name),
    types: pins.map((p) => p.type),
    lon: Float64Array.from(pins.map((p) => p.lon)),
    lat: Float64Array.from(pins.map((p) => p.lat)),
    level: Int8Array.from(pins.map((p) => SAFETY_LEVELS.indexOf(levels.get(p.id) as SafetyLevel))),
    byId: new Map(pins.map((p, i) => [p.id, i])),
    grids: new Map(),
  };
}

function reloadCheckpoints(ctx: Context, state: CheckpointState, version: number): Promise<Checkpoints> {
  if (state.loading && state.loadingVersion === version) return state.loading;
  const loading: Promise<Checkpoints> = loadCheckpoints(ctx).then(
    (data) => {
      if (state.loading === loading) {
        Object.assign(state, { data, version, loadedAt: ctx.clock.now(), loading: null });
        forgetLayers(ctx);
      }
      return data;
    },
    (error: unknown) => {
      if (state.loading === loading) state.loading = null;
      throw error;
    },
  );
  Object.assign(state, { loading, loadingVersion: version });
  return loading;
}

function checkpoints(ctx: Context): Promise<Checkpoints> {
  const state = checkpointState(ctx);
  const version = placesVersion(ctx);
  if (!state.data || state.version !== version) return reloadCheckpoints(ctx, state, version);
  if (ctx.clock.now() - state.loadedAt > REFRESH_MS && !state.loading) {
    reloadCheckpoints(ctx, state, version).catch((error: unknown) => ctx.logger.error({ err: error }, 'map checkpoints refresh failed'));
  }
  return Promise.resolve(state.data);
}

/**
 * A place's new safety level (after an assessment or an official's correction), written into the
 * checkpoints in memory (and into the copy being read, which may predate it): reading 100,000
 * places again would make the next map request take seconds.
 */
export async function setCheckpointLevel(ctx: Context, placeId: string, level: SafetyLevel): Promise<void> {
  forgetLayers(ctx);
  const state = checkpointState(ctx);
  const apply = (all: Checkpoints) => {
    const i = all.byId.get(placeId);
    if (i === undefined) return;
    all.level[i] = SAFETY_LEVELS.indexOf(level);
    all.grids.clear();
  };
  if (state.data) apply(state.data);
  const fresh = state.loading ? await state.loading.catch(() => null) : null;
  if (fresh) apply(fresh);
  // An answer made while the level was being written would show the old colour.
  forgetLayers(ctx);
}

function firstAtOrAfter(values: Float64Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Below this zoom checkpoints come as grid clusters; at it and above, one by one. */
export const CLUSTER_BELOW_ZOOM = 14;
const MAX_SINGLE_POINTS = 3000;

/** Cells of about 60 screen pixels at this zoom, each with its count, centre and worst level. */
function gridOf(all: Checkpoints, zoom: number): Cell[] {
  // Whole zooms only, so odd requests cannot fill memory with grids.
  const z = Math.floor(zoom);
  const made = all.grids.get(z);
  if (made) return made;
  const size = (360 / 2 ** z / 256) * 60;
  const cells = new Map<number, Cell>();
  // Numeric keys (row × a width no grid reaches) rather than strings: this runs over every point.
  for (let i = 0; i < all.lon.length; i++) {
    const lon = all.lon[i] as number;
    const lat = all.lat[i] as number;
    const key = Math.floor(lat / size) * 33_554_432 + Math.floor(lon / size);
    const c = cells.get(key);
    if (c) {
      c.count++;
      c.lon += lon;
      c.lat += lat;
      c.worst = Math.max(c.worst, all.level[i] as number);
    } else cells.set(key, { count: 1, lon, lat, worst: all.level[i] as number, first: i });
  }
  const grid = [...cells.values()].map((c) => ({ ...c, lon: c.lon / c.count, lat: c.lat / c.count }));
  all.grids.set(z, grid);
  return grid;
}

/**
 * Checkpoints in the box: single points when zoomed in, otherwise the clusters whose centre is in
 * the box (so a cluster looks the same whichever way the map was panned to it).
 */
async function checkpointFeatures(ctx: Context, box: BBox, zoom: number): Promise<Feature[]> {
  const all = await checkpoints(ctx);
  const single = (i: number): Feature => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [all.lon[i] as number, all.lat[i] as number] },
    properties: { layer: 'checkpoint', id: all.ids[i], name: all.names[i], type: all.types[i], safetyLevel: SAFETY_LEVELS[all.level[i] as number] ?? null },
  });
  if (zoom >= CLUSTER_BELOW_ZOOM) {
    const [minLon, minLat, maxLon, maxLat] = box;
    const inside: number[] = [];
    for (let i = firstAtOrAfter(all.lon, minLon); i < all.lon.length && (all.lon[i] as number) <= maxLon && inside.length <= MAX_SINGLE_POINTS; i++) {
      const lat = all.lat[i] as number;
      if (lat >= minLat && lat <= maxLat) inside.push(i);
    }
    if (inside.length <= MAX_SINGLE_POINTS) return inside.map(single);
  }
  return gridOf(all, zoom)
    .filter((c) => inBox(box, c.lon, c.lat))
    .map((c) =>
      c.count === 1
        ? single(c.first)
        : { type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: { layer: 'checkpoint_cluster', count: c.count, worst: SAFETY_LEVELS[c.worst] ?? null } },
    );
}

const casePlacesCache = perContext((ctx: Context) => new TtlCache<number, Promise<Feature[]>>(60_000, 2, () => ctx.clock.now()));

/** Places cases visited while infectious: place and times only, never who. */
function casePlaceFeatures(ctx: Context, days: number): Promise<Feature[]> {
  const cache = casePlacesCache(ctx);
  let features = cache.get(days);
  if (!features) {
    features = placesVisitedByCases(ctx, SYSTEM_ACTOR, days).then((places) =>
      places
        .filter((p) => p.lat !== null && p.lon !== null)
        .map((p) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lon as number, p.lat as number] as [number, number] }, properties: { layer: 'case_place', id: p.placeId, name: p.placeName, firstAt: p.firstAt, lastAt: p.lastAt, caseCount: p.caseCount } })),
    );
    cache.set(days, features);
    features.catch(() => cache.clear());
  }
  return features;
}

function inBox([minLon, minLat, maxLon, maxLat]: BBox, lon: number, lat: number): boolean {
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

export interface LayersQuery {
  bbox: BBox;
  zoom: number;
  layers: string[];
  days: number;
}

type Layers = { type: 'FeatureCollection'; features: Feature[] };

// The answer is public and the same for everyone; the web snaps its boxes to a grid of the zoom, so
// people looking at the same area ask the same question. Kept for a minute, dropped at once when a
// zone, a site or a safety level changes here (and, through the key, when a place does).
const answers = perContext((ctx: Context) => new TtlCache<string, Promise<string>>(60_000, 200, () => ctx.clock.now()));

/** Forgets the cached answers after a change to what the map shows. */
export function forgetLayers(ctx: Context): void {
  answers(ctx).clear();
}

/**
 * The map's point and polygon layers within a box, as one compact GeoJSON collection, already
 * serialised: a province view is some 40 kB, and turning it into text again for every visitor
 * would cost more than finding it.
 */
export function mapLayersJson(ctx: Context, query: LayersQuery): Promise<string> {
  const cache = answers(ctx);
  const key = [placesVersion(ctx), query.bbox.join(','), query.zoom, [...query.layers].sort().join(','), query.days].join('|');
  let answer = cache.get(key);
  if (!answer) {
    answer = layersIn(ctx, query).then((layers) => JSON.stringify(layers));
    cache.set(key, answer);
    answer.catch(() => cache.clear());
  }
  return answer;
}

async function layersIn(ctx: Context, query: LayersQuery): Promise<Layers> {
  const features: Feature[] = [];
  const wants = new Set(query.layers);
  if (wants.has('checkpoints')) features.push(...(await checkpointFeatures(ctx, query.bbox, query.zoom)));
  if (wants.has('case_places')) features.push(...(await casePlaceFeatures(ctx, query.days)).filter((f) => inBox(query.bbox, ...(f.geometry.coordinates as [number, number]))));
  if (wants.has('zones')) {
    for (const zone of await activeZones(ctx)) {
      const ring = zone.geometry.coordinates[0] ?? [];
      if (!ring.some(([lon, lat]) => inBox(query.bbox, lon, lat)) && !inBox([Math.min(...ring.map((p) => p[0])), Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[1]))], query.bbox[0], query.bbox[1])) continue;
      features.push({ type: 'Feature', geometry: zone.geometry, properties: { layer: 'zone', id: zone.id, name: zone.name, kind: zone.kind, startsOn: zone.startsOn, endsOn: zone.endsOn } });
    }
  }
  if (wants.has('sites')) {
    for (const site of await activeSites(ctx)) {
      if (!inBox(query.bbox, site.location.lon, site.location.lat)) continue;
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [site.location.lon, site.location.lat] }, properties: { layer: 'site', id: site.id, name: site.name, kind: site.kind, address: site.address, openingHours: site.openingHours, phone: site.phone } });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Units, places and sites whose name holds the words, with where to fly to. */
export async function searchMap(ctx: Context, q: string) {
  const tree = unitTree(ctx);
  const units = listUnits(ctx, { q, within: ctx.config.homeUnit, limit: 5 }).flatMap((u) => {
    const shape = unitShape(ctx, u.code);
    return shape ? [{ kind: 'unit' as const, id: u.code, name: u.name, detail: tree.get(u.parentCode ?? '')?.name ?? '', lat: shape.centre.lat, lon: shape.centre.lon }] : [];
  });
  const places = await findActivePlacesByName(ctx, q, 8);
  const folded = foldVietnamese(q);
  const sites = (await activeSites(ctx)).filter((s) => foldVietnamese(s.name).includes(folded)).slice(0, 5);
  return {
    items: [
      ...units,
      ...places.map((p) => ({ kind: 'place' as const, id: p.id, name: p.name, detail: p.communeName, lat: p.lat as number, lon: p.lon as number })),
      ...sites.map((s) => ({ kind: 'site' as const, id: s.id, name: s.name, detail: s.communeName, lat: s.location.lat, lon: s.location.lon })),
    ],
  };
}
