import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import {
  ROLLING_PERIOD,
  benchMatching,
  createExportZip,
  deriveRpik,
  deriveRpis,
  generateSigningKey,
  intervalNumberFromMs,
  publicKeyToPem,
  type Sighting,
  type TemporaryExposureKey,
} from '@phongdich/exposure';
import { nativeRpiDeriverProblem, nodeRpiDeriver } from '@phongdich/exposure/node';
import { round, type Benchmark, type BenchResult } from '../framework.js';

const HEARD = 5_000;
const FILE_MAX_KEYS = 17_000;
const NOW = Date.UTC(2021, 6, 15, 12);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Raw AES-128 on this machine, this run: OpenSSL's ECB over 64 KiB buffers for about a second (bytes/s). */
function aesThroughput(): number {
  const cipher = crypto.createCipheriv('aes-128-ecb', crypto.randomBytes(16), null);
  const block = Buffer.alloc(64 * 1024);
  let bytes = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (let i = 0; i < 64; i++) cipher.update(block);
    bytes += 64 * block.length;
  }
  return bytes / ((performance.now() - started) / 1000);
}

/** Published keys over the 14 days before NOW, and what a phone heard: random RPIs plus `planted` real ones. */
function scenario(keyCount: number, planted: number): { keys: TemporaryExposureKey[]; heard: Sighting[] } {
  const today = Math.floor(intervalNumberFromMs(NOW) / ROLLING_PERIOD) * ROLLING_PERIOD;
  const keys = Array.from({ length: keyCount }, (_, i): TemporaryExposureKey => ({ keyData: new Uint8Array(crypto.randomBytes(16)), transmissionRiskLevel: 5, rollingStartIntervalNumber: today - (1 + (i % 14)) * ROLLING_PERIOD, rollingPeriod: ROLLING_PERIOD }));
  const heard = Array.from({ length: HEARD }, (_, i): Sighting => {
    if (i < planted) {
      const key = keys[crypto.randomInt(keys.length)] as TemporaryExposureKey;
      const interval = key.rollingStartIntervalNumber + crypto.randomInt(ROLLING_PERIOD);
      return { id: deriveRpis(deriveRpik(key.keyData), interval, 1), seenAt: interval * 600_000 + 1000, rssi: -60, attenuation: 55 };
    }
    return { id: new Uint8Array(crypto.randomBytes(16)), seenAt: NOW - crypto.randomInt(14 * 86_400) * 1000, rssi: -70, attenuation: 65 };
  });
  return { keys, heard };
}

// The script rules of the app's Content-Security-Policy: without them the worker could run code (eval) that
// the real app refuses, and the figure would measure something phones cannot do.
const APP_CSP = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; connect-src 'self'";

/** A tiny server for the browser: the worker bundle, signed export files, and an empty page. */
async function serve(files: Map<string, { type: string; body: Uint8Array | string }>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const file = files.get(request.url ?? '');
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.type, 'content-security-policy': APP_CSP }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The web app's exposure-check worker in Chromium, on signed files as the server publishes them. */
async function chromiumWorker(keyCount: number): Promise<{ workerMs: number; keysChecked: number; matches: number; files: number }> {
  const { keys, heard } = scenario(keyCount, 10);
  const signer = generateSigningKey((n) => new Uint8Array(crypto.randomBytes(n)));
  const files = new Map<string, { type: string; body: Uint8Array | string }>();
  for (let i = 0; i * FILE_MAX_KEYS < keys.length; i++) {
    const chunk = keys.slice(i * FILE_MAX_KEYS, (i + 1) * FILE_MAX_KEYS);
    const zip = createExportZip({ startTimestamp: NOW / 1000 - 3600, endTimestamp: NOW / 1000, region: 'VN', batchNum: i + 1, batchSize: Math.ceil(keys.length / FILE_MAX_KEYS), signatureInfos: [], keys: chunk, revisedKeys: [] }, { secretKey: signer.secretKey, info: { verificationKeyId: 'VN', verificationKeyVersion: 'v1' } });
    files.set(`/files/${i + 1}.zip`, { type: 'application/zip', body: zip });
  }
  const bundle = await build({ entryPoints: [path.join(repoRoot, 'apps/web/src/features/bluezone/match-worker.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  files.set('/worker.js', { type: 'text/javascript', body: bundle.outputFiles[0]?.text ?? '' });
  files.set('/', { type: 'text/html', body: '<!doctype html><title>bench</title>' });
  const site = await serve(files);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    const names = [...files.keys()].filter((name) => name.startsWith('/files/'));
    const sightings = heard.map((s) => ({ id: [...s.id], seenAt: s.seenAt, rssi: s.rssi, attenuation: s.attenuation }));
    const signingKeys = [{ verificationKeyId: 'VN', verificationKeyVersion: 'v1', publicKey: publicKeyToPem(signer.publicKey) }];
    return await page.evaluate(
      async ({ names, sightings, signingKeys }) => {
        const downloaded = await Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await (await fetch(name)).arrayBuffer()) })));
        // Runs in the page: the tools project has no DOM types, so the page's Worker is described here.
        type PageWorker = { onmessage: (event: { data: never }) => void; onerror: (event: { message: string }) => void; postMessage(data: unknown, transfer: unknown[]): void; terminate(): void };
        const PageWorkerClass = (globalThis as unknown as { Worker: new (url: string, options: { type: string }) => PageWorker }).Worker;
        const worker = new PageWorkerClass('/worker.js', { type: 'module' });
        const request = { sightings: sightings.map((s) => ({ ...s, id: Uint8Array.from(s.id) })), files: downloaded, signingKeys };
        const started = performance.now();
        const answer = await new Promise<{ keysChecked: number; matches: unknown[]; files: Array<{ ok: boolean }> }>((resolve, reject) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(request, downloaded.map((f) => f.bytes.buffer));
        });
        const workerMs = performance.now() - started;
        worker.terminate();
        if (answer.files.some((f) => !f.ok)) throw new Error('a file did not verify');
        return { workerMs, keysChecked: answer.keysChecked, matches: answer.matches.length, files: answer.files.length };
      },
      { names, sightings, signingKeys },
    );
  } finally {
    await browser.close();
    await site.close();
  }
}

