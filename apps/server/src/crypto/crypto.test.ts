import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher.js';
import { loadKeyring, newKeyringFile, parseKeyring } from './keyring.js';
import { PasswordHasher } from './passwords.js';

const keyring = parseKeyring(JSON.stringify(newKeyringFile()));

describe('FieldCipher', () => {
  const cipher = new FieldCipher(keyring);

  it('round-trips Vietnamese text and never repeats a ciphertext', () => {
    const a = cipher.encrypt('people.name', 'Nguyễn Thị Hoà');
    const b = cipher.encrypt('people.name', 'Nguyễn Thị Hoà');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Nguy');
    expect(cipher.decrypt('people.name', a)).toBe('Nguyễn Thị Hoà');
  });

  it('refuses a value moved to another column or tampered with', () => {
    const sealed = cipher.encrypt('users.phone', '+84912345678');
    expect(() => cipher.decrypt('people.id_number', sealed)).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.decrypt('users.phone', tampered)).toThrow();
  });

  it('reads values sealed with an older key after rotation', () => {
    const file = newKeyringFile();
    const old = new FieldCipher(parseKeyring(JSON.stringify(file)));
    const sealed = old.encrypt('x', 'secret');
    const rotated = { ...file, fieldKeys: [...file.fieldKeys, { id: 'k2', key: newKeyringFile().indexKey }], currentFieldKey: 'k2' };
    const current = new FieldCipher(parseKeyring(JSON.stringify(rotated)));
    expect(current.decrypt('x', sealed)).toBe('secret');
    expect(current.keyIdOf(current.encrypt('x', 'y'))).toBe('k2');
  });

  it('gives a stable blind index that depends on key and purpose', () => {
    const other = new FieldCipher(parseKeyring(JSON.stringify(newKeyringFile())));
    expect(cipher.blindIndex('phone', '+84912345678')).toBe(cipher.blindIndex('phone', '+84912345678'));
    expect(cipher.blindIndex('phone', '+84912345678')).not.toBe(cipher.blindIndex('id', '+84912345678'));
    expect(cipher.blindIndex('phone', '+84912345678')).not.toBe(other.blindIndex('phone', '+84912345678'));
  });
});

describe('keyring file', () => {
  it('is created once with owner-only permissions and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-keys-'));
    const first = loadKeyring({ fromEnv: undefined, dataDir: dir });
    const second = loadKeyring({ fromEnv: undefined, dataDir: dir });
    expect(second.indexKey.equals(first.indexKey)).toBe(true);
    expect(fs.statSync(path.join(dir, 'keys', 'keyring.json')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });

  it('can come from the environment', () => {
    const file = newKeyringFile();
    const fromEnv = loadKeyring({ fromEnv: Buffer.from(JSON.stringify(file)).toString('base64'), dataDir: '/nonexistent' });
    expect(fromEnv.signingKey.toString('base64')).toBe(file.signingKey);
  });
});

describe('PasswordHasher', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const hasher = new PasswordHasher(1024);
    const hash = await hasher.hash('correct horse 42');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse 42')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse 43')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
  });
});
