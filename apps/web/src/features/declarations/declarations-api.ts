import type { DeclarationKind, MyDeclaration, PersonalQr } from '@phongdich/core';
import { api, getCsrfToken, query } from '../../lib/api.js';
import { postOrQueue, queuedWrites } from '../../lib/offline-queue.js';
import type { Relation } from './family-rules.js';

// Wire shapes of the declaration and family API (server module being built alongside; keep in step).

/** Reason codes the server gives for a flagged declaration. */
export type FlagReason = 'any_symptom' | 'contact_with_case' | 'arrival_from_affected_area' | 'vulnerable_with_symptoms';

/** The answer to POST /declarations. */
export interface SubmittedDeclaration {
  id: string;
  kind: DeclarationKind;
  formVersion: string;
  submittedAt: number;
  flagged: boolean;
  flagReasons: string[];
  subject: { id: string; displayName: string };
  personalQr: PersonalQr;
}

/** A person without their own account whom the citizen declares for. */
export interface FamilyMember {
  id: string;
  displayName: string;
  relation: Relation;
  birthYear: number | null;
}

/** Whether the citizen is asked to declare now. */
export interface DeclarationStatus {
  declarationDue: boolean;
  lastDeclaredAt: number | null;
  monitoring: { until: string; dailyUpdateDue: boolean } | null;
}

export const DECLARATIONS_PATH = '/api/v1/declarations';

export const declarationsApi = {
  mine: () => api<{ items: MyDeclaration[] }>('GET', `${DECLARATIONS_PATH}/mine`),
  sent: (id: string) => api<{ summary: MyDeclaration; declaration: Record<string, unknown> }>('GET', `${DECLARATIONS_PATH}/mine/${encodeURIComponent(id)}`),
  latest: (kind: DeclarationKind, subjectId: string | undefined) =>
    api<{ declaration: Record<string, unknown> | null }>('GET', `${DECLARATIONS_PATH}/mine/latest${query({ kind, subjectId })}`),
  status: () => api<DeclarationStatus>('GET', '/api/v1/me/declaration-status'),
  family: () => api<{ items: FamilyMember[] }>('GET', '/api/v1/family'),
  addMember: (body: { name: string; relation: Relation; birthYear?: number }) => api<FamilyMember>('POST', '/api/v1/family', body),
  removeMember: (id: string) => api<undefined>('DELETE', `/api/v1/family/${encodeURIComponent(id)}`),
  /** Sends now, or keeps the declaration on the phone until the network is back. */
  submit: (clientEventId: string, subjectId: string | undefined, declaration: Record<string, unknown>) =>
    postOrQueue<SubmittedDeclaration>(DECLARATIONS_PATH, clientEventId, { clientEventId, ...(subjectId ? { subjectId } : {}), declaration }, getCsrfToken()),
  /** Declarations saved on this phone and not sent yet. */
  waiting: async () =>
    (await queuedWrites())
      .filter((write) => write.path === DECLARATIONS_PATH)
      .map((write) => ({ id: write.id, createdAt: write.createdAt, formVersion: String((write.body as { declaration?: { formVersion?: unknown } }).declaration?.formVersion ?? '') })),
};

/** Query keys, so pages that change declarations or family refresh the others. */
export const declarationKeys = {
  mine: ['declarations', 'mine'] as const,
  sent: (id: string) => ['declarations', 'sent', id] as const,
  latest: (kind: DeclarationKind, subjectId: string | undefined) => ['declarations', 'latest', kind, subjectId ?? 'self'] as const,
  status: ['declarations', 'status'] as const,
  waiting: ['declarations', 'waiting'] as const,
  family: ['family'] as const,
};
