export interface UnitsTable {
  code: string;
  name: string;
  short_name: string;
  name_en: string;
  type: string;
  type_short: string;
  tier: string;
  level: number;
  parent_code: string | null;
  province_code: string;
  population: number | null;
  population_year: number | null;
  updated_at: number;
}

export interface UnitsTables {
  units: UnitsTable;
}
