import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ROLLING_PERIOD, intervalNumberFromMs, toBase64, verificationHmac, type TemporaryExposureKey } from '@phongdich/exposure';
import type { SignedIn } from '../../testing/test-context.js';

/** Test helpers playing the phone's side of the verification protocol. */

/** One random key per day, `daysAgo` 0 being today (still valid), as a phone keeps them. */
export function phoneKeys(nowMs: number, daysAgo: readonly number[], risk = 5): TemporaryExposureKey[] {
  const today = Math.floor(intervalNumberFromMs(nowMs) / ROLLING_PERIOD) * ROLLING_PERIOD;
  return daysAgo.map((d) => ({ keyData: new Uint8Array(crypto.randomBytes(16)), rollingStartIntervalNumber: today - d * ROLLING_PERIOD, rollingPeriod: ROLLING_PERIOD, transmissionRiskLevel: risk }));
}

export function wireKeys(keys: readonly TemporaryExposureKey[]) {
  return keys.map((k) => ({ key: toBase64(k.keyData), rollingStartNumber: k.rollingStartIntervalNumber, rollingPeriod: k.rollingPeriod, transmissionRisk: k.transmissionRiskLevel }));
}

export async function issueCode(app: FastifyInstance, official: SignedIn, body: Record<string, unknown>): Promise<{ shortCode: string; longCode: string; id: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/exposure/codes', headers: official.headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`code: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Code → token → certificate for these keys; returns what the publish request needs. */
export async function certify(app: FastifyInstance, code: string, keys: readonly TemporaryExposureKey[]) {
  const verified = await app.inject({ method: 'POST', url: '/api/v1/exposure/verify', payload: { code } });
  if (verified.statusCode !== 200) throw new Error(`verify: ${verified.statusCode} ${verified.body}`);
  const hmacKey = new Uint8Array(crypto.randomBytes(32));
  const certificate = await app.inject({ method: 'POST', url: '/api/v1/exposure/certificate', payload: { token: verified.json().token, ekeyhmac: verificationHmac(hmacKey, keys) } });
  if (certificate.statusCode !== 200) throw new Error(`certificate: ${certificate.statusCode} ${certificate.body}`);
  return { hmacKey: toBase64(hmacKey), verificationPayload: certificate.json().certificate as string, verified: verified.json() };
}

export function publish(app: FastifyInstance, keys: readonly TemporaryExposureKey[], proof: { hmacKey: string; verificationPayload: string }) {
  return app.inject({ method: 'POST', url: '/api/v1/exposure/publish', payload: { temporaryExposureKeys: wireKeys(keys), hmacKey: proof.hmacKey, verificationPayload: proof.verificationPayload } });
}
