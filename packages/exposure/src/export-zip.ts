import { unzipSync, zipSync } from 'fflate';
import { ExportFormatError } from './errors.js';
import { ECDSA_P256_SHA256_OID, encodeExportBin, encodeExportSig, type ExposureKeyExport, type SignatureInfo } from './export-file.js';
import { signExport } from './export-signature.js';
import { prefix32 } from './bytes.js';
import { GAEN_KEY_LENGTH } from './gaen.js';
import type { TemporaryExposureKey } from './types.js';

// A fixed zip timestamp keeps archives byte-for-byte reproducible and hides when the server built them.
const ZIP_MTIME = new Date(Date.UTC(1980, 0, 2));

/** The two files of an export archive. */
export interface ExportArchive {
  exportBin: Uint8Array;
  exportSig: Uint8Array;
}

/** Zips export.bin and export.sig, the archive phones download. */
export function buildExportZip({ exportBin, exportSig }: ExportArchive): Uint8Array {
  return zipSync({ 'export.bin': exportBin, 'export.sig': exportSig }, { mtime: ZIP_MTIME });
}

/** Reads export.bin and export.sig back from an archive; throws ExportFormatError if either is missing. */
export function readExportZip(zip: Uint8Array): ExportArchive {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (f) => f.name === 'export.bin' || f.name === 'export.sig' });
  } catch (cause) {
    throw new ExportFormatError('bad_zip', 'not a readable zip archive', { cause });
  }
  const exportBin = files['export.bin'];
  const exportSig = files['export.sig'];
  if (!exportBin || !exportSig) throw new ExportFormatError('missing_entry', 'archive must hold export.bin and export.sig');
  return { exportBin, exportSig };
}

/** Encodes, signs and zips a batch in one step. */
export function createExportZip(data: ExposureKeyExport, signer: { secretKey: Uint8Array; info: SignatureInfo }): Uint8Array {
  // The same SignatureInfo goes into export.bin and export.sig so apps can pair file and key.
  const info = { signatureAlgorithm: ECDSA_P256_SHA256_OID, ...signer.info };
  const exportBin = encodeExportBin({ ...data, signatureInfos: [info] });
  const exportSig = encodeExportSig([signExport(exportBin, signer.secretKey, info)]);
  return buildExportZip({ exportBin, exportSig });
}

/**
 * Pads a batch to `minCount` keys with random key data, so the size of a small batch reveals nothing
 * (EN export spec: padding). Each pad copies the interval fields of a randomly chosen real key, or of
 * `template` when the batch is empty, so pads are indistinguishable from real keys.
 */
export function padKeys(
  keys: readonly TemporaryExposureKey[],
  minCount: number,
  random: (n: number) => Uint8Array,
  template?: Omit<TemporaryExposureKey, 'keyData'>,
): TemporaryExposureKey[] {
  const out = [...keys];
  if (out.length >= minCount) return out;
  while (out.length < minCount) {
    const model = keys.length > 0 ? keys[prefix32(random(4)) % keys.length] : template;
    const keyData = random(GAEN_KEY_LENGTH);
    if (!model) throw new RangeError('padding an empty batch needs a template key');
    if (keyData.length !== GAEN_KEY_LENGTH) throw new RangeError(`random(${GAEN_KEY_LENGTH}) returned ${keyData.length} bytes`);
    out.push({ ...model, keyData });
  }
  return out;
}

/** Archive path in the reference server's layout: `<prefix>/<start>-<end>-<batch:5>.zip`. */
export function exportFileName(prefix: string, startTimestamp: number, endTimestamp: number, batchNum: number): string {
  return `${prefix}/${startTimestamp}-${endTimestamp}-${String(batchNum).padStart(5, '0')}.zip`;
}

/** index.txt: one archive path per line, oldest batch first (then by batch number via the path). */
export function buildIndexTxt(files: readonly { path: string; startTimestamp: number }[]): string {
  const sorted = [...files].sort((a, b) => a.startTimestamp - b.startTimestamp || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.map((f) => f.path).join('\n') + (sorted.length > 0 ? '\n' : '');
}
