import { toHex } from './bytes.js';
import { ExportFormatError } from './errors.js';
import { decodeExportBin } from './export-file.js';
import { verifyExport } from './export-signature.js';
import { readExportZip } from './export-zip.js';
import { DEFAULT_WINDOW_OPTIONS, buildExposureWindows, type WindowOptions } from './exposure-windows.js';
import { matchKeys, type KeyMatch, type MatchOptions } from './matching.js';
import { DEFAULT_RISK_CONFIG, scoreDays, type DayRisk, type RiskConfig } from './risk.js';
import { indexSightings } from './sighting-index.js';
import { REPORT_TYPE, type Sighting, type TemporaryExposureKey } from './types.js';

/** Settings of a device-side exposure check; `nowMs` comes from the caller's clock. */
export interface CheckExposureConfig {
  nowMs: number;
  /** When given, every archive must carry a signature by this key (SPKI PEM or raw point). */
  publicKey?: string | Uint8Array;
  match?: MatchOptions;
  windows?: Partial<WindowOptions>;
  risk?: Partial<RiskConfig>;
}

/** What a check found: per-day risk (newest first) and the raw key matches behind it. */
export interface ExposureCheckResult {
  days: DayRisk[];
  matches: KeyMatch[];
  keysChecked: number;
}

/**
 * Device-side check: reads export archives (zip), optionally verifies them, matches every key against the
 * heard RPIs and scores the resulting windows. Throws ExportFormatError for an unreadable or unsigned archive.
 * Keys revoked (report type 5), directly or by a revised key in any of the files, are left out.
 */
export function checkExposure(
  heard: Iterable<Sighting>,
  exportFiles: readonly Uint8Array[],
  config: CheckExposureConfig,
): ExposureCheckResult {
  const keys: TemporaryExposureKey[] = [];
  const revoked = new Set<string>();
  for (const zip of exportFiles) {
    const { exportBin, exportSig } = readExportZip(zip);
    if (config.publicKey !== undefined && !verifyExport(exportBin, exportSig, config.publicKey)) {
      throw new ExportFormatError('bad_signature', 'export archive is not signed by the configured key');
    }
    const file = decodeExportBin(exportBin);
    keys.push(...file.keys);
    for (const k of [...file.keys, ...file.revisedKeys]) if (k.reportType === REPORT_TYPE.revoked) revoked.add(toHex(k.keyData));
  }
  const live = revoked.size === 0 ? keys : keys.filter((k) => !revoked.has(toHex(k.keyData)));
  const matches = matchKeys(indexSightings(heard), live, config.match);
  const windowOptions = { ...DEFAULT_WINDOW_OPTIONS, ...config.windows };
  const windows = matches.flatMap((m) => buildExposureWindows(m.sightings, m.key.transmissionRiskLevel, windowOptions));
  const days = scoreDays(windows, config.nowMs, { ...DEFAULT_RISK_CONFIG, ...config.risk });
  return { days, matches, keysChecked: live.length };
}
