import { localDateOf, SAFETY_LEVELS, type SafetyLevel } from '@phongdich/core';
import { newId } from '../../../../apps/server/src/context.js';
import { forgetLayers, setCheckpointLevel } from '../../../../apps/server/src/modules/map/layers.service.js';
import { forgetPoints } from '../../../../apps/server/src/modules/places/points.service.js';
import { unitShape } from '../../../../apps/server/src/modules/map/unit-shapes.js';
import { unitTree } from '../../../../apps/server/src/modules/units/index.js';
import { percentile, round, timeEach, type Benchmark, type BenchResult } from '../framework.js';
import { benchEnvironment, benchPostgresUrl, benchSession, freshPostgres, type BenchEnvironment } from '../setup.js';
import { loadSimulatedProvince } from '../simulated.js';

type BBox = [number, number, number, number];
const LAYERS = 'checkpoints,case_places,zones,sites';

/**
 * The box and zoom the web map asks for (features/map/map-layers.ts requestArea): the view with a
 * quarter of margin on each side, snapped to a grid of the zoom so small pans reuse the answer.
 */
function requestArea(view: BBox, zoom: number): { bbox: string; zoom: number } {
  const z = Math.floor(zoom);
  const cell = 360 / 2 ** (z + 1);
  const mx = (view[2] - view[0]) * 0.25;
  const my = (view[3] - view[1]) * 0.25;
  const r = (v: number) => Math.round(v * 1e5) / 1e5;
  const box = [Math.floor((view[0] - mx) / cell) * cell, Math.floor((view[1] - my) / cell) * cell, Math.ceil((view[2] + mx) / cell) * cell, Math.ceil((view[3] + my) / cell) * cell];
  return { bbox: box.map(r).join(','), zoom: z };
}

/** Half the active places have a self-assessment, spread over the five levels, as after a campaign. */
async function seedAssessments(env: BenchEnvironment): Promise<number> {
  const { ctx } = env;
  const places = await ctx.db.selectFrom('places').select('id').where('status', '=', 'active').execute();
  const now = ctx.clock.now();
  const rows = places
    .filter((_, i) => i % 2 === 0)
    .map((p, i) => ({ id: newId(ctx), place_id: p.id, criteria_set: 'other', answers: '{}', risk_percent: (i * 7) % 100, level: SAFETY_LEVELS[i % SAFETY_LEVELS.length] as string, overridden_level: null, override_reason: null, overridden_by: null, assessed_by: 'bench', assessed_at: now - i }));
  for (let i = 0; i < rows.length; i += 500) await ctx.db.insertInto('place_assessments').values(rows.slice(i, i + 500)).execute();
  return rows.length;
}

/** Zones and sites drawn through the API, one every few communes, as a province in a surge has. */
async function seedZonesAndSites(env: BenchEnvironment, headers: Record<string, string>): Promise<{ zones: number; sites: number }> {
  const communes = unitTree(env.ctx).communesWithin(env.ctx.config.homeUnit);
  const today = localDateOf(env.ctx.clock.now());
  let zones = 0;
  let sites = 0;
  for (const [i, commune] of communes.entries()) {
    const centre = unitShape(env.ctx, commune.code)?.centre;
    if (!centre) continue;
    const { lat, lon } = centre;
    if (i % 3 === 0) {
      const d = 0.004;
      const ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]];
      const zone = await env.app.inject({ method: 'POST', url: '/api/v1/map/zones', headers, payload: { name: `Vùng ${commune.name}`, kind: i % 2 ? 'isolation' : 'lockdown', geometry: { type: 'Polygon', coordinates: [ring] }, startsOn: today } });
      if (zone.statusCode === 201) zones++;
    }
    const site = await env.app.inject({ method: 'POST', url: '/api/v1/map/sites', headers, payload: { name: `Trạm y tế ${commune.name}`, kind: (['test', 'vaccination', 'treatment'] as const)[i % 3], communeCode: commune.code, address: 'Trụ sở trạm y tế', location: { lat: lat + 0.001, lon: lon + 0.001 } } });
    if (site.statusCode === 201) sites++;
  }
  return { zones, sites };
}

