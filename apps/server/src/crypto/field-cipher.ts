import crypto from 'node:crypto';
import type { Keyring } from './keyring.js';

/**
 * Encrypts personal fields at rest with AES-256-GCM. The ciphertext names its key, so keys can be
 * rotated while old rows stay readable; the purpose (e.g. "users.phone") is bound as associated
 * data so a value cannot be moved to another column unnoticed.
 * Format: `<keyId>.<iv base64url>.<ciphertext+tag base64url>`.
 */
export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  encrypt(purpose: string, plaintext: string): string {
    const keyId = this.keyring.currentFieldKeyId;
    const key = this.keyring.fieldKeys.get(keyId) as Buffer;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${keyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(purpose: string, sealed: string): string {
    const [keyId = '', ivText = '', bodyText = ''] = sealed.split('.');
    const key = this.keyring.fieldKeys.get(keyId);
    if (!key) throw new Error(`field cipher: unknown key ${keyId}`);
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** The key id a sealed value was written with (for rotation). */
  keyIdOf(sealed: string): string {
    return sealed.slice(0, sealed.indexOf('.'));
  }

  /** Keyed blind index for exact lookups (phone, ID number) without storing the value in clear. */
  blindIndex(purpose: string, value: string): string {
    return crypto.createHmac('sha256', this.keyring.indexKey).update(`${purpose}\u0000${value}`).digest('base64url').slice(0, 32);
  }
}
