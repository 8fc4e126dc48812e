import type { Case, Chain, Contact, ContactSource } from '@phongdich/core';
import { api, query } from '../../lib/api.js';

// The cases API (/api/v1/cases, /contacts, /me/warnings) as typed calls and query keys.

export interface CaseEvent {
  at: number;
  action: string;
  actorName: string;
  detail: string | null;
}

export interface PlaceVisited {
  placeId: string;
  placeName: string;
  communeName: string;
  checkedInAt: number;
  checkedOutAt: number | null;
}

export interface CaseDetail {
  case: Case;
  events: CaseEvent[];
  placesVisited: PlaceVisited[];
}

export interface Indicators {
  activeCases: number;
  newCases14d: number;
  contactsPerCase: number;
  knownContactShare: number;
  contactsNotReached: number;
  notReachedDays: number;
  activeChains: number;
}

export interface Cluster {
  placeId: string;
  placeName: string;
  communeName: string;
  caseCount: number;
  caseCodes: string[];
  firstAt: number;
  lastAt: number;
}

export type WorklistContact = Contact & { caseCode: string; communeName: string };

/** What a citizen is told about an exposure (warningSchema in core). */
export interface Warning {
  id: string;
  placeName: string | null;
  source: ContactSource;
  windowStart: number;
  windowEnd: number;
  quarantineEnd: string | null;
  generation: number;
}

export interface CaseFilters {
  q?: string | undefined;
  classification?: string | undefined;
  outcome?: string | undefined;
}

export interface WorklistFilters {
  status?: string | undefined;
  notReached?: boolean | undefined;
}

const base = '/api/v1';

export const casesApi = {
  list: (filters: CaseFilters, limit: number, offset: number) =>
    api<{ items: Case[]; total: number }>('GET', `${base}/cases${query({ ...filters, limit, offset })}`),
  create: (body: unknown) => api<Case>('POST', `${base}/cases`, body),
  get: (id: string) => api<CaseDetail>('GET', `${base}/cases/${encodeURIComponent(id)}`),
  update: (id: string, body: unknown) => api<Case>('PATCH', `${base}/cases/${encodeURIComponent(id)}`, body),
  trace: (id: string, depth: number) =>
    api<{ contacts: number; byGeneration: Record<string, number> }>('POST', `${base}/cases/${encodeURIComponent(id)}/trace`, { depth }),
  contacts: (id: string) => api<{ items: Contact[] }>('GET', `${base}/cases/${encodeURIComponent(id)}/contacts`),
  addContact: (id: string, body: unknown) => api<Contact>('POST', `${base}/cases/${encodeURIComponent(id)}/contacts`, body),
  chain: (id: string) => api<Chain>('GET', `${base}/cases/${encodeURIComponent(id)}/chain`),
  indicators: () => api<Indicators>('GET', `${base}/cases/indicators`),
  clusters: () => api<{ items: Cluster[] }>('GET', `${base}/cases/clusters`),
  worklist: (filters: WorklistFilters, limit: number, offset: number) =>
    api<{ items: WorklistContact[]; total: number }>(
      'GET',
      `${base}/contacts${query({ status: filters.status, notReached: filters.notReached ? 'true' : undefined, limit, offset })}`,
    ),
  updateContact: (id: string, body: unknown) => api<Contact>('PATCH', `${base}/contacts/${encodeURIComponent(id)}`, body),
  followup: (id: string, body: unknown) => api<Contact>('POST', `${base}/contacts/${encodeURIComponent(id)}/followups`, body),
  convert: (id: string, body: unknown) => api<Case>('POST', `${base}/contacts/${encodeURIComponent(id)}/convert`, body),
  warnings: () => api<{ items: Warning[] }>('GET', `${base}/me/warnings`),
};

export const exportCasesHref = (filters: CaseFilters) => `${base}/cases/export.xlsx${query({ ...filters })}`;
export const exportContactsHref = (caseId: string) => `${base}/cases/${encodeURIComponent(caseId)}/contacts/export.xlsx`;

/** Query keys: everything under 'cases' or 'contacts' is refreshed after a change to either. */
export const keys = {
  cases: ['cases'] as const,
  list: (filters: CaseFilters, page: number) => ['cases', 'list', filters, page] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  contacts: (id: string) => ['cases', 'contacts', id] as const,
  chain: (id: string) => ['cases', 'chain', id] as const,
  indicators: ['cases', 'indicators'] as const,
  clusters: ['cases', 'clusters'] as const,
  worklist: (filters: WorklistFilters, page: number) => ['contacts', 'worklist', filters, page] as const,
  worklistAll: ['contacts'] as const,
  warnings: ['me', 'warnings'] as const,
};
