// What the project accepts from its dependency tree, checked against package-lock.json alone
// (no network): where each package comes from, under which licence, and which may run install scripts.

/** One entry of package-lock.json's `packages` map (lockfile version 3). */
export interface LockedPackage {
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string | { type?: string };
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
}

export interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockedPackage>;
}

export interface Finding {
  package: string;
  version: string;
  problem: string;
}

export interface Policy {
  /** SPDX identifiers the code may depend on (an OR expression needs one, an AND expression all). */
  licences: ReadonlySet<string>;
  /** Packages whose lockfile entry declares no licence, with what was checked by hand instead. */
  licenceExceptions: Readonly<Record<string, string>>;
  /** Packages allowed to run code at install time; a new one must be reviewed before it is added. */
  installScripts: ReadonlySet<string>;
}

export const POLICY: Policy = {
  licences: new Set([
    'MIT', 'MIT-0', 'MIT/X11', 'ISC', 'Zlib', '0BSD', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', 'BlueOak-1.0.0', 'Unlicense',
    // Unmodified use of file-level copyleft (web-push, axe-core, lightningcss) is compatible with Apache-2.0.
    'MPL-2.0',
    // The bundled Be Vietnam Pro font; data of caniuse-lite (build only); argparse (lint only).
    'OFL-1.1', 'CC-BY-4.0', 'Python-2.0',
  ]),
  licenceExceptions: {
    'png-js@2.0.0': 'no licence field; the package ships an MIT LICENSE file',
    'buffers@0.1.1': 'no licence field; reached only through exceljs → unzipper → binary, reading XLSX files',
  },
  installScripts: new Set(['better-sqlite3', 'esbuild']),
};

/** `node_modules/a/node_modules/@b/c` → `@b/c`. */
export function packageName(lockPath: string): string {
  const at = lockPath.lastIndexOf('node_modules/');
  return lockPath.slice(at + 'node_modules/'.length);
}

/** Installed third-party packages of the lockfile (workspace links and the root left out). */
export function installedPackages(lock: Lockfile): Array<{ name: string; entry: LockedPackage }> {
  return Object.entries(lock.packages)
    .filter(([lockPath, entry]) => lockPath.includes('node_modules/') && !entry.link)
    .map(([lockPath, entry]) => ({ name: packageName(lockPath), entry }));
}

function licenceText(entry: LockedPackage): string | undefined {
  return typeof entry.license === 'string' ? entry.license : entry.license?.type;
}

/** True when an SPDX expression (without nesting beyond one level of parentheses) is acceptable. */
export function licenceAllowed(expression: string, allowed: ReadonlySet<string>): boolean {
  const bare = expression.trim().replace(/^\((.*)\)$/, '$1');
  if (/ OR /.test(bare)) return bare.split(' OR ').some((part) => licenceAllowed(part, allowed));
  if (/ AND /.test(bare)) return bare.split(' AND ').every((part) => licenceAllowed(part, allowed));
  return allowed.has(bare.trim());
}

function sourceProblem(entry: LockedPackage): string | undefined {
  if (entry.resolved && !/^https:\/\//.test(entry.resolved)) return `comes from ${entry.resolved}, not from the registry`;
  if (!entry.integrity?.startsWith('sha512-')) return 'has no sha512 integrity hash in the lockfile';
  return undefined;
}

export function checkLockfile(lock: Lockfile, policy: Policy = POLICY): Finding[] {
  if (lock.lockfileVersion < 3) return [{ package: 'package-lock.json', version: String(lock.lockfileVersion), problem: 'lockfile version 3 is required' }];
  const findings: Finding[] = [];
  for (const { name, entry } of installedPackages(lock)) {
    const version = entry.version ?? '?';
    const found = (problem: string) => findings.push({ package: name, version, problem });
    const source = sourceProblem(entry);
    if (source) found(source);
    const licence = licenceText(entry);
    if (licence === undefined) {
      if (!policy.licenceExceptions[`${name}@${version}`]) found('declares no licence');
    } else if (!licenceAllowed(licence, policy.licences)) {
      found(`licence ${licence} is not on the allowed list`);
    }
    if (entry.hasInstallScript && !policy.installScripts.has(name)) found('runs an install script that has not been reviewed');
  }
  return findings;
}
