/// <reference types="node" />
import { createCipheriv } from 'node:crypto';
import { createRequire } from 'node:module';
import { deriveRpikFast } from '../hkdf-fast.js';
import { sharedPaddedData, type RpiDeriver } from '../rpi-deriver.js';

interface NativeBinding {
  rpis(tek: Uint8Array, firstInterval: number, count: number, out: Uint8Array): void;
}

/** Built by `npm install` (node-gyp, from native/rpi_deriver.c) into this package's build directory. */
const BINDING_PATH = '../../build/Release/rpi_deriver.node';

function loadBinding(): { binding: NativeBinding | null; problem: string | null } {
  try {
    return { binding: createRequire(import.meta.url)(BINDING_PATH) as NativeBinding, problem: null };
  } catch (error) {
    return { binding: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

const loaded = loadBinding();

/**
 * The native deriver: HKDF and the AES of the key's whole rolling period in one call into OpenSSL. Through
 * node:crypto a key costs a cipher object and two calls, three times the cryptography itself.
 */
const nativeDeriver = (binding: NativeBinding): RpiDeriver =>
  Object.freeze({
    rpis: (tek: Uint8Array, firstInterval: number, count: number, out: Uint8Array): Uint8Array => {
      binding.rpis(tek, firstInterval, count, out);
      return out;
    },
  });

/**
 * Without the native build (installed with --ignore-scripts, or no C compiler): one AES-128-ECB context per
 * key from node:crypto, the RPIK in JavaScript. No final() is called, so no padding block is added.
 */
export const nodeCryptoRpiDeriver: RpiDeriver = Object.freeze({
  rpis: (tek: Uint8Array, firstInterval: number, count: number): Uint8Array =>
    createCipheriv('aes-128-ecb', deriveRpikFast(tek), null).update(sharedPaddedData(firstInterval, count)),
});

/** The fastest deriver this Node has: the native one when it was built, node:crypto otherwise. */
export const nodeRpiDeriver: RpiDeriver = loaded.binding ? nativeDeriver(loaded.binding) : nodeCryptoRpiDeriver;

/** Why the native deriver is not in use, or null when it is. */
export function nativeRpiDeriverProblem(): string | null {
  return loaded.problem;
}
