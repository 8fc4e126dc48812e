import type { PlaceStatus, PlaceType, Sector, UnitTier } from '@phongdich/core';
import { api, ApiError, getCsrfToken, query } from '../../lib/api.js';
import { currentLanguage, i18next } from '../../lib/i18n/index.js';

// The reports API (/api/v1/reports, issue 9) as typed calls and query keys. Every answer is already
// limited by the server to the official's unit; `unit` defaults to it.

export interface DeploymentRow {
  code: string;
  name: string;
  tier: UnitTier;
  /** Places on the commune target lists. */
  required: number;
  registered: number;
  registeredOfRequired: number;
  /** 0–1; null when there is no target list. */
  shareRegistered: number | null;
  /** Places with at least one scan in the 7 days ending `to`. */
  active7d: number;
  scansPerDay: number;
  neverScanned: number;
}

export interface Breakdown {
  key: string;
  registered: number;
  active7d: number;
  scansPerDay: number;
  neverScanned: number;
}

export interface PlaceRow {
  id: string;
  name: string;
  type: PlaceType;
  sector: Sector;
  status: PlaceStatus;
  required: boolean;
  scans: number;
  lastScanDate: string | null;
  active7d: boolean;
}

export interface UnitRef {
  code: string;
  name: string;
  tier: UnitTier;
}

export interface DeploymentReport {
  unit: UnitRef;
  from: string;
  to: string;
  days: number;
  asOf: number;
  rows: DeploymentRow[];
  total: DeploymentRow;
  bySector: Breakdown[];
  byType: Breakdown[];
  places: PlaceRow[] | null;
}

export type LaggingReason = 'never' | 'none_recently' | 'falling';

export interface LaggingPlace {
  id: string;
  name: string;
  communeName: string;
  type: PlaceType;
  ownerCount: number;
  lastScanDate: string | null;
  scansPrev7d: number;
  scansLast7d: number;
  reason: LaggingReason;
}

export interface LaggingUnit {
  code: string;
  name: string;
  registered: number;
  active7d: number;
  activeShare: number | null;
}

export interface LaggingReport {
  places: LaggingPlace[];
  units: LaggingUnit[];
}

export interface AdoptionRow {
  code: string;
  name: string;
  population: number | null;
  citizens: number;
  declarations: number;
  personalQr: number;
  citizensPer1000: number | null;
  declarationsPer1000: number | null;
  personalQrPer1000: number | null;
}

export interface AdoptionReport {
  rows: AdoptionRow[];
  total: AdoptionRow;
}

export interface CurvePoint {
  date: string;
  byOnset: number;
  byReport: number;
}

export interface EpidemicRow {
  code: string;
  name: string;
  cases: number;
  activeCases: number;
  contacts: number;
  contactsNotReached: number;
}

export interface EpidemicIndicators {
  activeCases: number;
  newCases14d: number;
  contactsPerCase: number;
  knownContactShare: number;
  contactsNotReached: number;
  notReachedDays: number;
  activeChains: number;
}

export interface EpidemicReport {
  curve: CurvePoint[];
  rows: EpidemicRow[];
  indicators: EpidemicIndicators;
}

export type ChildStatus = 'submitted' | 'late' | 'missing';

export interface SubmissionChildRef {
  code: string;
  name: string;
  status: ChildStatus;
  submissionId: string | null;
}

export interface Submission {
  id: string;
  unitCode: string;
  unitName: string;
  from: string;
  to: string;
  version: number;
  submittedAt: number;
  submittedByName: string;
  reason: string | null;
  late: boolean;
}

export interface SubmissionWithSnapshot extends Submission {
  snapshot: DeploymentReport & { children?: SubmissionChildRef[] };
}

export interface SubmissionChild {
  code: string;
  name: string;
  status: ChildStatus;
  submission: Submission | null;
}

export interface SubmissionsStatus {
  own: Submission | null;
  children: SubmissionChild[];
  completeness: { submitted: number; total: number };
  /** The date this period's reports are due. */
  due: string;
}

export interface TrendPoint {
  date: string;
  scans: number;
  activePlaces: number;
  newCases: number;
}

export interface ReportScope {
  unit: string;
  from: string;
  to: string;
}

const base = '/api/v1/reports';

export const reportsApi = {
  deployment: (s: ReportScope) => api<DeploymentReport>('GET', `${base}/deployment${query({ ...s })}`),
  lagging: (unit: string, to: string) => api<LaggingReport>('GET', `${base}/lagging${query({ unit, to })}`),
  remind: (placeIds: string[]) => api<{ queued: number }>('POST', `${base}/reminders`, { placeIds }),
  adoption: (s: ReportScope) => api<AdoptionReport>('GET', `${base}/adoption${query({ ...s })}`),
  epidemic: (s: ReportScope) => api<EpidemicReport>('GET', `${base}/epidemic${query({ ...s })}`),
  submissions: (s: ReportScope) => api<SubmissionsStatus>('GET', `${base}/submissions${query({ ...s })}`),
  submission: (id: string) => api<SubmissionWithSnapshot>('GET', `${base}/submissions/${encodeURIComponent(id)}`),
  submit: (s: ReportScope, reason?: string) => api<SubmissionWithSnapshot>('POST', `${base}/submissions`, { ...s, ...(reason ? { reason } : {}) }),
  trend: (unit: string, days: number) => api<{ series: TrendPoint[] }>('GET', `${base}/trend${query({ unit, days })}`),
};

export const deploymentExportHref = (s: ReportScope, format: 'xlsx' | 'csv') => `${base}/deployment.${format}${query({ ...s })}`;

/** Query keys: everything under 'reports' is refreshed after a submission or a reminder campaign. */
export const reportKeys = {
  all: ['reports'] as const,
  deployment: (s: ReportScope) => ['reports', 'deployment', s] as const,
  lagging: (unit: string, to: string) => ['reports', 'lagging', unit, to] as const,
  adoption: (s: ReportScope) => ['reports', 'adoption', s] as const,
  epidemic: (s: ReportScope) => ['reports', 'epidemic', s] as const,
  submissions: (s: ReportScope) => ['reports', 'submissions', s] as const,
  submission: (id: string) => ['reports', 'submission', id] as const,
  trend: (unit: string, days: number) => ['reports', 'trend', unit, days] as const,
};

/** A table as shown on screen, for the server to write as XLSX; `title` names the report and its period. */
export interface SheetRequest {
  fileName: string;
  title: string[];
  headings: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * Has the server write a table as XLSX (the same writer as the deployment export, so widths, totals
 * and print setup match) and saves the file.
 */
export async function downloadSheet(sheet: SheetRequest): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${base}/sheet`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': currentLanguage(), ...(getCsrfToken() ? { 'x-csrf-token': getCsrfToken() as string } : {}) },
      body: JSON.stringify(sheet),
    });
  } catch {
    throw new ApiError(0, 'network', i18next.t('app.networkError'));
  }
  if (!response.ok) {
    const error = ((await response.json().catch(() => null)) ?? {}) as { error?: string; message?: string };
    throw new ApiError(response.status, error.error ?? 'internal_error', error.message ?? i18next.t('app.networkError'));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${sheet.fileName}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
