import type { FieldSpec, UnitTier } from '@phongdich/core';
import type { Answers } from './record.js';

/** A unit as the address lists need it. */
export interface UnitChoice {
  code: string;
  name: string;
  nameEn: string;
  tier: UnitTier;
}

/** The fields of one address cascade, by tier; a destination province alone has only `province`. */
export interface CascadePaths {
  province?: string | undefined;
  district?: string | undefined;
  commune?: string | undefined;
}

const LEVELS = ['province', 'district', 'commune'] as const;
type Level = (typeof LEVELS)[number];

/** Which of the given paths asks for which tier. */
export function cascadePaths(paths: readonly string[], fields: Readonly<Record<string, FieldSpec>>): CascadePaths {
  const found: CascadePaths = {};
  for (const path of paths) {
    const input = fields[path]?.input;
    if (input === 'province' || input === 'district' || input === 'commune') found[input] = path;
  }
  return found;
}

/**
 * Whether the installation's tree has districts, read from a province's children: the 2021 tree
 * answers with districts, the 2025 tree with communes. Undefined until the children are known.
 */
export function hasDistricts(provinceChildren: readonly Pick<UnitChoice, 'tier'>[] | undefined): boolean | undefined {
  const tier = provinceChildren?.[0]?.tier;
  return tier === undefined ? undefined : tier === 'district';
}

/** The unit whose children are the communes to offer: the district where the tree has them, else the province. */
export function communeParent(paths: CascadePaths, answers: Answers, districts: boolean | undefined): string | undefined {
  const province = paths.province ? answers[paths.province] : undefined;
  if (typeof province !== 'string' || province === '' || districts === undefined) return undefined;
  if (!districts) return province;
  const district = paths.district ? answers[paths.district] : undefined;
  return typeof district === 'string' && district !== '' ? district : undefined;
}

/** The answers to change when one level is chosen: the choice, and every level below it cleared. */
export function chooseInCascade(paths: CascadePaths, level: Level, code: string | undefined): Record<string, string | undefined> {
  const changes: Record<string, string | undefined> = {};
  const from = LEVELS.indexOf(level);
  LEVELS.forEach((each, index) => {
    const path = paths[each];
    if (path && index >= from) changes[path] = index === from ? code || undefined : undefined;
  });
  return changes;
}

/** The last place chosen in any cascade, remembered so the next form starts there. */
export interface RememberedPlace {
  provinceCode: string;
  districtCode?: string | undefined;
}

export const REMEMBERED_PLACE_KEY = 'pd_decl_last_place';

/** The remembered place from storage text; null when none or unreadable. */
export function parseRememberedPlace(text: string | null): RememberedPlace | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<RememberedPlace>;
    if (typeof value.provinceCode !== 'string' || !/^\d{2}$/.test(value.provinceCode)) return null;
    const district = typeof value.districtCode === 'string' && /^\d{3}$/.test(value.districtCode) ? value.districtCode : undefined;
    return { provinceCode: value.provinceCode, districtCode: district };
  } catch {
    return null;
  }
}

/** What to remember after a choice in a cascade: its province and district, when a province is chosen. */
export function placeToRemember(paths: CascadePaths, answers: Answers): RememberedPlace | null {
  const province = paths.province ? answers[paths.province] : undefined;
  if (typeof province !== 'string' || province === '') return null;
  const district = paths.district ? answers[paths.district] : undefined;
  return { provinceCode: province, districtCode: typeof district === 'string' && district !== '' ? district : undefined };
}

/**
 * Starting answers for empty address blocks (the person's address, the address after quarantine): the
 * remembered province and district, or the installation's province. Only blocks that also ask a commune
 * and a street are preset, because the person has to open the cascade there anyway; a journey's start or
 * end (province alone is enough) is never preset, so a guess cannot pass unnoticed.
 */
export function presetPlaces(
  fields: Readonly<Record<string, FieldSpec>>,
  answers: Answers,
  remembered: RememberedPlace | null,
  homeProvinceCode: string,
): Record<string, string> {
  const preset: Record<string, string> = {};
  for (const [path, spec] of Object.entries(fields)) {
    if (spec.input !== 'province' || !path.endsWith('.provinceCode')) continue;
    const prefix = path.slice(0, -'.provinceCode'.length);
    if (!fields[`${prefix}.communeCode`] || !fields[`${prefix}.street`]) continue;
    if (answers[path] !== undefined && answers[path] !== '') continue;
    const place = remembered ?? (/^\d{2}$/.test(homeProvinceCode) ? { provinceCode: homeProvinceCode } : null);
    if (!place) continue;
    preset[path] = place.provinceCode;
    if (place.districtCode && fields[`${prefix}.districtCode`]) preset[`${prefix}.districtCode`] = place.districtCode;
  }
  return preset;
}
