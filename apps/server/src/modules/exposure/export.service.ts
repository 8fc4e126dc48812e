import fs from 'node:fs';
import path from 'node:path';
import { ECDSA_P256_SHA256_OID, buildIndexTxt, createExportZip, exportFileName, fromBase64, padKeys, type ReportType, type TemporaryExposureKey } from '@phongdich/exposure';
import type { ExposureExportInfo } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { releaseLease, tryLease } from '../../jobs/lease.js';
import { FILE_MAX_KEYS, batchWindow, exportDue, keyRetentionInterval, splitIntoFiles } from './exposure.rules.js';
import { allBatches, assignBatch, batchFile, insertBatches, lastBatch, pendingKeys, purge, type BatchRow, type KeyRow } from './exposure.repository.js';
import { activeSigningKey, publicKeys } from './signing-keys.js';

const DAY_MS = 86_400_000;
const LEASE = 'exposure.batch';
const LEASE_MS = 10 * 60_000;
/** Keys taken by one export run; more wait for the next (an hour of 100,000 cases a day is ~60,000). */
const MAX_KEYS_PER_RUN = 1_000_000;

/** Where batch files and index.txt live: DATA_DIR/exposure/<REGION>/, served at /exposure/<REGION>/. */
export function exportRoot(ctx: Context): string {
  return path.join(ctx.config.dataDir, 'exposure');
}

export function indexPath(ctx: Context): string {
  return `${ctx.config.exposureRegion}/index.txt`;
}

