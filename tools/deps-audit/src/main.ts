import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atLeast, bulkAdvisories, deprecations, registryKeepsDeprecations, type Installed } from './advisories.js';
import { checkLockfile, installedPackages, type Lockfile } from './policy.js';

// `npm run audit:deps` (part of `npm test`): the dependency tree's sources, licences and install
// scripts against the project's policy, then known vulnerabilities of the installed versions.
// It fails on a policy breach, an advisory rated high or critical, or a version deprecated for a
// security reason.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function registry(): string {
  // `npm run` passes the configured registry down; run directly, ask npm.
  return process.env.npm_config_registry || execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
}

function installedVersions(lock: Lockfile): Installed {
  const installed = new Map<string, Set<string>>();
  for (const { name, entry } of installedPackages(lock)) {
    if (!entry.version) continue;
    installed.set(name, (installed.get(name) ?? new Set()).add(entry.version));
  }
  return installed;
}

async function vulnerabilityFailures(installed: Installed): Promise<number> {
  const from = registry();
  const bulk = await bulkAdvisories(from, installed);
  if (bulk.available) {
    for (const a of bulk.advisories) console.log(`  ${a.severity.padEnd(8)} ${a.package}@${a.version}: ${a.title}${a.url ? ` (${a.url})` : ''}`);
    console.log(`advisories: ${bulk.advisories.length} for ${installed.size} packages`);
    return bulk.advisories.filter((a) => atLeast(a.severity, 'high')).length;
  }
  console.log(`advisories: the registry's advisory endpoint is not available (${bulk.reason}); reading deprecation notices of every installed version instead`);
  if (!(await registryKeepsDeprecations(from))) {
    console.warn('WARNING: this registry serves neither advisories nor deprecation notices; known vulnerabilities were NOT checked');
    return 0;
  }
  const answer = await deprecations(from, installed);
  for (const d of answer.deprecations) console.log(`  ${d.security ? 'SECURITY' : 'notice  '} ${d.package}@${d.version}: ${d.message}`);
  if (answer.unchecked.length === installed.size) {
    console.warn('WARNING: the registry could not be reached; known vulnerabilities were NOT checked');
    return 0;
  }
  if (answer.unchecked.length > 0) console.warn(`WARNING: no metadata for ${answer.unchecked.length} packages: ${answer.unchecked.join(', ')}`);
  console.log(`deprecations: ${answer.deprecations.length} notices, ${answer.deprecations.filter((d) => d.security).length} for security, ${installed.size - answer.unchecked.length} packages checked`);
  return answer.deprecations.filter((d) => d.security).length;
}

async function main(): Promise<void> {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const installed = installedVersions(lock);
  const findings = checkLockfile(lock);
  for (const f of findings) console.log(`  POLICY   ${f.package}@${f.version}: ${f.problem}`);
  console.log(`policy: ${installed.size} packages, ${findings.length} breaches (sources, licences, install scripts)`);
  const vulnerable = await vulnerabilityFailures(installed);
  if (findings.length > 0 || vulnerable > 0) {
    console.error(`dependency audit failed: ${findings.length} policy breaches, ${vulnerable} vulnerable versions`);
    process.exit(1);
  }
}

await main();
