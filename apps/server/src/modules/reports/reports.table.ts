export interface PlaceDailyScansTable {
  place_id: string;
  /** Local date (Vietnam) of the check-ins. */
  date: string;
  commune_code: string;
  sector: string;
  type: string;
  scans: number;
}

export interface PlaceScanTotalsTable {
  place_id: string;
  commune_code: string;
  sector: string;
  type: string;
  first_date: string;
  last_date: string;
  total: number;
}

/** How far the roll-up job has read the visits, by arrival at the server. */
export interface RollupWatermarksTable {
  name: string;
  received_at: number;
  last_id: string;
}

export interface ReportSubmissionsTable {
  id: string;
  unit_code: string;
  period_from: string;
  period_to: string;
  version: number;
  /** The deployment report as submitted, JSON. */
  snapshot: string;
  reason: string | null;
  submitted_by: string;
  submitted_at: number;
}

export interface ReportsTables {
  place_daily_scans: PlaceDailyScansTable;
  place_scan_totals: PlaceScanTotalsTable;
  rollup_watermarks: RollupWatermarksTable;
  report_submissions: ReportSubmissionsTable;
}
