import { GAEN_KEY_LENGTH } from './gaen.js';

// SHA-256 round constants (FIPS 180-4 §4.2.2) and initial hash value (§5.3.3).
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const W = new Int32Array(64);

/** One SHA-256 compression of the 16 big-endian words in W[0..16) into `state`. */
function compress(state: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15] as number;
    const w2 = W[i - 2] as number;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (W[i] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/** State after compressing one 64-byte block of `pad` XOR the 8 key words (zero-padded to 16). */
function padState(key: Int32Array | null, pad: number, into: Int32Array): Int32Array {
  for (let i = 0; i < 16; i++) W[i] = (i < 8 && key ? (key[i] as number) : 0) ^ pad;
  into.set(IV);
  compress(into);
  return into;
}

const IPAD = 0x36363636;
const OPAD = 0x5c5c5c5c;
// HKDF "salt = none" is 32 zero bytes (RFC 5869 §2.2): the salt's HMAC pad states are constants.
const SALT_INNER = padState(null, IPAD, new Int32Array(8));
const SALT_OUTER = padState(null, OPAD, new Int32Array(8));

const inner = new Int32Array(8);
const outer = new Int32Array(8);
const prk = new Int32Array(8);

/** Loads the final block after `words` message words already in W: 0x80 padding and the bit length. */
function finish(words: number, messageBytes: number): void {
  W[words] = 0x80000000 | 0;
  for (let i = words + 1; i < 15; i++) W[i] = 0;
  W[15] = messageBytes * 8;
}

function infoWords(text: string): Int32Array {
  // info ‖ 0x01: the first (and only needed) HKDF-Expand block, RFC 5869 §2.3; 8 bytes for "EN-RPIK".
  const bytes = [...text].map((c) => c.charCodeAt(0)).concat(1);
  if (bytes.length !== 8) throw new RangeError('info must be 7 ASCII characters');
  const word = (o: number) => (((bytes[o] ?? 0) << 24) | ((bytes[o + 1] ?? 0) << 16) | ((bytes[o + 2] ?? 0) << 8) | (bytes[o + 3] ?? 0)) | 0;
  return Int32Array.from([word(0), word(4)]);
}

const RPIK_INFO = infoWords('EN-RPIK');

/**
 * RPIK = HKDF-SHA256(TEK, salt = none, info = "EN-RPIK", 16), the same value as deriveRpik, computed with six
 * SHA-256 compressions on preallocated words: matching derives one RPIK per published key, hundreds of thousands
 * of times, and the general-purpose HMAC objects cost more than the hashing.
 */
export function deriveRpikFast(tek: Uint8Array, out = new Uint8Array(GAEN_KEY_LENGTH)): Uint8Array {
  if (tek.length !== GAEN_KEY_LENGTH) throw new RangeError(`TEK must be ${GAEN_KEY_LENGTH} bytes, got ${tek.length}`);
  // PRK = HMAC(salt, TEK): inner hash over ipad-block ‖ TEK, outer over opad-block ‖ inner digest.
  for (let i = 0; i < 4; i++) W[i] = ((tek[4 * i] as number) << 24) | ((tek[4 * i + 1] as number) << 16) | ((tek[4 * i + 2] as number) << 8) | (tek[4 * i + 3] as number);
  finish(4, 64 + 16);
  inner.set(SALT_INNER);
  compress(inner);
  W.set(inner);
  finish(8, 64 + 32);
  prk.set(SALT_OUTER);
  compress(prk);
  // T(1) = HMAC(PRK, info ‖ 0x01); RPIK is its first 16 bytes.
  padState(prk, IPAD, inner);
  padState(prk, OPAD, outer);
  W[0] = RPIK_INFO[0] as number;
  W[1] = RPIK_INFO[1] as number;
  finish(2, 64 + 8);
  compress(inner);
  W.set(inner);
  finish(8, 64 + 32);
  compress(outer);
  for (let i = 0; i < 4; i++) {
    const w = outer[i] as number;
    out[4 * i] = w >>> 24;
    out[4 * i + 1] = (w >>> 16) & 0xff;
    out[4 * i + 2] = (w >>> 8) & 0xff;
    out[4 * i + 3] = w & 0xff;
  }
  return out;
}
