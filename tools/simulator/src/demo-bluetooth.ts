import crypto from 'node:crypto';
import { localDateOf } from '@phongdich/core';
import {
  ROLLING_PERIOD,
  buildExposureWindows,
  indexSightings,
  intervalNumberFromMs,
  matchKeys,
  scoreDays,
  toBase64,
  toHex,
  verificationHmac,
  deriveRpik,
  deriveRpis,
  type TemporaryExposureKey,
} from '@phongdich/exposure';
import type { Actor } from '../../../apps/server/src/actor.js';
import type { Context } from '../../../apps/server/src/context.js';
import { runExport } from '../../../apps/server/src/modules/exposure/export.service.js';
import { publishKeys } from '../../../apps/server/src/modules/exposure/publish.service.js';
import { issueCertificate, issueCode, verifyCode } from '../../../apps/server/src/modules/exposure/verification.service.js';
import { simulateBluetooth, type BluetoothPhone } from './bluetooth.js';
import type { Simulation } from './model.js';
import { Prng } from './prng.js';

const DAY_MS = 86_400_000;
/** Share of smartphone owners with Bluezone on (about what Vietnam reached in 2020). */
const ADOPTION = 0.25;
/**
 * At most this many phones besides the cases': every phone keeps each sighting (about 600 a phone over three
 * weeks at this density), and the demo must stay within a laptop's memory at any province size.
 */
const MAX_PHONES = 1_500;

export interface BluetoothDemo {
  phones: number;
  uploads: number;
  keys: number;
  files: number;
  warned: number;
  highRisk: number;
}

/** The keys a phone would offer for upload: from the first infectious day, no older than 14 days, none in the future. */
function keysToUpload(phone: BluetoothPhone, keysFrom: string, nowMs: number): TemporaryExposureKey[] {
  const now = intervalNumberFromMs(nowMs);
  const first = Math.max(Math.floor(Date.parse(`${keysFrom}T00:00:00Z`) / 600_000), now - 14 * ROLLING_PERIOD);
  return phone.keys.filter((k) => k.rollingStartIntervalNumber + k.rollingPeriod > first && k.rollingStartIntervalNumber <= now).slice(-30);
}

/**
 * Bluetooth in the demo: a quarter of smartphone owners (at most MAX_PHONES) and the registered cases run
 * Bluezone over the simulated weeks; each case gets a code from the health department and uploads its keys
 * through the same services the app uses; one export is published; and the other phones' checks are counted.
 */
export async function bluetoothDemo(ctx: Context, sim: Simulation, health: Actor, caseByPerson: ReadonlyMap<number, string>, seed: number): Promise<BluetoothDemo> {
  const random = new Prng(seed);
  let owners = 0;
  for (let p = 0; p < sim.people.count; p++) owners += sim.people.smartphone[p] ?? 0;
  const share = Math.min(ADOPTION, MAX_PHONES / Math.max(owners, 1));
  // Registered cases with a smartphone all run the app, so the demo always has uploads to show.
  const people = [...caseByPerson.keys()].filter((p) => sim.people.smartphone[p] === 1);
  for (let p = 0; p < sim.people.count; p++) if (sim.people.smartphone[p] === 1 && !caseByPerson.has(p) && random.next() < share) people.push(p);
  const phones = simulateBluetooth(sim, { people, seed });
  const now = ctx.clock.now();
  const published: TemporaryExposureKey[] = [];
  let uploads = 0;
  for (const [person, caseId] of caseByPerson) {
    const phone = phones.get(person);
    const detectedAt = sim.course.detectedAt[person] ?? Number.NaN;
    if (!phone || Number.isNaN(detectedAt)) continue;
    const code = await issueCode(ctx, health, { caseId, testType: 'confirmed', testDate: localDateOf(detectedAt) });
    const verified = await verifyCode(ctx, code.shortCode);
    const keys = keysToUpload(phone, verified.keysFrom, now);
    if (keys.length === 0) continue;
    const hmacKey = new Uint8Array(crypto.randomBytes(32));
    const { certificate } = await issueCertificate(ctx, verified.token, verificationHmac(hmacKey, keys));
    const temporaryExposureKeys = keys.map((k) => ({ key: toBase64(k.keyData), rollingStartNumber: k.rollingStartIntervalNumber, rollingPeriod: k.rollingPeriod, transmissionRisk: k.transmissionRiskLevel }));
    await publishKeys(ctx, { temporaryExposureKeys, hmacKey: toBase64(hmacKey), verificationPayload: certificate });
    published.push(...keys);
    uploads++;
  }
  const exported = published.length > 0 ? await runExport(ctx) : { files: [] as string[] };

  // Only phones that heard an uploaded key run the full check: the others' answer is "nothing" anyway.
  const uploadedRpis = new Set<string>();
  for (const key of published) {
    const rpis = deriveRpis(deriveRpik(key.keyData), key.rollingStartIntervalNumber, key.rollingPeriod);
    for (let j = 0; j < key.rollingPeriod; j++) uploadedRpis.add(toHex(rpis.subarray(j * 16, j * 16 + 16)));
  }
  let warned = 0;
  let highRisk = 0;
  for (const phone of phones.values()) {
    if (caseByPerson.has(phone.person) || !phone.heard.some((s) => uploadedRpis.has(toHex(s.id)))) continue;
    const recent = phone.heard.filter((s) => s.seenAt >= now - 14 * DAY_MS);
    const windows = matchKeys(indexSightings(recent), published).flatMap((m) => buildExposureWindows(m.sightings, m.key.transmissionRiskLevel));
    const days = scoreDays(windows, now);
    if (days.some((d) => d.level !== 'none')) warned++;
    if (days.some((d) => d.level === 'high')) highRisk++;
  }
  return { phones: phones.size, uploads, keys: published.length, files: exported.files.length, warned, highRisk };
}
