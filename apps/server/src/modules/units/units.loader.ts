import fs from 'node:fs';
import path from 'node:path';
import { DATASET_TIERS, type Unit, type UnitsDataset } from '@phongdich/core';
import { referenceDir } from '../../reference-data.js';

interface SourceUnit {
  code: string;
  name: string;
  shortName: string;
  nameEn: string;
  type: string;
  typeShort: string;
  level: number;
  parentCode: string | null;
  provinceCode: string;
}

const FILES: Record<UnitsDataset, string> = {
  'vn-2021': 'vn-admin-units-2021.json',
  'vn-2025': 'vn-admin-units-2025.json',
};

/** Reads a bundled dataset; `level` 1, 2, 3 becomes the dataset's tier names. */
export function readBundledUnits(dataset: UnitsDataset): Array<Unit & { level: number }> {
  const file = path.join(referenceDir(), 'units', FILES[dataset]);
  const source = JSON.parse(fs.readFileSync(file, 'utf8')) as SourceUnit[];
  const tiers = DATASET_TIERS[dataset];
  return source.map((u) => {
    const tier = tiers[u.level - 1];
    if (!tier) throw new Error(`${FILES[dataset]}: unit ${u.code} has level ${u.level}`);
    return {
      code: u.code,
      name: u.name.normalize('NFC'),
      shortName: u.shortName.normalize('NFC'),
      nameEn: u.nameEn,
      type: u.type,
      typeShort: u.typeShort,
      tier,
      level: u.level,
      parentCode: u.parentCode,
      provinceCode: u.provinceCode,
      population: null,
    };
  });
}
