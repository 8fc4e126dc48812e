import { compareBytes } from './bytes.js';
import { ExportFormatError } from './errors.js';
import {
  decodeExportMessage,
  decodeSignatureListMessage,
  encodeExportMessage,
  encodeSignatureListMessage,
  type ProtoObject,
} from './export-proto.js';
import { GAEN_KEY_LENGTH } from './gaen.js';
import { ROLLING_PERIOD } from './intervals.js';
import type { ReportType, TemporaryExposureKey } from './types.js';

/** The 16 ASCII bytes that open every export.bin ("EK Export v1" padded with spaces). */
export const EXPORT_HEADER = 'EK Export v1    ';
/** OID of ECDSA with SHA-256, the only signature algorithm of the export format. */
export const ECDSA_P256_SHA256_OID = '1.2.840.10045.4.3.2';

const HEADER_BYTES = Uint8Array.from(EXPORT_HEADER, (c) => c.charCodeAt(0));

/** Which key signed a batch (export proto `SignatureInfo`). */
export interface SignatureInfo {
  /** Deprecated (early files only). */
  appBundleId?: string;
  /** Deprecated (early files only). */
  androidPackage?: string;
  verificationKeyVersion?: string;
  verificationKeyId?: string;
  signatureAlgorithm?: string;
}

/** Contents of export.bin (export proto `TemporaryExposureKeyExport`); timestamps are Unix seconds. */
export interface ExposureKeyExport {
  startTimestamp: number;
  endTimestamp: number;
  region: string;
  batchNum: number;
  batchSize: number;
  signatureInfos: SignatureInfo[];
  keys: TemporaryExposureKey[];
  revisedKeys: TemporaryExposureKey[];
}

/** One entry of export.sig (export proto `TEKSignature`). */
export interface TekSignature {
  signatureInfo: SignatureInfo;
  batchNum: number;
  batchSize: number;
  signature: Uint8Array;
}

/**
 * export.bin bytes: header then the protobuf; keys and revised keys are sorted by key bytes so order leaks
 * nothing. Throws ExportFormatError rather than write a key that decoding would reject.
 */
export function encodeExportBin(data: ExposureKeyExport): Uint8Array {
  [...data.keys, ...data.revisedKeys].forEach(checkKey);
  const sortKeys = (keys: TemporaryExposureKey[]) => [...keys].sort((a, b) => compareBytes(a.keyData, b.keyData));
  const body = encodeExportMessage({
    ...data,
    keys: sortKeys(data.keys).map(keyToProto),
    revisedKeys: sortKeys(data.revisedKeys).map(keyToProto),
  });
  const out = new Uint8Array(HEADER_BYTES.length + body.length);
  out.set(HEADER_BYTES);
  out.set(body, HEADER_BYTES.length);
  return out;
}

/** Parses export.bin; throws ExportFormatError for a wrong header, malformed protobuf or impossible key. */
export function decodeExportBin(bytes: Uint8Array): ExposureKeyExport {
  if (bytes.length < HEADER_BYTES.length || compareBytes(bytes.subarray(0, HEADER_BYTES.length), HEADER_BYTES) !== 0) {
    throw new ExportFormatError('bad_header', `export.bin must start with "${EXPORT_HEADER}"`);
  }
  const m = decodeExportMessage(bytes.subarray(HEADER_BYTES.length));
  if (typeof m.startTimestamp !== 'number' || typeof m.endTimestamp !== 'number') {
    throw new ExportFormatError('bad_field', 'export.bin has no start or end timestamp');
  }
  return {
    startTimestamp: m.startTimestamp,
    endTimestamp: m.endTimestamp,
    region: typeof m.region === 'string' ? m.region : '',
    batchNum: num(m.batchNum, 0),
    batchSize: num(m.batchSize, 0),
    signatureInfos: list(m.signatureInfos).map(signatureInfoFromProto),
    keys: list(m.keys).map(keyFromProto),
    revisedKeys: list(m.revisedKeys).map(keyFromProto),
  };
}

/** export.sig bytes for a list of signatures. */
export function encodeExportSig(signatures: TekSignature[]): Uint8Array {
  return encodeSignatureListMessage({ signatures: signatures.map((s) => ({ ...s })) });
}

/** Parses export.sig; every entry must carry a signature. */
export function decodeExportSig(bytes: Uint8Array): TekSignature[] {
  const signatures = list(decodeSignatureListMessage(bytes).signatures).map((s) => {
    if (!(s.signature instanceof Uint8Array) || s.signature.length === 0) {
      throw new ExportFormatError('bad_field', 'export.sig entry has no signature');
    }
    return {
      signatureInfo: signatureInfoFromProto(isObject(s.signatureInfo) ? s.signatureInfo : {}),
      batchNum: num(s.batchNum, 0),
      batchSize: num(s.batchSize, 0),
      signature: s.signature,
    };
  });
  if (signatures.length === 0) throw new ExportFormatError('bad_field', 'export.sig holds no signature');
  return signatures;
}

function keyToProto(key: TemporaryExposureKey): ProtoObject {
  return Object.fromEntries(Object.entries(key).filter(([, v]) => v !== undefined));
}

// Export spec: key_data is a 16-byte TEK and a key covers 1–144 intervals; anything else is corrupt.
function checkKey(key: Pick<TemporaryExposureKey, 'keyData' | 'rollingPeriod' | 'rollingStartIntervalNumber'>, index: number): void {
  if (!(key.keyData instanceof Uint8Array) || key.keyData.length !== GAEN_KEY_LENGTH) {
    throw new ExportFormatError('bad_field', `key ${index}: key_data must be ${GAEN_KEY_LENGTH} bytes`);
  }
  const { rollingPeriod: p, rollingStartIntervalNumber: start } = key;
  if (!Number.isInteger(p) || p < 1 || p > ROLLING_PERIOD || !Number.isInteger(start) || start < 0) {
    throw new ExportFormatError('bad_field', `key ${index}: rolling interval out of range`);
  }
}

function keyFromProto(m: ProtoObject, index: number): TemporaryExposureKey {
  const key: TemporaryExposureKey = {
    keyData: m.keyData instanceof Uint8Array ? m.keyData : new Uint8Array(),
    transmissionRiskLevel: num(m.transmissionRiskLevel, 0),
    rollingStartIntervalNumber: num(m.rollingStartIntervalNumber, 0),
    rollingPeriod: num(m.rollingPeriod, ROLLING_PERIOD),
  };
  checkKey(key, index);
  if (typeof m.reportType === 'number') key.reportType = m.reportType as ReportType;
  if (typeof m.daysSinceOnsetOfSymptoms === 'number') key.daysSinceOnsetOfSymptoms = m.daysSinceOnsetOfSymptoms;
  return key;
}

function signatureInfoFromProto(m: ProtoObject): SignatureInfo {
  const info: SignatureInfo = {};
  if (typeof m.appBundleId === 'string') info.appBundleId = m.appBundleId;
  if (typeof m.androidPackage === 'string') info.androidPackage = m.androidPackage;
  if (typeof m.verificationKeyVersion === 'string') info.verificationKeyVersion = m.verificationKeyVersion;
  if (typeof m.verificationKeyId === 'string') info.verificationKeyId = m.verificationKeyId;
  if (typeof m.signatureAlgorithm === 'string') info.signatureAlgorithm = m.signatureAlgorithm;
  return info;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function isObject(value: unknown): value is ProtoObject {
  return value !== null && typeof value === 'object';
}

function list(value: unknown): ProtoObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
