import type { z } from 'zod';
import type { riskOverrideSchema, SafetyLevel, siteInputSchema, siteSchema, UnitRisk, unitStatisticsSchema, zoneInputSchema, zoneSchema } from '@phongdich/core';
import { api, ApiError, query } from '../../lib/api.js';
import { currentLanguage, i18next } from '../../lib/i18n/index.js';

// The map API (/api/v1/map, /units/:code/boundaries) as typed calls and query keys.

export type Position = [number, number];
/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Feature<G, P> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
}
export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Array<Feature<G, P>>;
}

export type UnitFeature = Feature<AreaGeometry, { code: string; name: string; tier?: string }>;
export type Boundaries = FeatureCollection<AreaGeometry, UnitFeature['properties']>;

export interface MapConfig {
  homeUnit: { code: string; name: string };
  bbox: BBox;
  /** A MapLibre style URL, or a raster tile template with {z}/{x}/{y}; null: boundaries only. */
  styleUrl: string | null;
}

export interface RiskAnswer {
  date: string | null;
  items: UnitRisk[];
  rollup: UnitRisk;
}

export interface RiskHistoryItem {
  date: string;
  level: number;
  computedLevel: number;
  source: 'computed' | 'override';
  reason: string | null;
  byName: string | null;
}

export type CheckpointProps = { layer: 'checkpoint'; id: string; name: string; type: string; safetyLevel: SafetyLevel | null };
export type ClusterProps = { layer: 'checkpoint_cluster'; count: number; worst: SafetyLevel | null };
export type CasePlaceProps = { layer: 'case_place'; id: string; name: string; firstAt: number; lastAt: number; caseCount: number };
export type ZoneProps = { layer: 'zone'; id: string; name: string; kind: 'lockdown' | 'isolation'; startsOn: string; endsOn: string | null };
export type SiteProps = { layer: 'site'; id: string; name: string; kind: 'test' | 'vaccination' | 'treatment'; address: string; openingHours: string | null; phone: string | null };
export type LayerProps = CheckpointProps | ClusterProps | CasePlaceProps | ZoneProps | SiteProps;
export type LayerFeature = Feature<PointGeometry | PolygonGeometry | MultiPolygonGeometry, LayerProps>;
export type LayerData = FeatureCollection<LayerFeature['geometry'], LayerProps>;

export interface SearchItem {
  kind: 'unit' | 'place' | 'site';
  id: string;
  name: string;
  detail: string;
  lat: number;
  lon: number;
}

export interface StatisticsItem {
  communeCode: string;
  communeName: string;
  population: number | null;
  vaccinationCoverage: number | null;
  treatmentCapacityOk: boolean | null;
}

export type Zone = z.infer<typeof zoneSchema>;
export type ZoneInput = z.input<typeof zoneInputSchema>;
export type Site = z.infer<typeof siteSchema>;
export type SiteInput = z.output<typeof siteInputSchema>;
export type RiskOverride = z.output<typeof riskOverrideSchema>;
export type StatisticsInput = z.output<typeof unitStatisticsSchema>;

export const EMPTY_LAYERS: LayerData = { type: 'FeatureCollection', features: [] };

/**
 * GET that can be abandoned: the map asks again after every pan, and an answer for a view the
 * user has left is not worth waiting for. Errors come back as lib/api's ApiError.
 */
async function getJson<T>(path: string, signal?: AbortSignal, cache: RequestCache = 'default'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { 'accept-language': currentLanguage() }, credentials: 'same-origin', signal: signal ?? null, cache });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', i18next.t('app.networkError'));
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (data ?? {}) as { error?: string; message?: string; field?: string };
    throw new ApiError(response.status, problem.error ?? 'internal_error', problem.message ?? i18next.t('app.networkError'), problem.field);
  }
  return data as T;
}

const BASE = '/api/v1/map';

export const mapApi = {
  config: () => getJson<MapConfig>(`${BASE}/config`),
  boundaries: (code: string) => getJson<Boundaries>(`/api/v1/units/${encodeURIComponent(code)}/boundaries`),
  // Levels and layers are public and cacheable for a minute, but this app asks again only when its
  // own memory cache is stale or after a change (an override, a recomputation, a zone, an
  // assessment): then the browser must not answer with the copy it kept, so it asks the server.
  risk: (within: string) => getJson<RiskAnswer>(`${BASE}/risk${query({ within })}`, undefined, 'no-cache'),
  layers: (request: { bbox: string; zoom: number; layers: string; days: number }, signal?: AbortSignal) => getJson<LayerData>(`${BASE}/layers${query(request)}`, signal, 'no-cache'),
  search: (q: string, signal?: AbortSignal) => getJson<{ items: SearchItem[] }>(`${BASE}/search${query({ q })}`, signal),
  history: (code: string) => api<{ items: RiskHistoryItem[] }>('GET', `${BASE}/risk/${encodeURIComponent(code)}/history`),
  override: (code: string, body: RiskOverride) => api<UnitRisk>('POST', `${BASE}/risk/${encodeURIComponent(code)}/override`, body),
  clearOverride: (code: string) => api<UnitRisk>('DELETE', `${BASE}/risk/${encodeURIComponent(code)}/override`),
  recompute: () => api<{ date: string; communes: number; changed: number }>('POST', `${BASE}/risk/recompute`),
  statistics: (within: string) => api<{ items: StatisticsItem[] }>('GET', `${BASE}/statistics${query({ within })}`),
  saveStatistics: (body: StatisticsInput) => api<StatisticsItem>('PUT', `${BASE}/statistics`, body),
  zones: () => api<{ items: Zone[] }>('GET', `${BASE}/zones`),
  createZone: (body: unknown) => api<Zone>('POST', `${BASE}/zones`, body),
  updateZone: (id: string, body: unknown) => api<Zone>('PATCH', `${BASE}/zones/${encodeURIComponent(id)}`, body),
  endZone: (id: string) => api<void>('DELETE', `${BASE}/zones/${encodeURIComponent(id)}`),
  sites: () => api<{ items: Site[] }>('GET', `${BASE}/sites`),
  createSite: (body: SiteInput) => api<Site>('POST', `${BASE}/sites`, body),
  updateSite: (id: string, body: Partial<SiteInput>) => api<Site>('PATCH', `${BASE}/sites/${encodeURIComponent(id)}`, body),
  deleteSite: (id: string) => api<void>('DELETE', `${BASE}/sites/${encodeURIComponent(id)}`),
};

export const mapKeys = {
  config: ['map', 'config'] as const,
  boundaries: (code: string) => ['units', code, 'boundaries'] as const,
  risk: (within: string) => ['map', 'risk', within] as const,
  layers: (request: { bbox: string; zoom: number; layers: string; days: number }) => ['map', 'layers', request] as const,
  search: (q: string) => ['map', 'search', q] as const,
  history: (code: string) => ['map', 'history', code] as const,
  statistics: (within: string) => ['map', 'statistics', within] as const,
  zones: ['map', 'zones'] as const,
  sites: ['map', 'sites'] as const,
};