async function measure(label: string, databaseEnv: Record<string, string>, size: { people: number; places: number }, requests: number): Promise<BenchResult[]> {
  const env = await benchEnvironment(databaseEnv);
  try {
    const { loaded, loadSeconds } = await loadSimulatedProvince(env, size);
    const admin = await benchSession(env, 'admin', null);
    const assessed = await seedAssessments(env);
    const drawn = await seedZonesAndSites(env, admin);
    const recompute = await env.app.inject({ method: 'POST', url: '/api/v1/map/risk/recompute', headers: admin });
    if (recompute.statusCode !== 200) throw new Error(`recompute: ${recompute.statusCode} ${recompute.body}`);

    const tree = unitTree(env.ctx);
    const province = unitShape(env.ctx, env.ctx.config.homeUnit);
    if (!province) throw new Error('no shape for the home province');
    // A laptop map showing the whole province opens around zoom 8–9.
    const view = requestArea(province.bbox, 9);
    const provinceUrl = `/api/v1/map/layers?bbox=${view.bbox}&zoom=${view.zoom}&layers=${LAYERS}&days=14`;
    const riskUrl = '/api/v1/map/risk';
    // Views a person pans and zooms through: around commune centres, zoom 11 to 15.
    const communes = tree.communesWithin(env.ctx.config.homeUnit);
    const panUrls = communes.slice(0, 60).map((c, i) => {
      const centre = unitShape(env.ctx, c.code)?.centre ?? province.centre;
      const zoom = 11 + (i % 5);
      const half = 360 / 2 ** zoom; // about four 256-pixel tiles wide
      const area = requestArea([centre.lon - half, centre.lat - half / 2, centre.lon + half, centre.lat + half / 2], zoom);
      return `/api/v1/map/layers?bbox=${area.bbox}&zoom=${area.zoom}&layers=${LAYERS}&days=14`;
    });

    const first = await env.app.inject({ url: provinceUrl });
    if (first.statusCode !== 200) throw new Error(`${provinceUrl}: ${first.statusCode} ${first.body}`);
    const features = (first.json() as { features: Array<{ properties: { layer: string } }> }).features;
    for (const url of [riskUrl, ...panUrls]) {
      const response = await env.app.inject({ url });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    }
    // After a place is registered or approved every checkpoint is read again: the slowest request.
    const reload = await timeEach(3, () => {
      forgetPoints(env.ctx);
      return env.app.inject({ url: provinceUrl });
    });
    // After an assessment the level is written into the cache and the clusters are made again.
    const places = await env.ctx.db.selectFrom('places').select('id').where('status', '=', 'active').limit(requests).execute();
    const afterAssessment: number[] = [];
    for (let i = 0; i < requests; i++) {
      await setCheckpointLevel(env.ctx, places[i % places.length]?.id ?? '', SAFETY_LEVELS[i % SAFETY_LEVELS.length] as SafetyLevel);
      afterAssessment.push(...(await timeEach(1, () => env.app.inject({ url: provinceUrl }))));
    }

    const provinceView = await timeEach(requests, () => env.app.inject({ url: provinceUrl }));
    const risk = await timeEach(requests, () => env.app.inject({ url: riskUrl }));
    const panning = await timeEach(requests, (i) => env.app.inject({ url: panUrls[i % panUrls.length] as string }));
    // The same views with no answer kept: what the first person to look at an area waits for.
    const panningFresh: number[] = [];
    for (let i = 0; i < requests; i++) {
      forgetLayers(env.ctx);
      panningFresh.push(...(await timeEach(1, () => env.app.inject({ url: panUrls[i % panUrls.length] as string }))));
    }
    const baseline = await timeEach(requests, () => env.app.inject({ url: '/healthz' }));
    const base = percentile(baseline, 95);
    const count = (layer: string) => features.filter((f) => f.properties.layer === layer).length;
    const nationalCommunes = tree.children(null).flatMap((p) => tree.communesWithin(p.code)).length;
    const common = { places: loaded.counts.places, communesInDataset: nationalCommunes, communesInProvince: communes.length, assessed, zones: drawn.zones, sites: drawn.sites, loadSeconds: round(loadSeconds, 1) };
    const row = (name: string, samples: number[], details: Record<string, number | string>): BenchResult => {
      const p95 = percentile(samples, 95);
      return { name: `${name} p95 (${label})`, figure: p95, unit: 'ms', baseline: base, baselineLabel: 'no-op route p95', ratio: p95 / base, target: '< 50 ms', pass: p95 < 50, details: { ...common, p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), ...details } };
    };
    return [
      row('map data, province view', provinceView, {
        zoom: view.zoom,
        bytes: first.body.length,
        clusters: count('checkpoint_cluster'),
        singleCheckpoints: count('checkpoint'),
        casePlaces: count('case_place'),
        zoneFeatures: count('zone'),
        siteFeatures: count('site'),
        reloadAllPlacesMaxMs: round(Math.max(...reload)),
      }),
      row('map data, province view, just after an assessment (not cached)', afterAssessment, {}),
      row('map risk levels, province', risk, { communes: communes.length }),
      row('map data while panning (zoom 11–15)', panning, { views: panUrls.length }),
      row('map data while panning, no answer cached', panningFresh, { views: panUrls.length }),
    ];
  } finally {
    await env.close();
  }
}

export const mapBenchmark: Benchmark = {
  name: 'map',
  async run({ full }) {
    // The size is 100,000 places; the people (and so visits and cases) are fewer in quick mode.
    const size = full ? { people: 850_000, places: 100_000 } : { people: 20_000, places: 100_000 };
    const requests = full ? 1000 : 300;
    const results = await measure('SQLite', {}, size, requests);
    const pgUrl = benchPostgresUrl();
    if (pgUrl) results.push(...(await measure('PostgreSQL', { DATABASE_URL: await freshPostgres(pgUrl) }, size, requests)));
    return results;
  },
};
