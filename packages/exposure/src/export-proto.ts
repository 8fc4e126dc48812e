import protobuf from 'protobufjs';
import { ExportFormatError } from './errors.js';

// Export file format (EN "Exposure Key Export File Format and Verification", proto2). Field numbers are
// the wire contract; names become camelCase in JS. Declared in field-number order so encoding is canonical.
const SCHEMA = `
syntax = "proto2";
message TemporaryExposureKeyExport {
  optional fixed64 start_timestamp = 1;
  optional fixed64 end_timestamp = 2;
  optional string region = 3;
  optional int32 batch_num = 4;
  optional int32 batch_size = 5;
  repeated SignatureInfo signature_infos = 6;
  repeated TemporaryExposureKey keys = 7;
  repeated TemporaryExposureKey revised_keys = 8;
}
message SignatureInfo {
  optional string app_bundle_id = 1;
  optional string android_package = 2;
  optional string verification_key_version = 3;
  optional string verification_key_id = 4;
  optional string signature_algorithm = 5;
}
message TemporaryExposureKey {
  optional bytes key_data = 1;
  optional int32 transmission_risk_level = 2;
  optional int32 rolling_start_interval_number = 3;
  optional int32 rolling_period = 4 [default = 144];
  optional int32 report_type = 5;
  optional sint32 days_since_onset_of_symptoms = 6;
}
message TEKSignatureList {
  repeated TEKSignature signatures = 1;
}
message TEKSignature {
  optional SignatureInfo signature_info = 1;
  optional int32 batch_num = 2;
  optional int32 batch_size = 3;
  optional bytes signature = 4;
}
`;

// SignatureInfo fields 1–2 are deprecated in the current spec but present in early real files; reading them
// keeps decoding lossless. ReportType is an enum in the proto; an enum is an int32 on the wire, and reading it as int32 keeps
// unknown future values visible instead of silently dropping them.
const root = protobuf.parse(SCHEMA).root;
const ExportType = root.lookupType('TemporaryExposureKeyExport');
const SignatureListType = root.lookupType('TEKSignatureList');

/** Plain-object form of a decoded message: camelCase fields, numbers for 64-bit values, Uint8Array bytes. */
export type ProtoObject = Record<string, unknown>;

const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: Number, defaults: false, arrays: true };

function plainBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(plainBytes);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainBytes(v)]));
  }
  return value;
}

function encode(type: protobuf.Type, object: ProtoObject): Uint8Array {
  const problem = type.verify(object);
  if (problem) throw new ExportFormatError('bad_field', `cannot encode ${type.name}: ${problem}`);
  return new Uint8Array(type.encode(type.fromObject(object)).finish());
}

function decode(type: protobuf.Type, bytes: Uint8Array): ProtoObject {
  try {
    return plainBytes(type.toObject(type.decode(bytes), TO_OBJECT)) as ProtoObject;
  } catch (cause) {
    throw new ExportFormatError('bad_protobuf', `not a valid ${type.name} message`, { cause });
  }
}

/** Encodes a TemporaryExposureKeyExport (without the 16-byte header). */
export function encodeExportMessage(object: ProtoObject): Uint8Array {
  return encode(ExportType, object);
}

/** Decodes a TemporaryExposureKeyExport (without the header); throws ExportFormatError on malformed input. */
export function decodeExportMessage(bytes: Uint8Array): ProtoObject {
  return decode(ExportType, bytes);
}

/** Encodes a TEKSignatureList (the whole export.sig). */
export function encodeSignatureListMessage(object: ProtoObject): Uint8Array {
  return encode(SignatureListType, object);
}

/** Decodes a TEKSignatureList; throws ExportFormatError on malformed input. */
export function decodeSignatureListMessage(bytes: Uint8Array): ProtoObject {
  return decode(SignatureListType, bytes);
}
