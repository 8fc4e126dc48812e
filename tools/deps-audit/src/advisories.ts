import semver from 'semver';

// Known vulnerabilities of the installed versions, asked of the npm registry the project installs from.
// Some registries and mirrors do not serve the advisory endpoint; then every installed version's
// deprecation notice is read instead, because maintainers deprecate versions with a known hole.

export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';

export interface Advisory {
  package: string;
  version: string;
  severity: Severity;
  title: string;
  url?: string;
}

export type Installed = ReadonlyMap<string, ReadonlySet<string>>;

export type AdvisoryAnswer = { available: true; advisories: Advisory[] } | { available: false; reason: string };

interface BulkAdvisory {
  title?: string;
  url?: string;
  severity?: string;
  vulnerable_versions?: string;
}

const SEVERITIES: readonly Severity[] = ['info', 'low', 'moderate', 'high', 'critical'];

export function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(floor);
}

function severityOf(value: string | undefined): Severity {
  return SEVERITIES.includes(value as Severity) ? (value as Severity) : 'high';
}

function registryUrl(registry: string, path: string): string {
  return new URL(path, registry.endsWith('/') ? registry : `${registry}/`).toString();
}

/** The registry's bulk advisory endpoint (what `npm audit` uses), matched to installed versions here. */
export async function bulkAdvisories(registry: string, installed: Installed, fetchFn: typeof fetch = fetch): Promise<AdvisoryAnswer> {
  const body = Object.fromEntries([...installed].map(([name, versions]) => [name, [...versions]]));
  let response: Response;
  try {
    response = await fetchFn(registryUrl(registry, '-/npm/v1/security/advisories/bulk'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    return { available: false, reason: `no answer (${(error as Error).message})` };
  }
  if (!response.ok) return { available: false, reason: `the registry answered ${response.status}` };
  const answer = (await response.json()) as Record<string, BulkAdvisory[]>;
  const advisories: Advisory[] = [];
  for (const [name, list] of Object.entries(answer)) {
    for (const advisory of list) {
      for (const version of installed.get(name) ?? []) {
        if (!semver.satisfies(version, advisory.vulnerable_versions ?? '*')) continue;
        advisories.push({ package: name, version, severity: severityOf(advisory.severity), title: advisory.title ?? 'advisory', ...(advisory.url ? { url: advisory.url } : {}) });
      }
    }
  }
  return { available: true, advisories };
}

export interface Deprecation {
  package: string;
  version: string;
  message: string;
  /** The notice speaks of a vulnerability, so it counts as one. */
  security: boolean;
}

export interface DeprecationAnswer {
  deprecations: Deprecation[];
  /** Packages whose metadata could not be read, so nothing is known about them. */
  unchecked: string[];
}

const SECURITY_WORDS = /secur|vulnerab|CVE-\d|exploit|malicious|compromised/i;

async function deprecationsOf(registry: string, name: string, versions: ReadonlySet<string>, fetchFn: typeof fetch): Promise<Deprecation[] | undefined> {
  try {
    // The abbreviated document is what installers read: small, and it carries `deprecated` per version.
    const response = await fetchFn(registryUrl(registry, name.replace('/', '%2f')), {
      headers: { accept: 'application/vnd.npm.install-v1+json' },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) return undefined;
    const document = (await response.json()) as { versions?: Record<string, { deprecated?: string }> };
    return [...versions].flatMap((version) => {
      const message = document.versions?.[version]?.deprecated;
      return message ? [{ package: name, version, message, security: SECURITY_WORDS.test(message) }] : [];
    });
  } catch {
    return undefined;
  }
}

/**
 * Some mirrors strip deprecation notices; a long-deprecated version tells whether this registry
 * keeps them, so "no notices" is not mistaken for "nothing known".
 */
export const DEPRECATED_CANARY = { name: 'request', version: '2.88.2' };

export async function registryKeepsDeprecations(registry: string, fetchFn: typeof fetch = fetch): Promise<boolean> {
  const found = await deprecationsOf(registry, DEPRECATED_CANARY.name, new Set([DEPRECATED_CANARY.version]), fetchFn);
  return (found?.length ?? 0) > 0;
}

export async function deprecations(registry: string, installed: Installed, fetchFn: typeof fetch = fetch, concurrency = 16): Promise<DeprecationAnswer> {
  const queue = [...installed];
  const answer: DeprecationAnswer = { deprecations: [], unchecked: [] };
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, versions] = next;
      const found = await deprecationsOf(registry, name, versions, fetchFn);
      if (found) answer.deprecations.push(...found);
      else answer.unchecked.push(name);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  answer.deprecations.sort((a, b) => a.package.localeCompare(b.package));
  answer.unchecked.sort();
  return answer;
}
