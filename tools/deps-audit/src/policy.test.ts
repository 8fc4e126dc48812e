import { describe, expect, it } from 'vitest';
import { checkLockfile, licenceAllowed, packageName, POLICY, type LockedPackage, type Lockfile } from './policy.js';

const sha = 'sha512-AAAA';
const lockOf = (packages: Record<string, LockedPackage>): Lockfile => ({
  lockfileVersion: 3,
  packages: { '': { version: '1.0.0' }, 'apps/server': { version: '0.1.0' }, 'node_modules/@phongdich/server': { link: true }, ...packages },
});

describe('dependency policy', () => {
  it('names nested and scoped packages by their own name', () => {
    expect(packageName('node_modules/a/node_modules/@b/c')).toBe('@b/c');
    expect(packageName('apps/web/node_modules/vite')).toBe('vite');
  });

  it('reads SPDX expressions: one side of OR, both sides of AND', () => {
    expect(licenceAllowed('(MIT OR GPL-3.0-or-later)', POLICY.licences)).toBe(true);
    expect(licenceAllowed('MIT AND OFL-1.1', POLICY.licences)).toBe(true);
    expect(licenceAllowed('MIT AND GPL-3.0-only', POLICY.licences)).toBe(false);
    expect(licenceAllowed('AGPL-3.0-only', POLICY.licences)).toBe(false);
  });

  it('accepts a tree of registry packages under allowed licences, skipping workspace links', () => {
    const lock = lockOf({
      'node_modules/fastify': { version: '5.0.0', integrity: sha, license: 'MIT' },
      'node_modules/better-sqlite3': { version: '12.0.0', integrity: sha, license: 'MIT', hasInstallScript: true },
      'node_modules/png-js': { version: '2.0.0', integrity: sha },
    });
    expect(checkLockfile(lock)).toEqual([]);
  });

  it('names every breach: licence, missing licence, source, integrity, unreviewed install script', () => {
    const lock = lockOf({
      'node_modules/copyleft': { version: '1.0.0', integrity: sha, license: 'GPL-3.0-only' },
      'node_modules/silent': { version: '1.0.0', integrity: sha },
      'node_modules/from-git': { version: '1.0.0', integrity: sha, license: 'MIT', resolved: 'git+ssh://git@example.invalid/x.git#abc' },
      'node_modules/a/node_modules/unhashed': { version: '2.0.0', integrity: 'sha1-xyz', license: 'MIT' },
      'node_modules/postinstall': { version: '1.0.0', integrity: sha, license: 'ISC', hasInstallScript: true },
    });
    expect(checkLockfile(lock)).toEqual([
      { package: 'copyleft', version: '1.0.0', problem: 'licence GPL-3.0-only is not on the allowed list' },
      { package: 'silent', version: '1.0.0', problem: 'declares no licence' },
      { package: 'from-git', version: '1.0.0', problem: 'comes from git+ssh://git@example.invalid/x.git#abc, not from the registry' },
      { package: 'unhashed', version: '2.0.0', problem: 'has no sha512 integrity hash in the lockfile' },
      { package: 'postinstall', version: '1.0.0', problem: 'runs an install script that has not been reviewed' },
    ]);
  });

  it('refuses an old lockfile format, which does not record licences', () => {
    expect(checkLockfile({ lockfileVersion: 2, packages: {} })[0]?.problem).toMatch(/version 3/);
  });
});
