import crypto from 'node:crypto';
import { fromBase64, generateSigningKey, publicKeyToPem, toBase64 } from '@phongdich/exposure';
import { newId, type Context } from '../../context.js';
import { rotationDue } from './exposure.rules.js';
import { insertSigningKey, retireSigningKeys, signingKeys, type SigningKeyRow } from './exposure.repository.js';

/** 'export' signs batch files (its public keys are published); 'certificate' signs verification certificates. */
export type KeyPurpose = 'export' | 'certificate';

export interface SigningKey {
  id: string;
  version: number;
  /** Raw P-256 secret scalar. */
  secretKey: Uint8Array;
  publicKeyPem: string;
}

// Private keys are sealed with the field cipher: the database alone does not let anyone sign batches.
const SEAL = 'exposure_signing_keys.private_key';

function unseal(ctx: Context, row: SigningKeyRow): SigningKey {
  return { id: row.id, version: row.version, secretKey: fromBase64(ctx.cipher.decrypt(SEAL, row.private_key_enc ?? '')), publicKeyPem: row.public_key_pem };
}

/**
 * The key that signs now, made on first use and replaced after EXPOSURE_SIGNING_KEY_DAYS. A replaced key keeps
 * its public part (published, so files it signed still verify) and loses its private part.
 */
export async function activeSigningKey(ctx: Context, purpose: KeyPurpose, attempt = 0): Promise<SigningKey> {
  const now = ctx.clock.now();
  const keys = await signingKeys(ctx.db, purpose);
  const current = keys.filter((k) => k.retired_at === null && k.private_key_enc !== null).at(-1);
  if (current && !rotationDue(current.created_at, ctx.config.exposureSigningKeyMs, now)) return unseal(ctx, current);
  const pair = generateSigningKey((n) => ctx.rng.bytes(n));
  const row: SigningKeyRow = {
    id: newId(ctx),
    purpose,
    version: (keys.at(-1)?.version ?? 0) + 1,
    private_key_enc: ctx.cipher.encrypt(SEAL, toBase64(pair.secretKey)),
    public_key_pem: publicKeyToPem(pair.publicKey),
    created_at: now,
    retired_at: null,
  };
  if (await insertSigningKey(ctx.db, row)) {
    await retireSigningKeys(ctx.db, purpose, row.id, now);
    return unseal(ctx, row);
  }
  // Another server made this version at the same moment: use theirs.
  if (attempt >= 3) throw new Error('could not settle on a signing key');
  return activeSigningKey(ctx, purpose, attempt + 1);
}

/** Public keys of a purpose still kept (active and retired), oldest first. */
export async function publicKeys(ctx: Context, purpose: KeyPurpose): Promise<SigningKeyRow[]> {
  return signingKeys(ctx.db, purpose);
}

/** A node:crypto private key for the JWT signer, from the raw scalar and the public point of the PEM. */
export function privateKeyObject(key: SigningKey): crypto.KeyObject {
  const jwk = crypto.createPublicKey(key.publicKeyPem).export({ format: 'jwk' });
  return crypto.createPrivateKey({ key: { ...jwk, d: Buffer.from(key.secretKey).toString('base64url') }, format: 'jwk' });
}
