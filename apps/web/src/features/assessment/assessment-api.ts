import type { z } from 'zod';
import type { assessmentSchema, PlaceDetail, SafetyCriterion, SafetyLevel } from '@phongdich/core';
import { api } from '../../lib/api.js';

// The safety self-assessment API (/api/v1/places/:id/assessment…) as typed calls and query keys.

export type Assessment = z.infer<typeof assessmentSchema>;

/** The criteria set as the server sends it (the place types it applies to are not needed here). */
export interface CriteriaSet {
  id: string;
  title: { vi: string; en: string };
  criteria: readonly SafetyCriterion[];
}

export interface AssessmentState {
  criteriaSet: CriteriaSet;
  latest: Assessment | null;
  history: Assessment[];
}

const path = (placeId: string) => `/api/v1/places/${encodeURIComponent(placeId)}`;

export const assessmentApi = {
  place: (placeId: string) => api<PlaceDetail>('GET', path(placeId)),
  state: (placeId: string) => api<AssessmentState>('GET', `${path(placeId)}/assessment`),
  submit: (placeId: string, body: { criteriaSet: string; answers: Record<string, boolean> }) => api<Assessment>('POST', `${path(placeId)}/assessments`, body),
  override: (placeId: string, body: { level: SafetyLevel; reason: string }) => api<Assessment>('POST', `${path(placeId)}/assessments/override`, body),
};

export const assessmentKeys = {
  // Shared with the place page, which reads the same record.
  place: (placeId: string) => ['place', placeId] as const,
  state: (placeId: string) => ['place', placeId, 'assessment'] as const,
};
