import fs from 'node:fs';
import path from 'node:path';
import type { Unit, UnitsDataset } from '@phongdich/core';
import { referenceDir } from '../../../apps/server/src/reference-data.js';
import type { LatLon } from './places.js';

const FILES: Record<UnitsDataset, string> = { 'vn-2025': 'vn-centroids-2025.csv', 'vn-2021': 'vn-centroids-2021.csv' };

/** Centroids of the bundled geometry by unit code (provinces and communes for 2025, provinces and districts for 2021). */
export function readCentroids(dataset: UnitsDataset): Map<string, LatLon> {
  const text = fs.readFileSync(path.join(referenceDir(), 'geo', FILES[dataset]), 'utf8');
  const [header = '', ...lines] = text.split(/\r?\n/);
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  const [code, lon, lat] = [at('code'), at('centroidLon'), at('centroidLat')];
  const centroids = new Map<string, LatLon>();
  for (const line of lines) {
    // Names never contain commas in these files; the code and coordinates are plain fields.
    const cells = line.split(',');
    const key = cells[code];
    if (key) centroids.set(key, { lat: Number(cells[lat]), lon: Number(cells[lon]) });
  }
  return centroids;
}

/**
 * A centre for each commune: its own centroid (2025), or its district's (2021, for which no commune
 * geometry exists), or at worst its province's.
 */
export function communeCentres(dataset: UnitsDataset, communes: readonly Unit[]): Record<string, LatLon> {
  const centroids = readCentroids(dataset);
  const centres: Record<string, LatLon> = {};
  for (const unit of communes) {
    const centre = centroids.get(unit.code) ?? (unit.parentCode ? centroids.get(unit.parentCode) : undefined) ?? centroids.get(unit.provinceCode);
    if (!centre) throw new Error(`no centroid for commune ${unit.code} or its parents`);
    centres[unit.code] = centre;
  }
  return centres;
}

const WEIGHT_BY_TYPE: Record<string, number> = { 'Phường': 3, 'Thị trấn': 2 };

/** Relative populations when none are imported: wards and townships are denser than rural communes. */
export function communeWeights(communes: readonly Unit[]): Record<string, number> {
  return Object.fromEntries(communes.map((u) => [u.code, u.population ?? WEIGHT_BY_TYPE[u.type] ?? 1]));
}
