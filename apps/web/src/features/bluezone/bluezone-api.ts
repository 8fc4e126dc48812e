import type {
  Case,
  ExposureCodeInput,
  ExposureCodeIssued,
  ExposureCodeListItem,
  ExposureExportInfo,
  ExposureShare,
  ExposureVerifyResponse,
} from '@phongdich/core';
import { toBase64, type TemporaryExposureKey } from '@phongdich/exposure';
import { api, query } from '../../lib/api.js';

/** Random text so a request's size does not tell what it carries (EN apps pad theirs too). */
function padding(targetLength: number, body: unknown): string {
  const length = Math.max(16, targetLength - JSON.stringify(body).length);
  return toBase64(crypto.getRandomValues(new Uint8Array(Math.ceil((length * 3) / 4)))).slice(0, length);
}

function withPadding<T extends object>(body: T, size: number): T & { padding: string } {
  return { ...body, padding: padding(size, body) };
}

export function wireKeys(keys: readonly TemporaryExposureKey[]) {
  return keys.map((k) => ({ key: toBase64(k.keyData), rollingStartNumber: k.rollingStartIntervalNumber, rollingPeriod: k.rollingPeriod, transmissionRisk: k.transmissionRiskLevel }));
}

export const bluezoneApi = {
  exports: () => api<ExposureExportInfo>('GET', '/api/v1/exposure/exports'),
  verify: (code: string) => api<ExposureVerifyResponse>('POST', '/api/v1/exposure/verify', withPadding({ code }, 256)),
  certificate: (token: string, ekeyhmac: string) => api<{ certificate: string; expiresAt: number }>('POST', '/api/v1/exposure/certificate', withPadding({ token, ekeyhmac }, 512)),
  publish: (keys: readonly TemporaryExposureKey[], hmacKey: Uint8Array, certificate: string) =>
    api<{ insertedExposures: number; embargoedUntil: number | null }>('POST', '/api/v1/exposure/publish', withPadding({ temporaryExposureKeys: wireKeys(keys), hmacKey: toBase64(hmacKey), verificationPayload: certificate }, 4096)),
  share: (share: ExposureShare) => api<{ shared: number; linkedToCase: boolean }>('POST', '/api/v1/exposure/shares', share),
  issueCode: (input: ExposureCodeInput) => api<ExposureCodeIssued>('POST', '/api/v1/exposure/codes', input),
  codes: () => api<{ items: ExposureCodeListItem[] }>('GET', '/api/v1/exposure/codes'),
  unlinkedShares: () => api<{ items: Array<{ id: string; displayName: string; phone: string | null; exposureDate: string; weightedMinutes: number; level: string; createdAt: number }> }>('GET', '/api/v1/exposure/shares'),
  runExport: () => api<{ files: string[]; keys: number; padded: number }>('POST', '/api/v1/exposure/exports/run'),
  findCase: (code: string) => api<{ items: Case[] }>('GET', `/api/v1/cases${query({ q: code, limit: 1 })}`),
};

/** Sends one decoy request; failures do not matter, nothing depends on the answer. */
async function decoy(path: string, body: object, size: number): Promise<void> {
  await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-chaff': '1' }, body: JSON.stringify(withPadding(body, size)) }).catch(() => undefined);
}

/**
 * A decoy of the whole upload (`X-Chaff: 1`): code, certificate and keys, in the same order and padded to the
 * same sizes as the real requests, sent after exposure checks so that a real upload cannot be picked out on
 * the network by its sequence or sizes. The server answers like the real endpoints and stores nothing.
 */
export async function sendDecoy(): Promise<void> {
  await decoy('/api/v1/exposure/verify', { code: '' }, 256);
  await decoy('/api/v1/exposure/certificate', { token: '', ekeyhmac: '' }, 512);
  await decoy('/api/v1/exposure/publish', { temporaryExposureKeys: [], hmacKey: '', verificationPayload: '' }, 4096);
}
