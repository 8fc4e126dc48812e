import type { BBox, LayerData, LayerFeature, LayerProps, Position } from './map-api.js';

// What the map shows and what it asks the server for; pure so it can be tested without a map.

export const LAYER_KEYS = ['risk', 'checkpoints', 'case_places', 'zones', 'sites'] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];
export type CaseDays = 14 | 21;

export interface LayerState {
  visible: Record<LayerKey, boolean>;
  days: CaseDays;
}

export const DEFAULT_LAYERS: LayerState = {
  visible: { risk: true, checkpoints: true, case_places: true, zones: true, sites: true },
  days: 14,
};

/** Reads the layers from the address (?layers=risk,zones&days=21), so a shared link shows the same map. */
export function parseLayerState(params: URLSearchParams): LayerState {
  const listed = params.get('layers');
  const visible = { ...DEFAULT_LAYERS.visible };
  if (listed !== null) {
    const names = new Set(listed.split(',').map((s) => s.trim()));
    for (const key of LAYER_KEYS) visible[key] = names.has(key);
  }
  const days: CaseDays = params.get('days') === '21' ? 21 : 14;
  return { visible, days };
}

/** Writes the layers into the address, leaving defaults out so ordinary links stay short. */
export function writeLayerState(state: LayerState, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  const on = LAYER_KEYS.filter((key) => state.visible[key]);
  if (on.length === LAYER_KEYS.length) next.delete('layers');
  else next.set('layers', on.join(','));
  if (state.days === 14) next.delete('days');
  else next.set('days', String(state.days));
  return next;
}

export function toggleLayer(state: LayerState, key: LayerKey, on: boolean): LayerState {
  return { ...state, visible: { ...state.visible, [key]: on } };
}

/** The `layers` parameter of /map/layers (the risk layer comes from /map/risk); '' when nothing is asked. */
export function serverLayers(state: LayerState): string {
  return LAYER_KEYS.filter((key) => key !== 'risk' && state.visible[key]).join(',');
}

const WORLD: BBox = [-180, -85, 180, 85];

/**
 * The area to ask for: the view with a margin, snapped outward to a grid that depends on the zoom.
 * Small pans then reuse the same request (and the browser's and the server's caches), and a pan
 * shows data already loaded at the edges.
 */
export function requestArea(view: BBox, zoom: number): { bbox: BBox; zoom: number } {
  const z = Math.max(0, Math.min(22, Math.floor(zoom)));
  const cell = 360 / 2 ** (z + 1);
  const marginX = (view[2] - view[0]) * 0.25;
  const marginY = (view[3] - view[1]) * 0.25;
  const snapDown = (value: number) => Math.floor(value / cell) * cell;
  const snapUp = (value: number) => Math.ceil(value / cell) * cell;
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return {
    zoom: z,
    bbox: [
      round(Math.max(WORLD[0], snapDown(view[0] - marginX))),
      round(Math.max(WORLD[1], snapDown(view[1] - marginY))),
      round(Math.min(WORLD[2], snapUp(view[2] + marginX))),
      round(Math.min(WORLD[3], snapUp(view[3] + marginY))),
    ],
  };
}

export function bboxParam(box: BBox): string {
  return box.map((n) => String(Math.round(n * 1e5) / 1e5)).join(',');
}

export function contains(box: BBox, [lon, lat]: Position): boolean {
  return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
}

/** Bounding box of any GeoJSON coordinates (nested arrays of positions); null when there are none. */
export function boundsOf(coordinates: unknown): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      box[0] = Math.min(box[0], value[0]);
      box[1] = Math.min(box[1], value[1]);
      box[2] = Math.max(box[2], value[0]);
      box[3] = Math.max(box[3], value[1]);
    } else value.forEach(visit);
  };
  visit(coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

/** Where a feature is for lists and flying to it: the point itself, or the middle of an area's box. */
export function anchorOf(feature: Pick<LayerFeature, 'geometry'>): Position | null {
  if (feature.geometry.type === 'Point') return feature.geometry.coordinates;
  const box = boundsOf(feature.geometry.coordinates);
  return box ? [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] : null;
}

function overlaps(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

export interface ListedFeature {
  key: string;
  props: LayerProps;
  anchor: Position;
}

export type ListGroup = 'checkpoint' | 'case_place' | 'zone' | 'site';

const GROUP_OF: Record<LayerProps['layer'], ListGroup> = {
  checkpoint: 'checkpoint',
  checkpoint_cluster: 'checkpoint',
  case_place: 'case_place',
  zone: 'zone',
  site: 'site',
};

const LAYER_OF_GROUP: Record<ListGroup, LayerKey> = { checkpoint: 'checkpoints', case_place: 'case_places', zone: 'zones', site: 'sites' };

/** A stable key for a feature (clusters have no id: their place is their identity). */
export function featureKey(props: LayerProps, anchor: Position): string {
  return props.layer === 'checkpoint_cluster' ? `cluster:${anchor[0].toFixed(5)},${anchor[1].toFixed(5)}` : `${props.layer}:${props.id}`;
}

/**
 * The features in view, by kind, for the list beside the map (the keyboard and screen-reader
 * alternative to clicking markers). Only layers that are switched on; clusters first, then by name.
 */
export function visibleFeatures(data: LayerData, view: BBox, state: LayerState): Record<ListGroup, ListedFeature[]> {
  const groups: Record<ListGroup, ListedFeature[]> = { checkpoint: [], case_place: [], zone: [], site: [] };
  for (const feature of data.features) {
    const group = GROUP_OF[feature.properties.layer];
    if (!group || !state.visible[LAYER_OF_GROUP[group]]) continue;
    const anchor = anchorOf(feature);
    if (!anchor) continue;
    const inView = feature.geometry.type === 'Point' ? contains(view, anchor) : (() => {
      const box = boundsOf(feature.geometry.coordinates);
      return box !== null && overlaps(box, view);
    })();
    if (inView) groups[group].push({ key: featureKey(feature.properties, anchor), props: feature.properties, anchor });
  }
  const name = (f: ListedFeature) => ('name' in f.props ? f.props.name : '');
  for (const list of Object.values(groups)) {
    list.sort((a, b) => {
      const clusterA = a.props.layer === 'checkpoint_cluster' ? 0 : 1;
      const clusterB = b.props.layer === 'checkpoint_cluster' ? 0 : 1;
      return clusterA - clusterB || name(a).localeCompare(name(b), 'vi');
    });
  }
  return groups;
}

/** How many checkpoints a group stands for, counting what each cluster holds. */
export function checkpointCount(list: ListedFeature[]): number {
  return list.reduce((sum, f) => sum + (f.props.layer === 'checkpoint_cluster' ? f.props.count : 1), 0);
}
