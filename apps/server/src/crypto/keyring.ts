import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const keySchema = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64');

const keyringSchema = z.object({
  version: z.literal(1),
  fieldKeys: z.array(z.object({ id: z.string().regex(/^[a-z0-9]{1,16}$/), key: keySchema })).min(1),
  currentFieldKey: z.string(),
  indexKey: keySchema,
  signingKey: keySchema,
});

/**
 * Secret keys, kept outside the database (DATA_DIR/keys/keyring.json or the KEYRING variable):
 * a copy of the database alone does not reveal personal fields, phone lookups or QR signatures.
 */
export interface Keyring {
  fieldKeys: ReadonlyMap<string, Buffer>;
  currentFieldKeyId: string;
  /** HMAC key of the blind indexes (lookups by phone and ID number). */
  indexKey: Buffer;
  /** HMAC key signing QR tokens and other server-issued tokens. */
  signingKey: Buffer;
}

export type KeyringFile = z.infer<typeof keyringSchema>;

export function newKeyringFile(): KeyringFile {
  const fresh = () => crypto.randomBytes(32).toString('base64');
  return { version: 1, fieldKeys: [{ id: 'k1', key: fresh() }], currentFieldKey: 'k1', indexKey: fresh(), signingKey: fresh() };
}

export function parseKeyring(json: string): Keyring {
  const file = keyringSchema.parse(JSON.parse(json));
  const fieldKeys = new Map(file.fieldKeys.map((k) => [k.id, Buffer.from(k.key, 'base64')]));
  if (!fieldKeys.has(file.currentFieldKey)) throw new Error('keyring: currentFieldKey is not one of fieldKeys');
  return {
    fieldKeys,
    currentFieldKeyId: file.currentFieldKey,
    indexKey: Buffer.from(file.indexKey, 'base64'),
    signingKey: Buffer.from(file.signingKey, 'base64'),
  };
}

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'keyring.json');
}

/**
 * Watches DATA_DIR/keys/keyring.json for a new version (`phongdich keys rotate` adds a field key
 * while servers run): returns the new keyring when the file changed since the last call, else null.
 */
export function keyringFileWatcher(dataDir: string): () => Keyring | null {
  const file = keyringPath(dataDir);
  let seen = fileStamp(file);
  return () => {
    const stamp = fileStamp(file);
    if (stamp === seen) return null;
    const next = parseKeyring(fs.readFileSync(file, 'utf8'));
    seen = stamp;
    return next;
  };
}

function fileStamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return 'missing';
  }
}

/** Reads the keyring file as stored (for the key commands, which change it). */
export function readKeyringFile(dataDir: string): KeyringFile {
  return keyringSchema.parse(JSON.parse(fs.readFileSync(keyringPath(dataDir), 'utf8')));
}

/**
 * Replaces the keyring file atomically (write aside, then rename), owner-only: a server reading it
 * at the same moment sees the old or the new version, never half of one.
 */
export function writeKeyringFile(dataDir: string, file: KeyringFile): void {
  parseKeyring(JSON.stringify(file));
  const target = keyringPath(dataDir);
  const aside = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(aside, JSON.stringify(file, null, 2), { mode: 0o600 });
  fs.renameSync(aside, target);
}

/** A keyring with one more field key, made current; the index and signing keys stay as they are. */
export function withNewFieldKey(file: KeyringFile): KeyringFile {
  const next = Math.max(0, ...file.fieldKeys.map((k) => Number(/^k(\d+)$/.exec(k.id)?.[1] ?? 0))) + 1;
  const id = `k${next}`;
  return { ...file, fieldKeys: [...file.fieldKeys, { id, key: crypto.randomBytes(32).toString('base64') }], currentFieldKey: id };
}

/** The keyring file of a keyring given in the KEYRING variable (base64 JSON). */
export function keyringFileFromEnv(value: string): KeyringFile {
  return keyringSchema.parse(JSON.parse(Buffer.from(value, 'base64').toString('utf8')));
}

/** Loads the keyring from the environment or DATA_DIR/keys, creating the file on first start. */
export function loadKeyring(options: { fromEnv: string | undefined; dataDir: string }): Keyring {
  if (options.fromEnv) return parseKeyring(Buffer.from(options.fromEnv, 'base64').toString('utf8'));
  const file = keyringPath(options.dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // 'wx' fails if another process created it first; then we read theirs.
    try {
      fs.writeFileSync(file, JSON.stringify(newKeyringFile(), null, 2), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseKeyring(fs.readFileSync(file, 'utf8'));
}
