import { p256 } from '@noble/curves/nist.js';
import { compareBytes, fromBase64, toBase64 } from './bytes.js';
import { ExportFormatError } from './errors.js';
import { ECDSA_P256_SHA256_OID, decodeExportBin, decodeExportSig, type SignatureInfo, type TekSignature } from './export-file.js';

// SubjectPublicKeyInfo DER prefix for an uncompressed P-256 key (RFC 5480: id-ecPublicKey, prime256v1).
const SPKI_P256_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d,
  0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
]);

/**
 * Signs a whole export.bin (header included) with ECDSA P-256/SHA-256, DER-encoded, as export.sig expects.
 * The batch number and size are copied from the file so the two can never disagree.
 */
export function signExport(exportBin: Uint8Array, secretKey: Uint8Array, info: SignatureInfo): TekSignature {
  const { batchNum, batchSize } = decodeExportBin(exportBin);
  // prehash: the spec signs SHA-256(export.bin); DER because Android/iOS parse ASN.1 signatures.
  const signature = p256.sign(exportBin, secretKey, { prehash: true, format: 'der' });
  return { signatureInfo: { signatureAlgorithm: ECDSA_P256_SHA256_OID, ...info }, batchNum, batchSize, signature };
}

/**
 * True when any signature in export.sig verifies over export.bin with the given key (SPKI PEM, SPKI DER,
 * or a raw SEC1 point). Throws ExportFormatError for an unreadable key or signature file.
 */
export function verifyExport(
  exportBin: Uint8Array,
  exportSig: Uint8Array | readonly TekSignature[],
  publicKey: string | Uint8Array,
): boolean {
  const point = parsePublicKey(publicKey);
  const signatures = exportSig instanceof Uint8Array ? decodeExportSig(exportSig) : exportSig;
  return signatures.some((s) => {
    try {
      // lowS: false because other signers (Go, OpenSSL) emit high-S signatures; the published example has one.
      return p256.verify(s.signature, exportBin, point, { prehash: true, format: 'der', lowS: false });
    } catch {
      return false;
    }
  });
}

/** A P-256 public key as a raw SEC1 point from SPKI PEM, SPKI DER or SEC1 bytes. */
export function parsePublicKey(publicKey: string | Uint8Array): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = typeof publicKey === 'string' ? fromBase64(publicKey.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '')) : publicKey;
  } catch (cause) {
    throw new ExportFormatError('bad_public_key', 'public key PEM is not base64', { cause });
  }
  const isSpki =
    bytes.length === SPKI_P256_PREFIX.length + 65 && compareBytes(bytes.subarray(0, SPKI_P256_PREFIX.length), SPKI_P256_PREFIX) === 0;
  const point = isSpki ? bytes.subarray(SPKI_P256_PREFIX.length) : bytes;
  try {
    p256.Point.fromBytes(point);
  } catch (cause) {
    throw new ExportFormatError('bad_public_key', 'not a P-256 public key (expected SPKI or SEC1 point)', { cause });
  }
  return point;
}

/** SPKI PEM of a P-256 public key, the form apps and key servers publish. */
export function publicKeyToPem(publicKey: Uint8Array): string {
  const point = p256.Point.fromBytes(parsePublicKey(publicKey)).toBytes(false);
  const der = new Uint8Array(SPKI_P256_PREFIX.length + point.length);
  der.set(SPKI_P256_PREFIX);
  der.set(point, SPKI_P256_PREFIX.length);
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return ['-----BEGIN PUBLIC KEY-----', ...lines, '-----END PUBLIC KEY-----'].join('\n');
}

/** A fresh P-256 key pair (uncompressed public point) from caller-supplied randomness. */
export function generateSigningKey(random: (n: number) => Uint8Array): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = p256.utils.randomSecretKey(random(p256.lengths.seed ?? 48));
  return { secretKey, publicKey: p256.getPublicKey(secretKey, false) };
}
