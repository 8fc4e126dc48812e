import { z } from 'zod';
import { foldVietnamese } from './text.js';

/** The administrative-unit datasets an installation can choose from. */
export const UNITS_DATASETS = ['vn-2025', 'vn-2021'] as const;
export type UnitsDataset = (typeof UNITS_DATASETS)[number];

/** The default home province of each dataset: the province that holds former Bắc Kạn. */
export const DEFAULT_HOME_UNIT: Record<UnitsDataset, string> = { 'vn-2025': '19', 'vn-2021': '06' };

export const UNIT_TIERS = ['province', 'district', 'commune'] as const;
export type UnitTier = (typeof UNIT_TIERS)[number];

/** The tiers of each dataset, top first: the 2025 reform removed districts. */
export const DATASET_TIERS: Record<UnitsDataset, readonly UnitTier[]> = {
  'vn-2025': ['province', 'commune'],
  'vn-2021': ['province', 'district', 'commune'],
};

export const unitCodeSchema = z.string().regex(/^(\d{2}|\d{3}|\d{5})$/, { error: 'unit_code_format' });

export const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  nameEn: z.string(),
  type: z.string(),
  typeShort: z.string(),
  tier: z.enum(UNIT_TIERS),
  parentCode: z.string().nullable(),
  provinceCode: z.string(),
  population: z.number().int().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitWithAncestorsSchema = unitSchema.extend({
  ancestors: z.array(unitSchema),
  childCount: z.number().int(),
});
export type UnitWithAncestors = z.infer<typeof unitWithAncestorsSchema>;

export const unitListQuerySchema = z.strictObject({
  parent: unitCodeSchema.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  within: unitCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const unitListSchema = z.object({ items: z.array(unitSchema) });

/** Where a unit sits: the codes of its province, district (none in two-tier trees) and commune. */
export interface UnitLocation {
  provinceCode: string;
  districtCode: string | null;
  communeCode: string | null;
}

interface Indexed {
  unit: Unit;
  folded: string;
  foldedShort: string;
}

/**
 * The whole administrative tree in memory: lookups, ancestry and search without touching storage.
 * Works for any number of tiers.
 */
export class UnitTree {
  private readonly byCode = new Map<string, Indexed>();
  private readonly childrenOf = new Map<string | null, Unit[]>();

  constructor(units: readonly Unit[]) {
    for (const unit of units) {
      this.byCode.set(unit.code, {
        unit,
        folded: foldVietnamese(unit.name),
        foldedShort: foldVietnamese(unit.shortName),
      });
      const siblings = this.childrenOf.get(unit.parentCode) ?? [];
      siblings.push(unit);
      this.childrenOf.set(unit.parentCode, siblings);
    }
    for (const list of this.childrenOf.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): Unit | undefined {
    return this.byCode.get(code)?.unit;
  }

  /** Children of a unit, or the provinces when parentCode is null. */
  children(parentCode: string | null): readonly Unit[] {
    return this.childrenOf.get(parentCode) ?? [];
  }

  /** Ancestors from the province down, without the unit itself. */
  ancestors(code: string): Unit[] {
    const chain: Unit[] = [];
    let current = this.get(code);
    while (current?.parentCode) {
      const parent = this.get(current.parentCode);
      if (!parent) break;
      chain.unshift(parent);
      current = parent;
    }
    return chain;
  }

  /** True when `code` is `ancestorCode` or lies below it. */
  contains(ancestorCode: string, code: string): boolean {
    let current = this.get(code);
    while (current) {
      if (current.code === ancestorCode) return true;
      current = current.parentCode ? this.get(current.parentCode) : undefined;
    }
    return false;
  }

  locate(code: string): UnitLocation | undefined {
    const unit = this.get(code);
    if (!unit) return undefined;
    const chain = [...this.ancestors(code), unit];
    return {
      provinceCode: unit.provinceCode,
      districtCode: chain.find((u) => u.tier === 'district')?.code ?? null,
      communeCode: chain.find((u) => u.tier === 'commune')?.code ?? null,
    };
  }

  /** Every commune at or below a unit. */
  communesWithin(code: string): Unit[] {
    const unit = this.get(code);
    if (!unit) return [];
    if (unit.tier === 'commune') return [unit];
    return this.children(code).flatMap((child) => this.communesWithin(child.code));
  }

  /**
   * Finds units by name with or without diacritics ("bac kan" finds "Bắc Kạn"), or by code.
   * Best matches first: exact name, then names starting with the query, then names containing it.
   */
  search(query: string, options: { within?: string; limit?: number } = {}): Unit[] {
    const folded = foldVietnamese(query);
    if (!folded) return [];
    const tokens = folded.split(' ');
    const limit = options.limit ?? 20;
    const hits: { unit: Unit; rank: number }[] = [];
    for (const entry of this.byCode.values()) {
      if (options.within && !this.contains(options.within, entry.unit.code)) continue;
      const rank = this.rank(entry, folded, tokens);
      if (rank !== null) hits.push({ unit: entry.unit, rank });
    }
    hits.sort((a, b) => a.rank - b.rank || a.unit.code.length - b.unit.code.length || a.unit.code.localeCompare(b.unit.code));
    return hits.slice(0, limit).map((hit) => hit.unit);
  }

  private rank(entry: Indexed, folded: string, tokens: string[]): number | null {
    if (entry.unit.code === folded) return 0;
    if (entry.foldedShort === folded || entry.folded === folded) return 1;
    if (entry.foldedShort.startsWith(folded) || entry.folded.startsWith(folded)) return 2;
    const words = ` ${entry.folded} `;
    if (tokens.every((token) => words.includes(` ${token}`))) return 3;
    return null;
  }
}
