import { ExportFormatError } from './errors.js';

// Export file format (EN "Exposure Key Export File Format and Verification", proto2), encoded and decoded
// by hand from a table. A reflection codec such as protobufjs compiles its decoders at run time (the Function
// constructor), which a page or worker under a Content-Security-Policy without 'unsafe-eval' refuses: phones
// then could not read any export file. Four small messages do not need a general protobuf library.

type Scalar = 'fixed64' | 'string' | 'bytes' | 'int32' | 'sint32';

interface Field {
  /** Field number: the wire contract. */
  no: number;
  /** camelCase name of the proto field in JS objects. */
  name: string;
  type: Scalar | MessageType;
  repeated?: boolean;
}

interface MessageType {
  name: string;
  /** In field-number order, so encoding is canonical (the order protoc and the reference server write). */
  fields: Field[];
}

// SignatureInfo fields 1–2 are deprecated in the current spec but present in early real files; reading them
// keeps decoding lossless. ReportType is an enum in the proto; an enum is an int32 on the wire, and reading it
// as int32 keeps unknown future values visible instead of silently dropping them.
const SIGNATURE_INFO: MessageType = {
  name: 'SignatureInfo',
  fields: [
    { no: 1, name: 'appBundleId', type: 'string' },
    { no: 2, name: 'androidPackage', type: 'string' },
    { no: 3, name: 'verificationKeyVersion', type: 'string' },
    { no: 4, name: 'verificationKeyId', type: 'string' },
    { no: 5, name: 'signatureAlgorithm', type: 'string' },
  ],
};

// rolling_period has `[default = 144]` in the proto; the default is applied by the caller (export-file.ts).
const TEMPORARY_EXPOSURE_KEY: MessageType = {
  name: 'TemporaryExposureKey',
  fields: [
    { no: 1, name: 'keyData', type: 'bytes' },
    { no: 2, name: 'transmissionRiskLevel', type: 'int32' },
    { no: 3, name: 'rollingStartIntervalNumber', type: 'int32' },
    { no: 4, name: 'rollingPeriod', type: 'int32' },
    { no: 5, name: 'reportType', type: 'int32' },
    { no: 6, name: 'daysSinceOnsetOfSymptoms', type: 'sint32' },
  ],
};

const EXPORT: MessageType = {
  name: 'TemporaryExposureKeyExport',
  fields: [
    { no: 1, name: 'startTimestamp', type: 'fixed64' },
    { no: 2, name: 'endTimestamp', type: 'fixed64' },
    { no: 3, name: 'region', type: 'string' },
    { no: 4, name: 'batchNum', type: 'int32' },
    { no: 5, name: 'batchSize', type: 'int32' },
    { no: 6, name: 'signatureInfos', type: SIGNATURE_INFO, repeated: true },
    { no: 7, name: 'keys', type: TEMPORARY_EXPOSURE_KEY, repeated: true },
    { no: 8, name: 'revisedKeys', type: TEMPORARY_EXPOSURE_KEY, repeated: true },
  ],
};

const TEK_SIGNATURE: MessageType = {
  name: 'TEKSignature',
  fields: [
    { no: 1, name: 'signatureInfo', type: SIGNATURE_INFO },
    { no: 2, name: 'batchNum', type: 'int32' },
    { no: 3, name: 'batchSize', type: 'int32' },
    { no: 4, name: 'signature', type: 'bytes' },
  ],
};

const SIGNATURE_LIST: MessageType = {
  name: 'TEKSignatureList',
  fields: [{ no: 1, name: 'signatures', type: TEK_SIGNATURE, repeated: true }],
};

/** Plain-object form of a decoded message: camelCase fields, numbers for 64-bit values, Uint8Array bytes. */
export type ProtoObject = Record<string, unknown>;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;
const TWO_32 = 2 ** 32;

