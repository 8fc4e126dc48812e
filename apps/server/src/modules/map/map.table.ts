export interface UnitStatisticsTable {
  commune_code: string;
  population: number;
  /** Share of adults fully vaccinated, 0–100. */
  vaccination_coverage: number | null;
  treatment_capacity_ok: number | null;
  updated_by: string;
  updated_at: number;
}

/** One unit's level on one day, as computed (and as in force after any override on that day). */
export interface UnitRiskLevelsTable {
  unit_code: string;
  date: string;
  level: number;
  computed_level: number;
  new_cases_7d: number;
  cases_per_100k: number;
  population: number | null;
  vaccination_coverage: number | null;
  computed_at: number;
}

/** An official's override (level set) or its withdrawal (level null); the latest active one applies. */
export interface RiskOverridesTable {
  id: string;
  unit_code: string;
  level: number | null;
  reason: string;
  until: string | null;
  active: number;
  by: string;
  at: number;
}

export interface ZonesTable {
  id: string;
  name: string;
  kind: string;
  /** GeoJSON Polygon as text. */
  geometry: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  area_km2: number;
  /** JSON array of the communes the zone touches. */
  commune_codes: string;
  starts_on: string;
  ends_on: string | null;
  note: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface SitesTable {
  id: string;
  name: string;
  kind: string;
  province_code: string;
  district_code: string | null;
  commune_code: string;
  address: string;
  lat: number;
  lon: number;
  opening_hours: string | null;
  phone: string | null;
  capacity: number | null;
  active: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface GuidesTable {
  slug: string;
  /** JSON { title: { vi, en }, body: { vi, en } }. */
  content: string;
  updated_by: string;
  updated_at: number;
}

export interface PlaceAssessmentsTable {
  id: string;
  place_id: string;
  criteria_set: string;
  answers: string;
  risk_percent: number;
  level: string;
  overridden_level: string | null;
  override_reason: string | null;
  overridden_by: string | null;
  assessed_by: string;
  assessed_at: number;
}

export interface MapTables {
  unit_statistics: UnitStatisticsTable;
  unit_risk_levels: UnitRiskLevelsTable;
  risk_overrides: RiskOverridesTable;
  zones: ZonesTable;
  sites: SitesTable;
  guides: GuidesTable;
  place_assessments: PlaceAssessmentsTable;
}
