import crypto from 'node:crypto';
import { toBase64, verificationHmac } from '@phongdich/exposure';
import { phoneKeys, wireKeys } from '../modules/exposure/exposure.testing.js';
import { domesticDeclaration } from './declarations.js';

/**
 * The writes the crash and scale-out tests send to real server processes, and the check of what
 * the database holds afterwards. Each write carries its idempotency key (a clientEventId, or for
 * Bluetooth keys the certificate), so sending it again must answer the same and store nothing new.
 */

export type WriteKind = 'scan' | 'declaration' | 'keys';

export interface Write {
  kind: WriteKind;
  path: string;
  /** The exact JSON sent every time: a resend is byte for byte the same request. */
  body: string;
  /** clientEventId, or the certificate's jti for a key upload. */
  key: string;
  /** The Bluetooth keys of an upload (base64), to find them in the database. */
  keys?: string[];
}

/** A write and what the server answered it with (the record's id, or the upload's answer). */
export interface Acknowledged extends Write {
  answer: string;
}

export function declarationWrite(n: number): Write {
  const key = crypto.randomUUID();
  return { kind: 'declaration', path: '/api/v1/declarations', body: JSON.stringify({ clientEventId: key, declaration: domesticDeclaration({ fullName: `Hành khách ${n}`, idNumber: `006190${String(n).padStart(6, '0')}`, phone: `0912${String(n % 1_000_000).padStart(6, '0')}` }) }), key };
}

/** A staff member checks in a visitor without a phone, by name: every such scan is a new visit. */
export function scanWrite(placeId: string, n: number): Write {
  const key = crypto.randomUUID();
  return { kind: 'scan', path: '/api/v1/scans/staff', body: JSON.stringify({ placeId, clientEventId: key, scannedAt: Date.now(), name: `Hành khách ${n}` }), key };
}

export const PLACE = {
  name: 'Bến xe Bắc Kạn',
  type: 'station_port',
  sector: 'transport',
  communeCode: '01843',
  streetAddress: 'Đường Hùng Vương',
  contactName: 'Ban quản lý',
  contactPhone: '0912000999',
};

type Post = (path: string, body: unknown, headers?: Record<string, string>) => Promise<Response>;

async function expectJson<T>(response: Response, step: string): Promise<T> {
  if (!response.ok) throw new Error(`${step}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The phone's side of a Bluetooth key upload up to the publish request: a health official issues a
 * code, the phone turns it into a token, then into a certificate carrying the HMAC of its keys.
 */
export async function keyUploadWrite(post: Post, officialHeaders: Record<string, string>): Promise<Write> {
  const issued = await expectJson<{ shortCode: string }>(await post('/api/v1/exposure/codes', { testType: 'confirmed' }, officialHeaders), 'code');
  const { token } = await expectJson<{ token: string }>(await post('/api/v1/exposure/verify', { code: issued.shortCode }), 'verify');
  const keys = phoneKeys(Date.now(), [0, 1, 2, 3, 4]);
  const hmacKey = new Uint8Array(crypto.randomBytes(32));
  const { certificate } = await expectJson<{ certificate: string }>(await post('/api/v1/exposure/certificate', { token, ekeyhmac: verificationHmac(hmacKey, keys) }), 'certificate');
  const jti = (JSON.parse(Buffer.from(certificate.split('.')[1] ?? '', 'base64url').toString('utf8')) as { jti: string }).jti;
  const body = JSON.stringify({ temporaryExposureKeys: wireKeys(keys), hmacKey: toBase64(hmacKey), verificationPayload: certificate });
  return { kind: 'keys', path: '/api/v1/exposure/publish', body, key: jti, keys: keys.map((k) => toBase64(k.keyData)) };
}

/** What identifies the stored record in an answer: the visit, the declaration, or the upload's whole answer. */
export function answerOf(write: Write, json: unknown): string {
  const answer = json as { visitId?: string; id?: string; insertedExposures?: number; embargoedUntil?: number | null };
  if (write.kind === 'scan') return String(answer.visitId);
  if (write.kind === 'declaration') return String(answer.id);
  return JSON.stringify({ insertedExposures: answer.insertedExposures, embargoedUntil: answer.embargoedUntil });
}

/** Runs a query on the database the servers wrote (SQLite file or PostgreSQL schema). */
export type Query = <Row>(text: string) => Promise<Row[]>;

export interface WriteAudit {
  stored: Record<WriteKind, number>;
  /** Acknowledged writes missing from the database (or stored differently from what was answered). */
  lost: Acknowledged[];
  /** Records beyond one per idempotency key. */
  duplicated: number;
}

/**
 * Reads back every acknowledged write. Scans: the receipt of its clientEventId names the visit that
 * was answered, and no visit exists without a receipt (a second visit for one scan would). Declarations:
 * the answered id exists and no clientEventId appears twice. Key uploads: the certificate's upload is
 * recorded once with as many inserted keys as it carried, each key is stored, and no key is stored
 * that no upload accounts for.
 */
export async function auditWrites(query: Query, acknowledged: readonly Acknowledged[]): Promise<WriteAudit> {
  const visits = await query<{ id: string }>('select id from visits');
  const receipts = await query<{ client_event_id: string; visit_id: string }>('select client_event_id, visit_id from scan_receipts');
  const declarations = await query<{ id: string; client_event_id: string }>('select id, client_event_id from declarations');
  const publishes = await query<{ jti: string; inserted: number }>('select jti, inserted from exposure_publishes');
  const keys = await query<{ key_data: string }>('select key_data from exposure_keys');

  const visitIds = new Set(visits.map((v) => v.id));
  const receiptOf = new Map(receipts.map((r) => [r.client_event_id, r.visit_id]));
  const eventOfDeclaration = new Map(declarations.map((d) => [d.id, d.client_event_id]));
  const insertedBy = new Map(publishes.map((p) => [p.jti, Number(p.inserted)]));
  const keySet = new Set(keys.map((k) => k.key_data));

  const lost = acknowledged.filter((w) => {
    if (w.kind === 'scan') return !visitIds.has(w.answer) || receiptOf.get(w.key) !== w.answer;
    if (w.kind === 'declaration') return eventOfDeclaration.get(w.answer) !== w.key;
    const uploaded = w.keys ?? [];
    return insertedBy.get(w.key) !== uploaded.length || uploaded.some((k) => !keySet.has(k)) || JSON.parse(w.answer).insertedExposures !== uploaded.length;
  });
  const visitsWithReceipt = new Set(receipts.map((r) => r.visit_id).filter((id) => visitIds.has(id)));
  const insertedTotal = [...insertedBy.values()].reduce((sum, n) => sum + n, 0);
  const duplicated =
    visits.length - visitsWithReceipt.size + (declarations.length - new Set(declarations.map((d) => d.client_event_id)).size) + Math.max(0, keys.length - insertedTotal);
  return { stored: { scan: visits.length, declaration: declarations.length, keys: publishes.length }, lost, duplicated };
}
