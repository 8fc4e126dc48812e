import { describe, expect, it } from 'vitest';
import type { LayerData } from './map-api.js';
import {
  anchorOf,
  bboxParam,
  boundsOf,
  checkpointCount,
  DEFAULT_LAYERS,
  parseLayerState,
  requestArea,
  serverLayers,
  toggleLayer,
  visibleFeatures,
  writeLayerState,
} from './map-layers.js';

describe('layer state in the address', () => {
  it('shows every layer and 14 days by default', () => {
    expect(parseLayerState(new URLSearchParams())).toEqual(DEFAULT_LAYERS);
  });

  it('reads the listed layers and the 21-day window', () => {
    const state = parseLayerState(new URLSearchParams('layers=risk,zones&days=21'));
    expect(state.visible).toEqual({ risk: true, checkpoints: false, case_places: false, zones: true, sites: false });
    expect(state.days).toBe(21);
  });

  it('ignores unknown layers and other day counts', () => {
    const state = parseLayerState(new URLSearchParams('layers=risk,heatmap&days=30'));
    expect(state.visible.risk).toBe(true);
    expect(Object.values(state.visible).filter(Boolean)).toHaveLength(1);
    expect(state.days).toBe(14);
  });

  it('round-trips and leaves defaults and other parameters alone', () => {
    const start = new URLSearchParams('q=abc');
    const off = toggleLayer(DEFAULT_LAYERS, 'checkpoints', false);
    const written = writeLayerState({ ...off, days: 21 }, start);
    expect(written.get('q')).toBe('abc');
    expect(written.get('layers')).toBe('risk,case_places,zones,sites');
    expect(parseLayerState(written)).toEqual({ ...off, days: 21 });
    expect(writeLayerState(DEFAULT_LAYERS, written).toString()).toBe('q=abc');
  });

  it('asks the server only for its layers', () => {
    expect(serverLayers(DEFAULT_LAYERS)).toBe('checkpoints,case_places,zones,sites');
    const onlyRisk = parseLayerState(new URLSearchParams('layers=risk'));
    expect(serverLayers(onlyRisk)).toBe('');
  });
});

describe('requestArea', () => {
  const view: [number, number, number, number] = [105.71, 21.52, 105.93, 21.68];

  it('covers the view with a margin', () => {
    const { bbox, zoom } = requestArea(view, 11.6);
    expect(zoom).toBe(11);
    expect(bbox[0]).toBeLessThan(view[0]);
    expect(bbox[1]).toBeLessThan(view[1]);
    expect(bbox[2]).toBeGreaterThan(view[2]);
    expect(bbox[3]).toBeGreaterThan(view[3]);
  });

  it('gives the same request for a small pan', () => {
    const moved: [number, number, number, number] = [view[0] + 0.005, view[1] + 0.003, view[2] + 0.005, view[3] + 0.003];
    expect(bboxParam(requestArea(moved, 11.2).bbox)).toBe(bboxParam(requestArea(view, 11.9).bbox));
  });

  it('stays within the world', () => {
    const { bbox } = requestArea([-179, -84, 179, 84], 0.5);
    expect(bbox).toEqual([-180, -85, 180, 85]);
  });

  it('writes a compact parameter', () => {
    expect(bboxParam([105.123456789, 21, 106, 22.5])).toBe('105.12346,21,106,22.5');
  });
});

describe('geometry helpers', () => {
  it('finds bounds and anchors', () => {
    expect(boundsOf([[[1, 2], [3, 5], [0, 4]]])).toEqual([0, 2, 3, 5]);
    expect(boundsOf([])).toBeNull();
    expect(anchorOf({ geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 4], [0, 0]]] } })).toEqual([1, 2]);
    expect(anchorOf({ geometry: { type: 'Point', coordinates: [5, 6] } })).toEqual([5, 6]);
  });
});

describe('visibleFeatures', () => {
  const data: LayerData = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [105.8, 21.6] }, properties: { layer: 'checkpoint', id: 'p2', name: 'Chợ Đồng Hỷ', type: 'market', safetyLevel: 'low' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [105.81, 21.61] }, properties: { layer: 'checkpoint', id: 'p1', name: 'Bến xe Thái Nguyên', type: 'station_port', safetyLevel: null } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [105.85, 21.62] }, properties: { layer: 'checkpoint_cluster', count: 40, worst: 'high' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [107, 23] }, properties: { layer: 'site', id: 's1', name: 'Far away', kind: 'test', address: 'x', openingHours: null, phone: null } },
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[[105.6, 21.5], [105.75, 21.5], [105.75, 21.55], [105.6, 21.5]]] },
        properties: { layer: 'zone', id: 'z1', name: 'Tổ 5', kind: 'lockdown', startsOn: '2025-08-01', endsOn: null },
      },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [105.82, 21.6] }, properties: { layer: 'case_place', id: 'c1', name: 'Quán cà phê', firstAt: 1, lastAt: 2, caseCount: 2 } },
    ],
  };
  const view: [number, number, number, number] = [105.7, 21.52, 105.9, 21.7];

  it('lists what is in view by kind, clusters first, then by name', () => {
    const groups = visibleFeatures(data, view, DEFAULT_LAYERS);
    expect(groups.checkpoint.map((f) => f.key)).toEqual(['cluster:105.85000,21.62000', 'checkpoint:p1', 'checkpoint:p2']);
    expect(checkpointCount(groups.checkpoint)).toBe(42);
    expect(groups.site).toEqual([]);
    expect(groups.zone.map((f) => f.key)).toEqual(['zone:z1']);
    expect(groups.case_place).toHaveLength(1);
  });

  it('leaves out layers that are off', () => {
    const groups = visibleFeatures(data, view, toggleLayer(DEFAULT_LAYERS, 'checkpoints', false));
    expect(groups.checkpoint).toEqual([]);
    expect(groups.case_place).toHaveLength(1);
  });
});
