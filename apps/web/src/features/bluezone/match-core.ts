import {
  REPORT_TYPE,
  decodeExportBin,
  decodeExportSig,
  indexSightings,
  matchKeys,
  readExportZip,
  toHex,
  verifyExport,
  type Sighting,
  type TemporaryExposureKey,
} from '@phongdich/exposure';
import { toStoredMatch, type StoredMatch } from './risk-view.js';

/** A public key apps accept export files from (as the server lists them). */
export interface ExportSigningKey {
  verificationKeyId: string;
  verificationKeyVersion: string;
  publicKey: string;
}

/** What the worker is given: the phone's log and the newly downloaded files. */
export interface MatchRequest {
  sightings: Sighting[];
  files: Array<{ name: string; bytes: Uint8Array }>;
  signingKeys: ExportSigningKey[];
}

export interface FileOutcome {
  name: string;
  ok: boolean;
  keys: number;
  /** Why a file was set aside (not signed by a listed key, unreadable). */
  problem?: 'signature' | 'unreadable';
}

export interface MatchResponse {
  files: FileOutcome[];
  matches: StoredMatch[];
  keysChecked: number;
  ms: number;
}

/** True when a signature of the file verifies with the key its SignatureInfo names (or, failing that, any listed key). */
function signedByListedKey(exportBin: Uint8Array, exportSig: Uint8Array, keys: readonly ExportSigningKey[]): boolean {
  const signatures = decodeExportSig(exportSig);
  return signatures.some((signature) => {
    const info = signature.signatureInfo;
    const named = keys.filter((k) => k.verificationKeyId === info.verificationKeyId && k.verificationKeyVersion === info.verificationKeyVersion);
    return (named.length > 0 ? named : keys).some((k) => verifyExport(exportBin, [signature], k.publicKey));
  });
}

/**
 * Verifies and decodes each downloaded file, then matches every key of the good ones against the heard
 * identifiers (one batch of RPIs per key). A file that does not verify is set aside, never matched.
 * Keys revoked in any file (report type 5) are left out.
 */
export function matchFiles(request: MatchRequest, clock: () => number = () => performance.now()): MatchResponse {
  const started = clock();
  const keys: TemporaryExposureKey[] = [];
  const revoked = new Set<string>();
  const files = request.files.map((file): FileOutcome => {
    try {
      const { exportBin, exportSig } = readExportZip(file.bytes);
      if (!signedByListedKey(exportBin, exportSig, request.signingKeys)) return { name: file.name, ok: false, keys: 0, problem: 'signature' };
      const data = decodeExportBin(exportBin);
      keys.push(...data.keys);
      for (const k of [...data.keys, ...data.revisedKeys]) if (k.reportType === REPORT_TYPE.revoked) revoked.add(toHex(k.keyData));
      return { name: file.name, ok: true, keys: data.keys.length };
    } catch {
      return { name: file.name, ok: false, keys: 0, problem: 'unreadable' };
    }
  });
  const live = revoked.size === 0 ? keys : keys.filter((k) => !revoked.has(toHex(k.keyData)));
  const matches = live.length > 0 && request.sightings.length > 0 ? matchKeys(indexSightings(request.sightings), live).map(toStoredMatch) : [];
  return { files, matches, keysChecked: live.length, ms: clock() - started };
}