/**
 * On-device matching (issue 7): published keys against 5,000 heard identifiers on one core, beside the raw
 * AES-128 throughput of the same machine in the same run (the floor: keys × 144 AES blocks); and the web
 * app's worker in Chromium, beside the same matching in Node with the same JavaScript cryptography.
 */
export const exposureMatchingBenchmark: Benchmark = {
  name: 'exposure matching',
  async run({ full }): Promise<BenchResult[]> {
    const nodeKeys = full ? 1_400_000 : 140_000;
    const browserKeys = full ? 140_000 : 14_000;
    const aesBytesPerSecond = aesThroughput();
    const floorSeconds = (nodeKeys * ROLLING_PERIOD * 16) / aesBytesPerSecond;
    const node = benchMatching({ keys: nodeKeys, heard: HEARD, planted: 10, nowMs: NOW, match: { deriver: nodeRpiDeriver } });
    const js = benchMatching({ keys: browserKeys, heard: HEARD, planted: 10, nowMs: NOW });
    const browser = await chromiumWorker(browserKeys);
    const targetSeconds = (15 * nodeKeys) / 1_400_000;
    return [
      {
        name: `exposure matching in Node, one core (${nodeKeys.toLocaleString('en')} keys × ${HEARD.toLocaleString('en')} heard)`,
        figure: node.matchMs / 1000,
        unit: 's',
        baseline: floorSeconds,
        baselineLabel: `raw AES-128 for the same ${(nodeKeys * ROLLING_PERIOD).toLocaleString('en')} blocks at ${round(aesBytesPerSecond / 2 ** 20)} MiB/s`,
        ratio: node.matchMs / 1000 / floorSeconds,
        target: `< ${round(targetSeconds, 1)} s (15 s for 1,400,000 keys)`,
        pass: node.matchMs / 1000 < targetSeconds && node.matches >= 10,
        details: { keys: nodeKeys, heard: HEARD, deriver: nativeRpiDeriverProblem() === null ? 'native (OpenSSL)' : `node:crypto (native build missing: ${nativeRpiDeriverProblem()})`, planted: node.planted, matchedSightings: node.matches, keysPerSecond: round(node.keysPerSecond), aesMiBPerSecond: round(aesBytesPerSecond / 2 ** 20) },
      },
      {
        name: `exposure check in Chromium's web worker (${browserKeys.toLocaleString('en')} keys in ${browser.files} signed file${browser.files === 1 ? '' : 's'} × ${HEARD.toLocaleString('en')} heard)`,
        figure: browser.workerMs / 1000,
        unit: 's',
        baseline: js.matchMs / 1000,
        baselineLabel: 'the same matching in Node with the same JavaScript AES',
        ratio: browser.workerMs / js.matchMs,
        target: 'reported (verification, decoding and matching included)',
        pass: browser.matches >= 1 && browser.keysChecked === browserKeys,
        details: { keys: browserKeys, files: browser.files, keysChecked: browser.keysChecked, matchedKeys: browser.matches, nodeJsKeysPerSecond: round(js.keysPerSecond) },
      },
    ];
  },
};
