import { api } from '../../lib/api.js';

// The guides API (/api/v1/guides): public reading, administrators' editing.

export interface Localised {
  vi: string;
  en: string;
}

export interface GuideSummary {
  slug: string;
  title: Localised;
}

export interface Guide {
  slug: string;
  title: Localised;
  body: Localised;
  updatedAt: number | null;
}

const path = (slug: string) => `/api/v1/guides/${encodeURIComponent(slug)}`;

export const guidesApi = {
  list: () => api<{ items: GuideSummary[] }>('GET', '/api/v1/guides'),
  get: (slug: string) => api<Guide>('GET', path(slug)),
  save: (slug: string, body: { title: Localised; body: Localised }) => api<Guide>('PUT', path(slug), body),
};

export const guideKeys = {
  list: ['guides'] as const,
  guide: (slug: string) => ['guides', slug] as const,
};
