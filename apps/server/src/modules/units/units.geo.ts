import fs from 'node:fs';
import path from 'node:path';
import type { AreaGeometry, UnitsDataset } from '@phongdich/core';
import { referenceDir } from '../../reference-data.js';

interface Feature {
  type: 'Feature';
  properties: { code: string; name: string; parentCode: string | null } & Record<string, unknown>;
  geometry: AreaGeometry;
}

/** Boundary files per dataset and tier; 2021 has no commune geometry in any open source. */
const FILES: Record<UnitsDataset, { province: string; district?: string; commune?: string }> = {
  'vn-2025': { province: 'vn-provinces-2025.geojson', commune: 'vn-communes-2025.geojson' },
  'vn-2021': { province: 'vn-provinces-2021.geojson', district: 'vn-districts-2021.geojson' },
};

// Reference geometry never changes while the process runs; each file is parsed once, on first use.
const byFile = new Map<string, Map<string, Feature> | null>();

function features(file: string | undefined): Map<string, Feature> | null {
  if (!file) return null;
  if (!byFile.has(file)) {
    const full = path.join(referenceDir(), 'geo', file);
    // A file may be removed by an installation that must not ship its licence (data/reference/README.md).
    if (!fs.existsSync(full)) {
      byFile.set(file, null);
    } else {
      const collection = JSON.parse(fs.readFileSync(full, 'utf8')) as { features: Feature[] };
      byFile.set(file, new Map(collection.features.map((f) => [f.properties.code, f])));
    }
  }
  return byFile.get(file) ?? null;
}

/** The outline of a province, or null when the installation has no boundary file for it. */
export function provinceGeometry(dataset: UnitsDataset, provinceCode: string): AreaGeometry | null {
  return features(FILES[dataset].province)?.get(provinceCode)?.geometry ?? null;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; properties: { code: string; name: string; tier: string }; geometry: AreaGeometry }>;
}

/**
 * Boundaries to draw for a unit: its children where geometry exists (the base map of the
 * officials' and public maps), else the unit itself.
 */
export function boundariesFor(dataset: UnitsDataset, unit: { code: string; tier: string }, childCodes: readonly string[]): FeatureCollection {
  const files = FILES[dataset];
  const childTier = unit.tier === 'province' ? (files.district ? 'district' : 'commune') : 'commune';
  const childFeatures = features(files[childTier as 'district' | 'commune']);
  const selfFeatures = features(files[unit.tier as 'province' | 'district' | 'commune']);
  const children = childCodes.map((code) => childFeatures?.get(code)).filter((f): f is Feature => f !== undefined);
  const chosen = children.length > 0 ? children.map((f) => ({ f, tier: childTier })) : [selfFeatures?.get(unit.code)].filter((f): f is Feature => f !== undefined).map((f) => ({ f, tier: unit.tier }));
  return {
    type: 'FeatureCollection',
    features: chosen.map(({ f, tier }) => ({ type: 'Feature', properties: { code: f.properties.code, name: f.properties.name, tier }, geometry: f.geometry })),
  };
}
