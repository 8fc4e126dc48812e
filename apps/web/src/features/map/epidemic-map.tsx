import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { ExpressionSpecification, FilterSpecification, GeoJSONSource, LayerSpecification, MapMouseEvent, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { maplibregl } from '../../lib/maplibre.js';
import type { SafetyLevel } from '@phongdich/core';
import { communeFillOpacity, type BaseMap } from './base-map.js';
import type { AreaGeometry, BBox, FeatureCollection, LayerData, LayerProps, Position } from './map-api.js';
import { CASE_PLACE_COLOUR, clusterSize, drawCluster, drawSiteIcon, drawZonePattern, PATTERN_SIZE, SITE_ICON_SIZE, ZONE_COLOURS, type SiteKind } from './map-icons.js';
import { anchorOf, featureKey, type LayerState } from './map-layers.js';
import type { Outline } from './outline.js';
import { riskFillExpression, safetyColourExpression, type CommuneProps } from './risk-style.js';

/** What the page can ask of the map without re-rendering it. */
export interface MapHandle {
  flyTo(position: Position, zoom?: number): void;
  fitBounds(box: BBox): void;
  /** Zooms in two steps around a position (opening a cluster). */
  zoomInAt(position: Position): void;
  center(): Position | null;
}

export type MapTarget = { kind: 'commune'; code: string } | { kind: 'feature'; props: LayerProps; anchor: Position };

export interface EpidemicMapProps {
  ref?: Ref<MapHandle>;
  label: string;
  /** Names of the map's own buttons in the page's language. */
  controlNames: { zoomIn: string; zoomOut: string; map: string };
  base: BaseMap;
  bbox: BBox;
  communes: FeatureCollection<AreaGeometry, CommuneProps> | null;
  outline: Outline | null;
  layers: LayerData;
  visible: LayerState['visible'];
  /** featureKey of the chosen feature, or `commune:<code>`. */
  selectedKey: string | null;
  drawing: Position[] | null;
  here: Position | null;
  onView: (view: { bounds: BBox; zoom: number }) => void;
  onSelect: (target: MapTarget) => void;
  onDrawPoint: (position: Position) => void;
  onFailed: () => void;
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
const SOURCES = ['communes', 'outline', 'layers', 'selected', 'draw', 'draw-preview', 'here'] as const;
const POINT_LAYERS = ['clusters', 'checkpoints', 'sites', 'case-places'];
const INTERACTIVE = [...POINT_LAYERS, 'zones-fill', 'communes-fill'];
/** Map layers per layer switch. */
const SWITCHED: Record<Exclude<keyof LayerState['visible'], 'risk'>, string[]> = {
  checkpoints: ['checkpoints', 'clusters'],
  case_places: ['case-places'],
  zones: ['zones-fill', 'zones-line'],
  sites: ['sites'],
};
const byLayer = (name: LayerProps['layer']): FilterSpecification => ['==', ['get', 'layer'], name];
const expression = (value: unknown[]) => value as ExpressionSpecification;

function ourLayers(base: BaseMap): LayerSpecification[] {
  return [
    { id: 'communes-fill', type: 'fill', source: 'communes', paint: { 'fill-color': expression(riskFillExpression()), 'fill-opacity': communeFillOpacity(base, true) } },
    { id: 'communes-line', type: 'line', source: 'communes', paint: { 'line-color': '#4b5563', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.4, 12, 1.2] } },
    { id: 'communes-selected', type: 'line', source: 'communes', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#0b1d33', 'line-width': 3.5 } },
    { id: 'outline', type: 'line', source: 'outline', layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#1c2430', 'line-width': 2.5 } },
    { id: 'zones-fill', type: 'fill', source: 'layers', filter: byLayer('zone'), paint: { 'fill-pattern': ['concat', 'zone-', ['get', 'kind']] } },
    {
      id: 'zones-line',
      type: 'line',
      source: 'layers',
      filter: byLayer('zone'),
      paint: { 'line-color': ['match', ['get', 'kind'], 'lockdown', ZONE_COLOURS.lockdown, ZONE_COLOURS.isolation], 'line-width': 2.5, 'line-dasharray': [2, 1] },
    },
    { id: 'case-places', type: 'circle', source: 'layers', filter: byLayer('case_place'), paint: { 'circle-radius': 7, 'circle-color': CASE_PLACE_COLOUR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
    { id: 'sites', type: 'symbol', source: 'layers', filter: byLayer('site'), layout: { 'icon-image': ['concat', 'site-', ['get', 'kind']], 'icon-allow-overlap': true } },
    {
      id: 'checkpoints',
      type: 'circle',
      source: 'layers',
      filter: byLayer('checkpoint'),
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 7], 'circle-color': expression(safetyColourExpression('safetyLevel')), 'circle-stroke-color': '#1c2430', 'circle-stroke-width': 1 },
    },
    {
      id: 'clusters',
      type: 'symbol',
      source: 'layers',
      filter: byLayer('checkpoint_cluster'),
      layout: { 'icon-image': ['concat', 'cluster-', ['to-string', ['get', 'count']], '-', ['coalesce', ['get', 'worst'], 'none']], 'icon-allow-overlap': true },
    },
    { id: 'selected-area', type: 'line', source: 'selected', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#0b1d33', 'line-width': 4 } },
    {
      id: 'selected-point',
      type: 'circle',
      source: 'selected',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 15, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#0b1d33', 'circle-stroke-width': 3 },
    },
    { id: 'draw-fill', type: 'fill', source: 'draw', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': ZONE_COLOURS.lockdown, 'fill-opacity': 0.2 } },
    { id: 'draw-line', type: 'line', source: 'draw', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': ZONE_COLOURS.lockdown, 'line-width': 3 } },
    { id: 'draw-preview', type: 'line', source: 'draw-preview', paint: { 'line-color': ZONE_COLOURS.lockdown, 'line-width': 2, 'line-dasharray': [1, 1] } },
    { id: 'draw-points', type: 'circle', source: 'draw', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': ZONE_COLOURS.lockdown, 'circle-stroke-width': 3 } },
    { id: 'here', type: 'circle', source: 'here', paint: { 'circle-radius': 9, 'circle-color': '#1a73e8', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } },
  ];
}

async function styleFor(base: BaseMap): Promise<StyleSpecification> {
  const sources: Record<string, SourceSpecification> = Object.fromEntries(SOURCES.map((id) => [id, { type: 'geojson', data: EMPTY } satisfies SourceSpecification]));
  const background: LayerSpecification = { id: 'background', type: 'background', paint: { 'background-color': '#e8eef5' } };
  if (base.kind === 'style') {
    try {
      const response = await fetch(base.url, { signal: AbortSignal.timeout(6000) });
      if (!response.ok) throw new Error(String(response.status));
      const style = (await response.json()) as StyleSpecification;
      return { ...style, sources: { ...style.sources, ...sources }, layers: [...style.layers, ...ourLayers(base)] };
    } catch {
      // The configured base map is out of reach (no internet): the boundaries alone still work.
      return styleFor({ kind: 'offline' });
    }
  }
  if (base.kind === 'raster') {
    return {
      version: 8,
      sources: { ...sources, base: { type: 'raster', tiles: base.tiles, tileSize: 256, maxzoom: 19 } },
      layers: [background, { id: 'base', type: 'raster', source: 'base' }, ...ourLayers(base)],
    };
  }
  return { version: 8, sources, layers: [background, ...ourLayers(base)] };
}

/** Makes the map's pictures on first use: clusters (one per count and colour), site signs, zone stripes. */
function imageFor(id: string): { image: ImageData; pixelRatio: number } | null {
  const scale = Math.min(3, Math.max(1, Math.round(window.devicePixelRatio || 1)));
  const canvasOf = (size: number) => {
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    return canvas.getContext('2d');
  };
  const cluster = /^cluster-(\d+)-(\w+)$/.exec(id);
  if (cluster) {
    const count = Number(cluster[1]);
    const worst = cluster[2] === 'none' ? null : (cluster[2] as SafetyLevel);
    const size = clusterSize(count) * scale;
    const ctx = canvasOf(size);
    if (!ctx) return null;
    drawCluster(ctx, count, worst, scale);
    return { image: ctx.getImageData(0, 0, size, size), pixelRatio: scale };
  }
  const site = /^site-(test|vaccination|treatment)$/.exec(id);
  if (site) {
    const size = SITE_ICON_SIZE * scale;
    const ctx = canvasOf(size);
    if (!ctx) return null;
    drawSiteIcon(ctx, site[1] as SiteKind, size);
    return { image: ctx.getImageData(0, 0, size, size), pixelRatio: scale };
  }
  const zone = /^zone-(lockdown|isolation)$/.exec(id);
  if (zone) {
    const size = PATTERN_SIZE * scale;
    const ctx = canvasOf(size);
    if (!ctx) return null;
    drawZonePattern(ctx, zone[1] as 'lockdown' | 'isolation', scale);
    return { image: ctx.getImageData(0, 0, size, size), pixelRatio: scale };
  }
  return null;
}

function drawingData(vertices: Position[]) {
  const features: Array<{ type: 'Feature'; properties: Record<string, never>; geometry: { type: string; coordinates: unknown } }> = [];
  if (vertices.length >= 3) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...vertices, vertices[0]]] } });
  if (vertices.length >= 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: vertices } });
  for (const v of vertices) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: v } });
  return { type: 'FeatureCollection' as const, features };
}

