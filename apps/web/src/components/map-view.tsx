import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoJSONSource, LngLatBoundsLike, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { maplibregl } from '../lib/maplibre.js';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** Colour of the dot; the caller decides what it means and shows a legend with text. */
  color: string;
  title: string;
}

interface Props {
  /** The unit whose boundaries form the base map (works without any tile server). */
  boundariesOf: string;
  points?: MapPoint[];
  marker?: { lat: number; lon: number } | null;
  onPick?: (location: { lat: number; lon: number }) => void;
  onPointClick?: (id: string) => void;
  height?: number;
  label: string;
}

type Collection = { type: 'FeatureCollection'; features: Array<{ geometry: { type: string; coordinates: unknown } }> };

function bounds(collection: Collection): LngLatBoundsLike | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      minX = Math.min(minX, value[0]);
      maxX = Math.max(maxX, value[0]);
      minY = Math.min(minY, value[1]);
      maxY = Math.max(maxY, value[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  collection.features.forEach((f) => visit(f.geometry.coordinates));
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

function pointsData(points: MapPoint[]) {
  return {
    type: 'FeatureCollection' as const,
    features: points.map((p) => ({ type: 'Feature' as const, properties: { id: p.id, color: p.color, title: p.title }, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] } })),
  };
}

function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

function createMap(element: HTMLElement): MapLibreMap {
  const instance = new maplibregl.Map({
    container: element,
    style: {
      version: 8,
      sources: { units: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }, points: { type: 'geojson', data: pointsData([]) } },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': '#e8eef5' } },
        { id: 'units-fill', type: 'fill', source: 'units', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.9 } },
        { id: 'units-line', type: 'line', source: 'units', paint: { 'line-color': '#7d8896', 'line-width': 1 } },
        { id: 'points', type: 'circle', source: 'points', paint: { 'circle-radius': 6, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
      ],
    },
    center: [105.8, 21.5],
    zoom: 7,
    attributionControl: false,
  });
  instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  return instance;
}

/**
 * A map whose base layer is the bundled administrative boundaries, so it works offline and without
 * a tile server; optional points, a marker and picking a location by tapping.
 */
export function MapView({ boundariesOf, points = [], marker, onPick, onPointClick, height = 360, label }: Props) {
  const { t } = useTranslation();
  // No WebGL (old phones, some locked-down browsers): the page works on without the map.
  const [supported] = useState(webglAvailable);
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const markerRef = useRef<maplibregl.Marker | null>(null);
  const handlers = useRef({ onPick, onPointClick });
  useEffect(() => {
    handlers.current = { onPick, onPointClick };
  });

  useEffect(() => {
    if (!container.current || !supported) return;
    let instance: MapLibreMap;
    try {
      instance = createMap(container.current);
    } catch {
      return;
    }
    instance.on('click', (event: MapMouseEvent) => {
      const hit = instance.queryRenderedFeatures(event.point, { layers: ['points'] })[0];
      if (hit && handlers.current.onPointClick) handlers.current.onPointClick(String(hit.properties.id));
      else handlers.current.onPick?.({ lat: Number(event.lngLat.lat.toFixed(6)), lon: Number(event.lngLat.lng.toFixed(6)) });
    });
    map.current = instance;
    return () => {
      instance.remove();
      map.current = null;
    };
  }, [supported]);

  useEffect(() => {
    let cancelled = false;
    void fetch(`/api/v1/units/${boundariesOf}/boundaries`)
      .then((r) => r.json() as Promise<Collection>)
      .then((collection) => {
        const instance = map.current;
        if (cancelled || !instance) return;
        const apply = () => {
          (instance.getSource('units') as GeoJSONSource | undefined)?.setData(collection as unknown as Parameters<GeoJSONSource['setData']>[0]);
          const box = bounds(collection);
          if (box) instance.fitBounds(box, { padding: 16, duration: 0 });
        };
        if (instance.isStyleLoaded()) apply();
        else instance.once('load', apply);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [boundariesOf]);

  useEffect(() => {
    const instance = map.current;
    if (!instance) return;
    const apply = () => (instance.getSource('points') as GeoJSONSource | undefined)?.setData(pointsData(points));
    if (instance.isStyleLoaded()) apply();
    else instance.once('load', apply);
  }, [points]);

  useEffect(() => {
    const instance = map.current;
    if (!instance) return;
    markerRef.current?.remove();
    markerRef.current = marker ? new maplibregl.Marker({ color: '#0b5cad' }).setLngLat([marker.lon, marker.lat]).addTo(instance) : null;
  }, [marker]);

  if (!supported) return <p className="map-unavailable">{t('app.mapUnavailable')}</p>;
  return <div ref={container} className="map" style={{ height }} role="region" aria-label={label} />;
}
