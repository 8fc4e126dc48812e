import type { ImportReport, PlaceDetail, PlaceSummary, Point } from '@phongdich/core';
import { api, ApiError } from '../../lib/api.js';
import { currentLanguage } from '../../lib/i18n/index.js';

export type MyPlace = PlaceSummary & { myRole: 'owner' | 'staff' };

export interface Member {
  userId: string;
  role: 'owner' | 'staff';
  displayName: string;
  phoneMasked: string | null;
  addedAt: number;
}

export const placesApi = {
  mine: () => api<{ items: MyPlace[] }>('GET', '/api/v1/places/mine'),
  get: (id: string) => api<PlaceDetail>('GET', `/api/v1/places/${id}`),
  register: (body: unknown) => api<PlaceDetail>('POST', '/api/v1/places', body),
  update: (id: string, body: unknown) => api<PlaceDetail>('PATCH', `/api/v1/places/${id}`, body),
  setStatus: (id: string, status: string, reason?: string) => api<PlaceDetail>('POST', `/api/v1/places/${id}/status`, reason ? { status, reason } : { status }),
  addPoint: (placeId: string, label: string) => api<Point>('POST', `/api/v1/places/${placeId}/points`, { label }),
  renamePoint: (pointId: string, label: string) => api<Point>('PATCH', `/api/v1/points/${pointId}`, { label }),
  revokePoint: (pointId: string) => api<Point>('POST', `/api/v1/points/${pointId}/revoke`),
  reissuePoint: (pointId: string) => api<Point>('POST', `/api/v1/points/${pointId}/reissue`),
  members: (placeId: string) => api<{ items: Member[] }>('GET', `/api/v1/places/${placeId}/members`),
  addMember: (placeId: string, body: unknown) => api<{ items: Member[] }>('POST', `/api/v1/places/${placeId}/members`, body),
  removeMember: (placeId: string, userId: string) => api<{ items: Member[] }>('DELETE', `/api/v1/places/${placeId}/members/${userId}`),
};

/** Uploads a spreadsheet as the raw request body (the API takes XLSX or CSV as is). */
export async function uploadImport(file: File, kind: 'places' | 'targets', dryRun: boolean, csrf: string): Promise<ImportReport> {
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  const response = await fetch(`/api/v1/places/import?kind=${kind}&dryRun=${dryRun}`, {
    method: 'POST',
    headers: {
      'content-type': isCsv ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'x-csrf-token': csrf,
      'accept-language': currentLanguage(),
    },
    body: file,
  });
  const data = (await response.json()) as ImportReport & { error?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, data.error ?? 'internal_error', data.message ?? '');
  return data;
}