const pointData = (position: Position | null) => ({
  type: 'FeatureCollection' as const,
  features: position ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: position } }] : [],
});

/**
 * The epidemic map. Data reaches it as GeoJSON sources updated with setData; panning and zooming
 * never re-render React. The page hears about the view once movement ends (debounced).
 */
export function EpidemicMap(props: EpidemicMapProps) {
  const { ref, label, base, controlNames } = props;
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const ready = useRef(false);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useImperativeHandle(
    ref,
    () => ({
      flyTo(position, zoom) {
        map.current?.flyTo({ center: position, zoom: zoom ?? Math.max(map.current.getZoom(), 14), essential: true });
      },
      fitBounds(box) {
        map.current?.fitBounds(box, { padding: 24, maxZoom: 15 });
      },
      zoomInAt(position) {
        map.current?.easeTo({ center: position, zoom: map.current.getZoom() + 2 });
      },
      center() {
        const c = map.current?.getCenter();
        return c ? [Number(c.lng.toFixed(6)), Number(c.lat.toFixed(6))] : null;
      },
    }),
    [],
  );

  const source = (id: (typeof SOURCES)[number]) => map.current?.getSource(id) as GeoJSONSource | undefined;
  const setData = (id: (typeof SOURCES)[number], data: unknown) => {
    if (ready.current) void source(id)?.setData(data as Parameters<GeoJSONSource['setData']>[0]);
  };

  // Everything the props say, applied to a loaded map (also right after it loads).
  const syncCommunes = () => setData('communes', latest.current.communes ?? EMPTY);
  const syncOutline = () => setData('outline', latest.current.outline ?? EMPTY);
  const syncLayers = () => setData('layers', latest.current.layers);
  const syncSelection = () => {
    const instance = map.current;
    if (!instance || !ready.current) return;
    const key = latest.current.selectedKey;
    const commune = key?.startsWith('commune:') ? key.slice('commune:'.length) : '';
    instance.setFilter('communes-selected', ['==', ['get', 'code'], commune]);
    const feature = key && !commune ? latest.current.layers.features.find((f) => featureKey(f.properties, anchorOf(f) ?? [0, 0]) === key) : undefined;
    setData('selected', { type: 'FeatureCollection', features: feature ? [feature] : [] });
  };
  const syncVisibility = () => {
    const instance = map.current;
    if (!instance || !ready.current) return;
    const { visible } = latest.current;
    for (const [key, ids] of Object.entries(SWITCHED)) {
      for (const id of ids) instance.setLayoutProperty(id, 'visibility', visible[key as keyof typeof SWITCHED] ? 'visible' : 'none');
    }
    instance.setPaintProperty('communes-fill', 'fill-color', visible.risk ? expression(riskFillExpression()) : '#ffffff');
    instance.setPaintProperty('communes-fill', 'fill-opacity', communeFillOpacity(latest.current.base, visible.risk));
  };
  const syncDrawing = () => {
    setData('draw', drawingData(latest.current.drawing ?? []));
    if (!latest.current.drawing) setData('draw-preview', EMPTY);
    if (map.current) map.current.getCanvas().style.cursor = latest.current.drawing ? 'crosshair' : '';
  };
  const syncHere = () => setData('here', pointData(latest.current.here));
  const syncAll = useRef(() => {});
  useEffect(() => {
    syncAll.current = () => {
      syncCommunes();
      syncOutline();
      syncLayers();
      syncVisibility();
      syncSelection();
      syncDrawing();
      syncHere();
    };
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let cancelled = false;
    let instance: maplibregl.Map | null = null;
    let viewTimer: ReturnType<typeof setTimeout> | undefined;
    let previewFrame = 0;
    void styleFor(base).then((style) => {
      if (cancelled) return;
      try {
        instance = new maplibregl.Map({
          container: element,
          style,
          bounds: latest.current.bbox,
          fitBoundsOptions: { padding: 16 },
          attributionControl: base.kind === 'offline' ? false : { compact: true },
          locale: { 'Map.Title': controlNames.map, 'NavigationControl.ZoomIn': controlNames.zoomIn, 'NavigationControl.ZoomOut': controlNames.zoomOut },
          dragRotate: false,
          pitchWithRotate: false,
        });
      } catch {
        latest.current.onFailed();
        return;
      }
      const m = instance;
      map.current = m;
      m.touchZoomRotate.disableRotation();
      m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      m.setMissingStyleImageResolver((id) => {
        const made = imageFor(id);
        if (made && !m.hasImage(id)) m.addImage(id, made.image, { pixelRatio: made.pixelRatio });
      });
      const reportView = () => {
        clearTimeout(viewTimer);
        viewTimer = setTimeout(() => {
          const b = m.getBounds();
          latest.current.onView({ bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: m.getZoom() });
        }, 200);
      };
      m.on('load', () => {
        ready.current = true;
        syncAll.current();
        reportView();
      });
      m.on('moveend', reportView);
      m.on('error', () => undefined);
      m.on('click', (event: MapMouseEvent) => {
        if (latest.current.drawing) {
          latest.current.onDrawPoint([Number(event.lngLat.lng.toFixed(6)), Number(event.lngLat.lat.toFixed(6))]);
          return;
        }
        const hits = m.queryRenderedFeatures(event.point, { layers: INTERACTIVE.filter((id) => m.getLayoutProperty(id, 'visibility') !== 'none') });
        const hit = hits.find((h) => POINT_LAYERS.includes(h.layer.id)) ?? hits.find((h) => h.layer.id === 'zones-fill') ?? hits[0];
        if (!hit) return;
        if (hit.layer.id === 'communes-fill') {
          latest.current.onSelect({ kind: 'commune', code: String(hit.properties.code) });
          return;
        }
        const props = hit.properties as LayerProps;
        const anchor: Position = hit.geometry.type === 'Point' ? (hit.geometry.coordinates as Position) : [event.lngLat.lng, event.lngLat.lat];
        if (props.layer === 'checkpoint_cluster') m.easeTo({ center: anchor, zoom: m.getZoom() + 2 });
        else {
          // Clicked areas are found again in the page's data by id, where their whole shape is.
          const original = latest.current.layers.features.find((f) => f.properties.layer === props.layer && 'id' in f.properties && 'id' in props && f.properties.id === props.id);
          latest.current.onSelect({ kind: 'feature', props: original?.properties ?? props, anchor: (original && anchorOf(original)) ?? anchor });
        }
      });
      m.on('mousemove', (event: MapMouseEvent) => {
        const vertices = latest.current.drawing;
        if (vertices && vertices.length > 0) {
          cancelAnimationFrame(previewFrame);
          previewFrame = requestAnimationFrame(() => {
            const last = vertices[vertices.length - 1] as Position;
            const line = [last, [event.lngLat.lng, event.lngLat.lat]];
            if (vertices.length >= 2) line.push(vertices[0] as Position);
            setData('draw-preview', { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
          });
          return;
        }
        if (latest.current.drawing) return;
        const over = m.queryRenderedFeatures(event.point, { layers: POINT_LAYERS.filter((id) => m.getLayoutProperty(id, 'visibility') !== 'none') }).length > 0;
        m.getCanvas().style.cursor = over ? 'pointer' : '';
      });
    });
    return () => {
      cancelled = true;
      clearTimeout(viewTimer);
      cancelAnimationFrame(previewFrame);
      ready.current = false;
      instance?.remove();
      map.current = null;
    };
    // The map is made once per base map; later prop changes go through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base]);

  /* eslint-disable react-hooks/exhaustive-deps -- each effect applies one prop through latest.current */
  useEffect(syncCommunes, [props.communes]);
  useEffect(syncOutline, [props.outline]);
  useEffect(() => {
    syncLayers();
    syncSelection();
  }, [props.layers]);
  useEffect(syncVisibility, [props.visible]);
  useEffect(syncSelection, [props.selectedKey]);
  useEffect(syncDrawing, [props.drawing]);
  useEffect(syncHere, [props.here]);
  /* eslint-enable react-hooks/exhaustive-deps */

  return <div ref={container} className="epimap-canvas" role="region" aria-label={label} />;
}
