/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWithKeys } from '../validation.js';
import { DATASET_TIERS, UnitTree, type UnitsDataset } from '../units.js';
import { BORDER_GATES, findBorderGate } from './border-gates.js';
import { declarationSchema } from './forms.js';
import { CTX, example, problemsOf } from './test-fixtures.js';

interface RawUnit {
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

// The unit lists and the 2021 → 2025 province mapping bundled with the repository.
const UNITS_DIR = new URL('../../../../data/reference/units/', import.meta.url);
const readUnits = (file: string) => JSON.parse(readFileSync(new URL(file, UNITS_DIR), 'utf8')) as RawUnit[];
const units2021 = readUnits('vn-admin-units-2021.json');
const units2025 = readUnits('vn-admin-units-2025.json');

function tree(raw: RawUnit[], dataset: UnitsDataset): UnitTree {
  const tiers = DATASET_TIERS[dataset];
  return new UnitTree(raw.map((unit) => ({ ...unit, tier: tiers[unit.level - 1] ?? 'commune', population: null })));
}

const provinces = (raw: RawUnit[]) => new Set(raw.filter((unit) => unit.level === 1).map((unit) => unit.code));

describe('border gates', () => {
  it('have distinct codes, and an IATA code exactly when they are airports', () => {
    expect(new Set(BORDER_GATES.map((gate) => gate.code)).size).toBe(BORDER_GATES.length);
    for (const gate of BORDER_GATES) {
      expect(gate.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      if (gate.kind === 'airport') expect('iata' in gate ? gate.iata : undefined, gate.code).toMatch(/^[A-Z]{3}$/);
      else expect('iata' in gate, gate.code).toBe(false);
    }
  });

  it('include the international airports that are open, and not Long Thành', () => {
    const iata = BORDER_GATES.flatMap((gate) => ('iata' in gate ? [gate.iata] : []));
    expect(iata.sort()).toEqual(['CXR', 'DAD', 'DLI', 'HAN', 'HPH', 'HUI', 'PQC', 'SGN', 'THD', 'UIH', 'VCA', 'VCL', 'VDO', 'VII']);
    expect(findBorderGate('long-thanh')).toBeUndefined();
  });

  it.each(BORDER_GATES.map((gate) => [gate.code, gate] as const))('%s lies in provinces of both datasets', (_code, gate) => {
    expect(provinces(units2025).has(gate.province2025)).toBe(true);
    expect(provinces(units2021).has(gate.province2021)).toBe(true);
  });

  it('name, for each gate, the 2025 province that took over its 2021 province', () => {
    const mapping = JSON.parse(readFileSync(new URL('vn-province-mapping-2025.json', UNITS_DIR), 'utf8')) as Array<{ newCode: string; oldCode: string }>;
    const successor = new Map(mapping.map((row) => [row.oldCode, row.newCode]));
    for (const gate of BORDER_GATES) expect(successor.get(gate.province2021), gate.code).toBe(gate.province2025);
  });
});

describe('unit codes checked against the installation tree', () => {
  const ctx2025 = { ...CTX, units: tree(units2025, 'vn-2025') };
  const ctx2021 = { ...CTX, units: tree(units2021, 'vn-2021') };
  const parse = (ctx: typeof CTX, input: unknown) => problemsOf(parseWithKeys(declarationSchema(ctx), input));

  it('accepts the examples, whose codes exist in the 2025 tree', () => {
    for (const version of ['domestic@1', 'entry@1', 'movement@1', 'medical_facility@1']) expect(parse(ctx2025, example(version))).toEqual([]);
  });

  it('accepts a 2021 address with its district', () => {
    const input = example('domestic@1');
    const person = input.person as Record<string, unknown>;
    person.address = { provinceCode: '06', districtCode: '058', communeCode: '01837', street: 'Tổ 1' };
    input.visitedUnits = ['058'];
    expect(parse(ctx2021, input)).toEqual([]);
  });

  it.each([
    ['a commune of another province', { provinceCode: '01', communeCode: '01843' }, 'person.address.communeCode → unit_not_in_parent'],
    ['a commune code that does not exist', { provinceCode: '19', communeCode: '99999' }, 'person.address.communeCode → unknown_unit'],
    ['a province code that does not exist', { provinceCode: '03', communeCode: '01843' }, 'person.address.provinceCode → unknown_unit'],
  ])('refuses %s', (_what, address, expected) => {
    const input = example('domestic@1');
    const person = input.person as Record<string, unknown>;
    person.address = { ...address, street: 'Tổ 1' };
    expect(parse(ctx2025, input)).toEqual([expected]);
  });

  it('refuses a commune outside the chosen district (2021 tree)', () => {
    const input = example('movement@1');
    (input.person as Record<string, unknown>).address = { provinceCode: '06', districtCode: '058', communeCode: '01837', street: 'Tổ 1' };
    input.from = { provinceCode: '06', districtCode: '058', communeCode: '00004' };
    input.to = { provinceCode: '01', districtCode: '001', communeCode: '00004' };
    expect(parse(ctx2021, input)).toEqual(['from.communeCode → unit_not_in_parent']);
  });

  it('refuses a visited place that is not in the tree', () => {
    const input = example('domestic@1');
    input.visitedUnits = ['01', '03'];
    expect(parse(ctx2025, input)).toEqual(['visitedUnits.1 → unknown_unit']);
  });
});