function wireType(type: Field['type']): number {
  if (type === 'fixed64') return WIRE_FIXED64;
  return type === 'int32' || type === 'sint32' ? WIRE_VARINT : WIRE_LENGTH;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

// ---- encoding ----

class Writer {
  private chunks: number[] = [];
  private parts: Uint8Array[] = [];
  private size = 0;

  varint(value: number): void {
    // int32 negatives are written as 64-bit two's complement: ten bytes (protobuf encoding rules).
    let lo = value >>> 0;
    let hi = value < 0 ? 0xffffffff : Math.floor(value / TWO_32) >>> 0;
    while (hi > 0 || lo > 0x7f) {
      this.chunks.push((lo & 0x7f) | 0x80);
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.chunks.push(lo);
  }

  fixed64(value: number): void {
    const lo = value % TWO_32;
    const hi = Math.floor(value / TWO_32);
    for (const word of [lo, hi]) for (let i = 0; i < 4; i++) this.chunks.push((word >>> (8 * i)) & 0xff);
  }

  raw(bytes: Uint8Array): void {
    this.flush();
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    this.parts.push(Uint8Array.from(this.chunks));
    this.size += this.chunks.length;
    this.chunks = [];
  }

  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

function badField(type: MessageType, field: Field, expected: string): ExportFormatError {
  return new ExportFormatError('bad_field', `cannot encode ${type.name}: ${field.name}: ${expected} expected`);
}

function encodeValue(w: Writer, type: MessageType, field: Field, value: unknown): void {
  w.varint(field.no * 8 + wireType(field.type));
  const kind = field.type;
  if (typeof kind === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badField(type, field, 'object');
    const body = encodeMessage(kind, value as ProtoObject);
    w.varint(body.length);
    w.raw(body);
  } else if (kind === 'string' || kind === 'bytes') {
    if (kind === 'string' ? typeof value !== 'string' : !(value instanceof Uint8Array)) throw badField(type, field, kind);
    const bytes = typeof value === 'string' ? utf8Encoder.encode(value) : (value as Uint8Array);
    w.varint(bytes.length);
    w.raw(bytes);
  } else if (kind === 'fixed64') {
    if (!Number.isSafeInteger(value) || (value as number) < 0) throw badField(type, field, 'unsigned integer');
    w.fixed64(value as number);
  } else {
    if (!Number.isInteger(value) || (value as number) < -(2 ** 31) || (value as number) >= 2 ** 31) throw badField(type, field, 'int32');
    const n = value as number;
    w.varint(kind === 'sint32' ? ((n << 1) ^ (n >> 31)) >>> 0 : n);
  }
}

function encodeMessage(type: MessageType, object: ProtoObject): Uint8Array {
  const w = new Writer();
  // Properties the schema does not know are ignored, as protobuf libraries do when converting from objects.
  for (const field of type.fields) {
    const value = object[field.name];
    if (value === undefined || value === null) continue;
    if (!field.repeated) {
      encodeValue(w, type, field, value);
      continue;
    }
    if (!Array.isArray(value)) throw badField(type, field, 'array');
    for (const item of value) encodeValue(w, type, field, item);
  }
  return w.finish();
}

// ---- decoding ----

class Reader {
  offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly end = bytes.length,
  ) {}

  get done(): boolean {
    return this.offset >= this.end;
  }

  /** The low 32 bits of a varint (up to 10 bytes), unsigned. */
  varint(): number {
    let value = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      if (i < 5) value |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) return value >>> 0;
    }
    throw malformed('varint longer than 10 bytes');
  }

  fixed64(): number {
    const lo = this.fixed32();
    const hi = this.fixed32();
    // Timestamps are Unix seconds; anything past 2^53 cannot be a real one and would lose precision.
    if (hi >= 2 ** 21) throw malformed('fixed64 beyond 2^53');
    return hi * TWO_32 + lo;
  }

  fixed32(): number {
    const b = this.take(4);
    return ((b[0] ?? 0) | ((b[1] ?? 0) << 8) | ((b[2] ?? 0) << 16) | ((b[3] ?? 0) << 24)) >>> 0;
  }

  take(length: number): Uint8Array {
    if (length > this.end - this.offset) throw malformed('length past the end');
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  private byte(): number {
    if (this.offset >= this.end) throw malformed('cut inside a varint');
    return this.bytes[this.offset++] ?? 0;
  }
}

function malformed(reason: string): Error {
  return new Error(reason);
}

function skip(r: Reader, wire: number): void {
  if (wire === WIRE_VARINT) r.varint();
  else if (wire === WIRE_FIXED64) r.take(8);
  else if (wire === WIRE_LENGTH) r.take(r.varint());
  else if (wire === WIRE_FIXED32) r.take(4);
  else throw malformed(`wire type ${wire}`);
}

function decodeValue(r: Reader, kind: Field['type']): unknown {
  if (typeof kind === 'object') {
    const length = r.varint();
    const body = r.take(length);
    return decodeMessage(kind, new Reader(body));
  }
  if (kind === 'fixed64') return r.fixed64();
  if (kind === 'string') return utf8Decoder.decode(r.take(r.varint()));
  // A copy: the caller may keep keys while the downloaded file's buffer is dropped or transferred.
  if (kind === 'bytes') return r.take(r.varint()).slice();
  const n = r.varint();
  return kind === 'sint32' ? (n >>> 1) ^ -(n & 1) : n | 0;
}

function decodeMessage(type: MessageType, r: Reader): ProtoObject {
  const out: ProtoObject = {};
  for (const field of type.fields) if (field.repeated) out[field.name] = [];
  while (!r.done) {
    const tag = r.varint();
    const no = tag >>> 3;
    const wire = tag & 7;
    if (no === 0) throw malformed('field number 0');
    const field = type.fields.find((f) => f.no === no);
    if (!field) {
      skip(r, wire);
      continue;
    }
    if (wire !== wireType(field.type)) throw malformed(`${field.name}: wire type ${wire}`);
    const value = decodeValue(r, field.type);
    // A repeated field accumulates; a singular one seen twice keeps the last value (protobuf merge rule for scalars).
    if (field.repeated) (out[field.name] as unknown[]).push(value);
    else out[field.name] = value;
  }
  return out;
}

function decode(type: MessageType, bytes: Uint8Array): ProtoObject {
  try {
    return decodeMessage(type, new Reader(bytes));
  } catch (cause) {
    throw new ExportFormatError('bad_protobuf', `not a valid ${type.name} message`, { cause });
  }
}

/** Encodes a TemporaryExposureKeyExport (without the 16-byte header). */
export function encodeExportMessage(object: ProtoObject): Uint8Array {
  return encodeMessage(EXPORT, object);
}

/** Decodes a TemporaryExposureKeyExport (without the header); throws ExportFormatError on malformed input. */
export function decodeExportMessage(bytes: Uint8Array): ProtoObject {
  return decode(EXPORT, bytes);
}

/** Encodes a TEKSignatureList (the whole export.sig). */
export function encodeSignatureListMessage(object: ProtoObject): Uint8Array {
  return encodeMessage(SIGNATURE_LIST, object);
}

/** Decodes a TEKSignatureList; throws ExportFormatError on malformed input. */
export function decodeSignatureListMessage(bytes: Uint8Array): ProtoObject {
  return decode(SIGNATURE_LIST, bytes);
}
