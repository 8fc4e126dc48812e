/// <reference types="node" />
// node:crypto is the tests' independent source of randomness; the package takes randomness as a function.
import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { ExportFormatError } from './errors.js';
import { decodeExportBin, decodeExportSig, encodeExportBin, encodeExportSig, type ExposureKeyExport } from './export-file.js';
import { generateSigningKey, publicKeyToPem, signExport, verifyExport } from './export-signature.js';
import { buildExportZip, buildIndexTxt, createExportZip, exportFileName, padKeys, readExportZip } from './export-zip.js';
import type { TemporaryExposureKey } from './types.js';

const random = (n: number) => new Uint8Array(randomBytes(n));

function key(hex: string, rollingStartIntervalNumber: number, extra: Partial<TemporaryExposureKey> = {}): TemporaryExposureKey {
  return { keyData: Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16)), transmissionRiskLevel: 4, rollingStartIntervalNumber, rollingPeriod: 144, ...extra };
}

const BATCH: ExposureKeyExport = {
  startTimestamp: 1626307200,
  endTimestamp: 1626310800,
  region: 'VN',
  batchNum: 1,
  batchSize: 1,
  signatureInfos: [],
  keys: [
    key('ffeeddccbbaa99887766554433221100', 2709504, { reportType: 1, daysSinceOnsetOfSymptoms: -2 }),
    key('00112233445566778899aabbccddeeff', 2709360, { rollingPeriod: 100 }),
  ],
  revisedKeys: [],
};
const INFO = { verificationKeyVersion: 'v1', verificationKeyId: '452', signatureAlgorithm: '1.2.840.10045.4.3.2' };

describe('export round trip with a fresh key', () => {
  it('encode → sign → zip → unzip → decode → verify', () => {
    const signer = generateSigningKey(random);
    const zip = createExportZip(BATCH, { secretKey: signer.secretKey, info: INFO });
    const { exportBin, exportSig } = readExportZip(zip);
    expect(verifyExport(exportBin, exportSig, publicKeyToPem(signer.publicKey))).toBe(true);
    const decoded = decodeExportBin(exportBin);
    expect(decoded.signatureInfos).toEqual([INFO]);
    expect(decoded.keys.map((k) => toHex(k.keyData))).toEqual(['00112233445566778899aabbccddeeff', 'ffeeddccbbaa99887766554433221100']);
    expect(decoded.keys[1]).toMatchObject({ reportType: 1, daysSinceOnsetOfSymptoms: -2, rollingStartIntervalNumber: 2709504 });
    expect(decoded.keys[0]).toMatchObject({ rollingPeriod: 100 });
    expect(decoded.keys[0]?.reportType).toBeUndefined();
    expect(decodeExportSig(exportSig)[0]).toMatchObject({ batchNum: 1, batchSize: 1, signatureInfo: INFO });
  });

  it('a different key does not verify, and a tampered archive entry does not verify', () => {
    const signer = generateSigningKey(random);
    const other = generateSigningKey(random);
    const exportBin = encodeExportBin(BATCH);
    const exportSig = encodeExportSig([signExport(exportBin, signer.secretKey, INFO)]);
    expect(verifyExport(exportBin, exportSig, other.publicKey)).toBe(false);
    const tampered = exportBin.slice();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0x80;
    expect(verifyExport(tampered, exportSig, signer.publicKey)).toBe(false);
  });

  it('produces DER signatures (SEQUENCE of two INTEGERs)', () => {
    const signer = generateSigningKey(random);
    const sig = signExport(encodeExportBin(BATCH), signer.secretKey, INFO).signature;
    expect(sig[0]).toBe(0x30);
    expect(sig[1]).toBe(sig.length - 2);
    expect(sig[2]).toBe(0x02);
  });

  it('builds the same archive bytes for the same input', () => {
    const archive = { exportBin: encodeExportBin(BATCH), exportSig: new Uint8Array([1, 2, 3]) };
    expect(toHex(buildExportZip(archive))).toBe(toHex(buildExportZip(archive)));
  });
});

describe('readExportZip', () => {
  it('throws bad_zip for garbage and a truncated archive', () => {
    const zip = buildExportZip({ exportBin: encodeExportBin(BATCH), exportSig: new Uint8Array([1]) });
    for (const bytes of [new Uint8Array([1, 2, 3]), zip.subarray(0, zip.length - 10)]) {
      expect(() => readExportZip(bytes)).toThrow(ExportFormatError);
      try {
        readExportZip(bytes);
      } catch (error) {
        expect((error as ExportFormatError).code).toBe('bad_zip');
      }
    }
  });

  it('throws missing_entry when export.sig is absent', () => {
    const zip = zipSync({ 'export.bin': encodeExportBin(BATCH) });
    expect(() => readExportZip(zip)).toThrow(expect.objectContaining({ code: 'missing_entry' }));
  });
});

describe('padKeys', () => {
  let counter = 0;
  const counting = (n: number) => Uint8Array.from({ length: n }, () => counter++ & 0xff);

  it('pads to the minimum with fresh key data copying real keys’ interval fields', () => {
    const padded = padKeys(BATCH.keys, 10, counting);
    expect(padded).toHaveLength(10);
    expect(padded.slice(0, 2)).toEqual(BATCH.keys);
    const real = new Set(BATCH.keys.map((k) => k.rollingStartIntervalNumber));
    for (const pad of padded.slice(2)) {
      expect(pad.keyData).toHaveLength(16);
      expect(real.has(pad.rollingStartIntervalNumber)).toBe(true);
    }
    expect(new Set(padded.map((k) => toHex(k.keyData))).size).toBe(10);
  });

  it('leaves a large enough batch alone and needs a template for an empty one', () => {
    expect(padKeys(BATCH.keys, 2, counting)).toEqual(BATCH.keys);
    expect(() => padKeys([], 5, counting)).toThrow(RangeError);
    const template = { transmissionRiskLevel: 4, rollingStartIntervalNumber: 2709360, rollingPeriod: 144 };
    const padded = padKeys([], 5, counting, template);
    expect(padded).toHaveLength(5);
    expect(padded.every((k) => k.rollingStartIntervalNumber === 2709360 && k.keyData.length === 16)).toBe(true);
  });
});

describe('index.txt', () => {
  it('lists archives oldest first', () => {
    const files = [
      { path: exportFileName('exposureKeyExport-VN', 1626310800, 1626314400, 1), startTimestamp: 1626310800 },
      { path: exportFileName('exposureKeyExport-VN', 1626307200, 1626310800, 2), startTimestamp: 1626307200 },
      { path: exportFileName('exposureKeyExport-VN', 1626307200, 1626310800, 1), startTimestamp: 1626307200 },
    ];
    expect(buildIndexTxt(files)).toBe(
      'exposureKeyExport-VN/1626307200-1626310800-00001.zip\n' +
        'exposureKeyExport-VN/1626307200-1626310800-00002.zip\n' +
        'exposureKeyExport-VN/1626310800-1626314400-00001.zip\n',
    );
    expect(buildIndexTxt([])).toBe('');
  });
});
