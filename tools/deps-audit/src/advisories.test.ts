import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atLeast, bulkAdvisories, DEPRECATED_CANARY, deprecations, registryKeepsDeprecations } from './advisories.js';

// A registry on loopback answering as the npm registry does, one with the advisory endpoint and
// deprecation notices, one (a mirror) with neither.
interface Registry {
  url: string;
  close(): Promise<void>;
}

async function registry(serveAdvisories: boolean): Promise<Registry> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const send = (status: number, value: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (request.url === '/-/npm/v1/security/advisories/bulk') {
        if (!serveAdvisories || request.method !== 'POST') return send(405, { error: 'method not allowed' });
        const asked = JSON.parse(body) as Record<string, string[]>;
        return send(200, {
          ...(asked.lodash ? { lodash: [{ title: 'Prototype pollution', severity: 'high', vulnerable_versions: '<4.17.21', url: 'https://example.invalid/1' }] } : {}),
          ...(asked.ms ? { ms: [{ title: 'Slow regex', severity: 'low', vulnerable_versions: '<2.0.0' }] } : {}),
        });
      }
      const name = decodeURIComponent((request.url ?? '/').slice(1));
      const notices: Record<string, Record<string, { deprecated?: string }>> = serveAdvisories
        ? { [DEPRECATED_CANARY.name]: { [DEPRECATED_CANARY.version]: { deprecated: 'request has been deprecated' } }, 'left-pad': { '1.3.0': { deprecated: 'use String.prototype.padStart()' } }, 'event-stream': { '3.3.6': { deprecated: 'this version contained malicious code (flatmap-stream)' } }, '@scope/ok': { '1.0.0': {} } }
        : { [DEPRECATED_CANARY.name]: { [DEPRECATED_CANARY.version]: {} }, '@scope/ok': { '1.0.0': {} } };
      if (!notices[name]) return send(404, { error: 'not found' });
      return send(200, { name, versions: notices[name] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('known vulnerabilities of installed versions', () => {
  let full: Registry;
  let mirror: Registry;
  beforeAll(async () => {
    full = await registry(true);
    mirror = await registry(false);
  });
  afterAll(async () => {
    await full.close();
    await mirror.close();
  });

  it('matches the advisory endpoint answer to the installed versions only', async () => {
    const answer = await bulkAdvisories(full.url, new Map([['lodash', new Set(['4.17.20', '4.17.21'])], ['ms', new Set(['2.1.3'])], ['fastify', new Set(['5.0.0'])]]));
    expect(answer).toEqual({ available: true, advisories: [{ package: 'lodash', version: '4.17.20', severity: 'high', title: 'Prototype pollution', url: 'https://example.invalid/1' }] });
    expect(atLeast('high', 'high') && atLeast('critical', 'high') && !atLeast('moderate', 'high')).toBe(true);
  });

  it('says the endpoint is unavailable rather than reporting nothing found', async () => {
    expect(await bulkAdvisories(mirror.url, new Map([['lodash', new Set(['4.17.20'])]]))).toEqual({ available: false, reason: 'the registry answered 405' });
    expect(await bulkAdvisories('http://127.0.0.1:1/', new Map())).toMatchObject({ available: false });
  });

  it('reads deprecation notices, flags those that speak of a vulnerability, and lists what it could not read', async () => {
    const installed = new Map([['left-pad', new Set(['1.3.0'])], ['event-stream', new Set(['3.3.6'])], ['@scope/ok', new Set(['1.0.0'])], ['gone', new Set(['1.0.0'])]]);
    const answer = await deprecations(full.url, installed, fetch, 2);
    expect(answer.deprecations).toEqual([
      { package: 'event-stream', version: '3.3.6', message: 'this version contained malicious code (flatmap-stream)', security: true },
      { package: 'left-pad', version: '1.3.0', message: 'use String.prototype.padStart()', security: false },
    ]);
    expect(answer.unchecked).toEqual(['gone']);
  });

  it('tells a registry that strips deprecation notices from one that keeps them', async () => {
    expect(await registryKeepsDeprecations(full.url)).toBe(true);
    expect(await registryKeepsDeprecations(mirror.url)).toBe(false);
  });
});
