/// <reference types="node" />
// Node types for reading fixtures only; portability.test.ts keeps node: imports out of the package code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareBytes, fromHex, toHex } from './bytes.js';
import { ExportFormatError } from './errors.js';
import { decodeExportBin, decodeExportSig, encodeExportBin, encodeExportSig, type ExposureKeyExport } from './export-file.js';
import { parsePublicKey, publicKeyToPem, verifyExport } from './export-signature.js';
import { readExportZip } from './export-zip.js';

// docs/protocols/exposure.md §D published example.
const PEM = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEml59itec9qzwVojreLXdPNRsUWzf
YHc1cKvIIi6/H56AJS/kZEYQnfDpxrgyGhdAm+pNN2GAJ3XdnQZ1Sk4amg==
-----END PUBLIC KEY-----`;
const BIN = fromHex(
  '454b204578706f72742076312020202009f0e8c75e0000000011703ac95e000000001a0255532001280132211a01312207736f6d655f69642a13312e322e3834302e31303034352e342e332e323a1b0a10172fc480e598490c34177604339b1543100818fcdea10120013a1b0a102b63053ac483238de176169e861f3dcd1001188adea1012072',
);
const SIG = fromHex(
  '0a710a211a01312207736f6d655f69642a13312e322e3834302e31303034352e342e332e3210011801224830460221009eb6e9d5ad6a688fa970b0e67c0886345eefdd1819592edd84604a1ccf4d0247022100906d7fcdf211c710f84a2a7917000573bef0ef27a4974129de2876ac6819f66a',
);

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

function formatError(fn: () => unknown): ExportFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExportFormatError) return error;
    throw new Error(`expected ExportFormatError, got ${String(error)}`);
  }
  throw new Error('expected ExportFormatError, nothing was thrown');
}

describe('published example export', () => {
  it('has the documented sizes', () => {
    expect(BIN.length).toBe(135);
    expect(SIG.length).toBe(115);
  });

  it('decodes export.bin', () => {
    const data = decodeExportBin(BIN);
    expect(data).toMatchObject({ startTimestamp: 1590159600, endTimestamp: 1590246000, region: 'US', batchNum: 1, batchSize: 1 });
    expect(data.signatureInfos).toEqual([
      { verificationKeyVersion: '1', verificationKeyId: 'some_id', signatureAlgorithm: '1.2.840.10045.4.3.2' },
    ]);
    expect(data.keys.map((k) => [toHex(k.keyData), k.transmissionRiskLevel, k.rollingStartIntervalNumber, k.rollingPeriod])).toEqual([
      ['172fc480e598490c34177604339b1543', 8, 2649980, 1],
      ['2b63053ac483238de176169e861f3dcd', 1, 2649866, 114],
    ]);
    expect(data.revisedKeys).toEqual([]);
  });

  it('decodes export.sig', () => {
    const [sig, ...rest] = decodeExportSig(SIG);
    expect(rest).toEqual([]);
    expect(sig?.batchNum).toBe(1);
    expect(sig?.batchSize).toBe(1);
    expect(sig?.signatureInfo.verificationKeyId).toBe('some_id');
    expect(sig?.signature.length).toBe(72);
  });

  it('re-encodes both files byte for byte', () => {
    expect(toHex(encodeExportBin(decodeExportBin(BIN)))).toBe(toHex(BIN));
    expect(toHex(encodeExportSig(decodeExportSig(SIG)))).toBe(toHex(SIG));
  });

  it('verifies the signature with the published PEM (a high-S DER signature)', () => {
    expect(verifyExport(BIN, SIG, PEM)).toBe(true);
    expect(verifyExport(BIN, SIG, parsePublicKey(PEM))).toBe(true);
    expect(publicKeyToPem(parsePublicKey(PEM))).toBe(PEM);
  });

  it('fails verification when any single byte of export.bin changes', () => {
    for (const i of [0, 15, 16, 40, 100, 134]) {
      const tampered = BIN.slice();
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      expect(verifyExport(tampered, SIG, PEM), `byte ${i}`).toBe(false);
    }
  });

  it('fails verification when the signature changes', () => {
    const tampered = SIG.slice();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0x01;
    expect(verifyExport(BIN, tampered, PEM)).toBe(false);
  });
});

describe('malformed input throws ExportFormatError', () => {
  it.each([
    ['empty', new Uint8Array(), 'bad_header'],
    ['header only, cut', BIN.subarray(0, 10), 'bad_header'],
    ['wrong header', Uint8Array.from([...'EK Export v2    '].map((c) => c.charCodeAt(0))), 'bad_header'],
    ['cut inside the first timestamp', BIN.subarray(0, 20), 'bad_protobuf'],
    ['cut inside a key', BIN.subarray(0, 120), 'bad_protobuf'],
    ['cut one byte short', BIN.subarray(0, 134), 'bad_protobuf'],
    ['header then garbage', Uint8Array.from([...BIN.subarray(0, 16), 0xff, 0xff, 0xff, 0xff]), 'bad_protobuf'],
    ['header, no timestamps', BIN.subarray(0, 16), 'bad_field'],
  ])('export.bin: %s', (_name, bytes, code) => {
    expect(formatError(() => decodeExportBin(bytes)).code).toBe(code);
  });

  it('rejects a file whose key_data is 15 bytes, and refuses to write one', () => {
    // The first key entry with its last key byte removed and both lengths fixed up: valid protobuf, invalid key.
    const hex = toHex(BIN).replace('3a1b0a10172fc480e598490c34177604339b1543', '3a1a0a0f172fc480e598490c34177604339b15');
    expect(formatError(() => decodeExportBin(fromHex(hex))).code).toBe('bad_field');
    const data = decodeExportBin(BIN);
    const first = data.keys[0];
    if (!first) throw new Error('fixture has keys');
    const broken: ExposureKeyExport = { ...data, keys: [{ ...first, keyData: first.keyData.subarray(0, 15) }] };
    expect(formatError(() => encodeExportBin(broken)).code).toBe('bad_field');
    expect(formatError(() => encodeExportBin({ ...data, keys: [{ ...first, rollingPeriod: 0 }] })).code).toBe('bad_field');
  });

  it.each([
    ['empty list', new Uint8Array(), 'bad_field'],
    ['cut inside the signature', SIG.subarray(0, 100), 'bad_protobuf'],
    ['garbage', Uint8Array.from([0x0a, 0xff, 0xff, 0xff]), 'bad_protobuf'],
  ])('export.sig: %s', (_name, bytes, code) => {
    expect(formatError(() => decodeExportSig(bytes)).code).toBe(code);
  });

  it('rejects a public key that is not P-256', () => {
    expect(formatError(() => verifyExport(BIN, SIG, 'not a key!')).code).toBe('bad_public_key');
    expect(formatError(() => parsePublicKey(new Uint8Array(65))).code).toBe('bad_public_key');
  });
});

describe('no input produces an untyped error', () => {
  const attempt = (fn: () => unknown): 'ok' | 'typed' => {
    try {
      fn();
      return 'ok';
    } catch (error) {
      if (error instanceof ExportFormatError) return 'typed';
      throw error;
    }
  };

  it('every truncation of a real export.bin decodes or throws ExportFormatError', () => {
    const bin = fixture('gaen-internals-export.bin');
    const outcomes = Array.from({ length: bin.length }, (_, n) => attempt(() => decodeExportBin(bin.subarray(0, n))));
    expect(outcomes.filter((o) => o === 'typed').length).toBeGreaterThan(bin.length * 0.9);
  });

  it('random byte changes decode or throw ExportFormatError', () => {
    const bin = fixture('gaen-internals-export.bin');
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 2 ** 24;
    const outcomes = Array.from({ length: 500 }, () => {
      const copy = bin.slice();
      for (let k = 0; k < 3; k++) copy[16 + Math.floor(next() * (copy.length - 16))] = Math.floor(next() * 256);
      return attempt(() => decodeExportBin(copy));
    });
    expect(outcomes).toContain('typed');
  });
});

describe('real files from the reference implementation', () => {
  it('decodes gaen-internals-export.bin', () => {
    const data = decodeExportBin(fixture('gaen-internals-export.bin'));
    expect(data).toMatchObject({ startTimestamp: 1588885200, endTimestamp: 1588890000, region: 'US' });
    expect(data.keys).toHaveLength(110);
    expect(data.keys.every((k, i, all) => i === 0 || compareBytes(all[i - 1]?.keyData ?? k.keyData, k.keyData) < 0)).toBe(true);
    const key = data.keys.find((k) => toHex(k.keyData) === '2b714d3ec93c14e5d345003e59027aea');
    expect(key).toMatchObject({ rollingStartIntervalNumber: 2646801, rollingPeriod: 89 });
  });

  it('decodes the sample archive and re-encodes it to the same content', () => {
    const { exportBin, exportSig } = readExportZip(fixture('gaen-internals-sample-diagnosis-keys.zip'));
    expect(exportBin.length).toBe(3854);
    expect(exportSig.length).toBe(111);
    const data = decodeExportBin(exportBin);
    expect(data.keys).toHaveLength(140);
    expect(data.signatureInfos[0]?.signatureAlgorithm).toBe('1.2.840.10045.4.3.2');
    expect(decodeExportSig(exportSig)[0]?.signature.length).toBeGreaterThan(64);
    expect(decodeExportBin(encodeExportBin(data))).toEqual(data);
  });

  it('sorts keys by key bytes when encoding', () => {
    const data = decodeExportBin(fixture('gaen-internals-export.bin'));
    const shuffled = { ...data, keys: [...data.keys].reverse() };
    expect(toHex(encodeExportBin(shuffled))).toBe(toHex(encodeExportBin(data)));
  });
});