/** Writes a file so readers see the old or the new content, never half of it. */
function writeAtomically(file: string, data: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

function toKey(row: KeyRow): TemporaryExposureKey {
  return {
    keyData: fromBase64(row.key_data),
    transmissionRiskLevel: row.transmission_risk,
    rollingStartIntervalNumber: row.rolling_start,
    rollingPeriod: row.rolling_period,
    reportType: row.report_type as ReportType,
    ...(row.days_since_onset === null ? {} : { daysSinceOnsetOfSymptoms: row.days_since_onset }),
  };
}

export interface ExportRun {
  files: string[];
  keys: number;
  padded: number;
}

async function exportPending(ctx: Context): Promise<ExportRun> {
  const now = ctx.clock.now();
  const rows = await pendingKeys(ctx.db, now, MAX_KEYS_PER_RUN);
  if (rows.length === 0) return { files: [], keys: 0, padded: 0 };
  const signer = await activeSigningKey(ctx, 'export');
  const region = ctx.config.exposureRegion;
  const { start, end } = batchWindow((await lastBatch(ctx.db))?.end_timestamp ?? null, Math.min(...rows.map((r) => r.uploaded_at)), now);
  // A small batch is padded with random keys shaped like its real ones, so its size says nothing (EN export spec).
  const keys = padKeys(rows.map(toKey), ctx.config.exposureMinBatchKeys, (n) => ctx.rng.bytes(n));
  const files = splitIntoFiles(keys, FILE_MAX_KEYS);
  const info = { verificationKeyId: region, verificationKeyVersion: `v${signer.version}`, signatureAlgorithm: ECDSA_P256_SHA256_OID };
  const batches: BatchRow[] = files.map((fileKeys, i) => {
    const relative = exportFileName(region, start, end, i + 1);
    const zip = createExportZip({ startTimestamp: start, endTimestamp: end, region, batchNum: i + 1, batchSize: files.length, signatureInfos: [], keys: fileKeys, revisedKeys: [] }, { secretKey: signer.secretKey, info });
    writeAtomically(path.join(exportRoot(ctx), relative), zip);
    return { id: newId(ctx), path: relative, start_timestamp: start, end_timestamp: end, batch_num: i + 1, batch_size: files.length, real_keys: 0, total_keys: fileKeys.length, signing_key_id: signer.id, created_at: now, file_base64: Buffer.from(zip).toString('base64') };
  });
  (batches[0] as BatchRow).real_keys = rows.length;
  // Files first, rows after: a crash in between leaves an unlisted file and the keys pending for the next run.
  await ctx.db.transaction().execute(async (trx) => {
    await insertBatches(trx, batches);
    await assignBatch(trx, ctx.dialect, rows.map((r) => r.key_data), (batches[0] as BatchRow).id);
  });
  ctx.logger.info({ files: batches.length, keys: rows.length, padded: keys.length - rows.length }, 'exposure keys exported');
  return { files: batches.map((b) => b.path), keys: rows.length, padded: keys.length - rows.length };
}

/**
 * Exports every key whose embargo is over into a new signed batch (one file per 17,000 keys) and rewrites
 * index.txt. Runs under a lease, so two servers or an operator and the schedule never export the same keys.
 */
export async function runExport(ctx: Context): Promise<ExportRun> {
  const holder = newId(ctx);
  if (!(await tryLease(ctx, LEASE, holder, LEASE_MS))) throw new AppError('exposure_export_busy');
  try {
    return await exportPending(ctx);
  } finally {
    await releaseLease(ctx, LEASE, holder);
  }
}

/** The scheduled job: an export every EXPOSURE_EXPORT_MINUTES. */
export async function exportIfDue(ctx: Context): Promise<ExportRun | null> {
  if (!exportDue((await lastBatch(ctx.db))?.created_at ?? null, ctx.config.exposureExportMs, ctx.clock.now())) return null;
  try {
    return await runExport(ctx);
  } catch (error) {
    if (error instanceof AppError && error.code === 'exposure_export_busy') return null;
    throw error;
  }
}

/** What apps need to download and verify: where index.txt is, and every public key still in use. */
export async function exportInfo(ctx: Context): Promise<ExposureExportInfo> {
  const keys = await publicKeys(ctx, 'export');
  return {
    region: ctx.config.exposureRegion,
    index: `/exposure/${indexPath(ctx)}`,
    filesBase: '/exposure/',
    signingKeys: keys.map((k) => ({
      verificationKeyId: ctx.config.exposureRegion,
      verificationKeyVersion: `v${k.version}`,
      algorithm: ECDSA_P256_SHA256_OID,
      publicKey: k.public_key_pem,
      createdAt: k.created_at,
      retiredAt: k.retired_at,
    })),
    lastExportAt: (await lastBatch(ctx.db))?.created_at ?? null,
  };
}

const FILE_NAME = /^(index\.txt|\d{1,12}-\d{1,12}-\d{5}\.zip)$/;

/**
 * The bytes of a published file, or null (unknown names never reach the file system). index.txt is made
 * from the database and a batch missing from this process's directory (written by another process, or a
 * directory lost) is taken from the database and written back, so any process of a cluster serves both.
 */
export async function readExportFile(ctx: Context, region: string, file: string): Promise<Buffer | null> {
  if (region !== ctx.config.exposureRegion || !FILE_NAME.test(file)) return null;
  if (file === 'index.txt') {
    const batches = await allBatches(ctx.db);
    return Buffer.from(buildIndexTxt(batches.map((b) => ({ path: b.path, startTimestamp: b.start_timestamp }))));
  }
  const local = path.join(exportRoot(ctx), region, file);
  try {
    return fs.readFileSync(local);
  } catch {
    const stored = await batchFile(ctx.db, `${region}/${file}`);
    if (stored === null) return null;
    const data = Buffer.from(stored, 'base64');
    writeAtomically(local, data);
    return data;
  }
}

/**
 * Retention: keys whose day ended more than EXPOSURE_KEY_RETENTION_DAYS ago, their batch files, spent codes,
 * tokens and shared matches; retired signing keys once nothing they signed is left.
 */
export async function purgeExposure(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const days = ctx.config.exposureKeyRetentionDays;
  const removed = await purge(ctx.db, {
    now,
    keysBeforeInterval: keyRetentionInterval(now, days),
    before: now - days * DAY_MS,
    exportKeysBefore: now - (days + 1) * DAY_MS,
    certificateKeysBefore: now - DAY_MS,
  });
  for (const batch of removed) fs.rmSync(path.join(exportRoot(ctx), batch.path), { force: true });
  return removed.length;
}
