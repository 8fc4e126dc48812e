import crypto from 'node:crypto';
import type { Keyring } from './keyring.js';

// keyId . 12-byte IV (16 base64url characters) . ciphertext and 16-byte tag (at least 22 characters).
const SEALED = /^[a-z0-9]{1,16}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

/**
 * Encrypts personal fields at rest with AES-256-GCM. The ciphertext names its key, so keys can be
 * rotated while old rows stay readable; the purpose (e.g. "users.phone") is bound as associated
 * data so a value cannot be moved to another column unnoticed.
 * Format: `<keyId>.<iv base64url>.<ciphertext+tag base64url>`.
 */
export class FieldCipher {
  private keyring: Keyring;
  private checkedAt = 0;

  /**
   * `reload` returns a newer keyring when there is one (the keyring file changed): it is asked at most
   * every `reloadEveryMs` before encrypting, and at once (at most once a second) when a value names a
   * key this process does not know yet — so a key rotation reaches running servers without a restart.
   */
  constructor(
    keyring: Keyring,
    private readonly options: { reload?: () => Keyring | null; reloadEveryMs?: number } = {},
  ) {
    this.keyring = keyring;
  }

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    this.refresh(this.options.reloadEveryMs ?? 5000);
    return this.keyring.currentFieldKeyId;
  }

  /** Every field key id this process can open values of. */
  knownKeyIds(): string[] {
    return [...this.keyring.fieldKeys.keys()];
  }

  private refresh(everyMs: number): void {
    if (!this.options.reload) return;
    const now = Date.now();
    if (now - this.checkedAt < everyMs) return;
    this.checkedAt = now;
    try {
      const next = this.options.reload();
      if (next) this.keyring = next;
    } catch {
      // A keyring file caught half-written or invalid: keep the keys we have and look again later.
    }
  }

  encrypt(purpose: string, plaintext: string): string {
    const keyId = this.currentKeyId;
    const key = this.keyring.fieldKeys.get(keyId) as Buffer;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${keyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(purpose: string, sealed: string): string {
    const [keyId = '', ivText = '', bodyText = ''] = sealed.split('.');
    if (!this.keyring.fieldKeys.has(keyId)) this.refresh(1000);
    const key = this.keyring.fieldKeys.get(keyId);
    if (!key) throw new Error(`field cipher: unknown key ${keyId}`);
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** True when the value has the shape of a sealed value (as opposed to text stored before a column was encrypted). */
  isSealed(value: string): boolean {
    return SEALED.test(value);
  }

  /**
   * Opens a column that was made encrypted after rows were written in clear: a value that is not
   * sealed is returned as it is, until `phongdich keys reencrypt` seals it.
   */
  decryptLegacy(purpose: string, value: string): string {
    return this.isSealed(value) ? this.decrypt(purpose, value) : value;
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
