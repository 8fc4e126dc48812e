import type { ExposureExportInfo } from '@phongdich/core';
import type { DeviceStore } from './device-store.js';
import type { MatchRequest, MatchResponse } from './match-core.js';
import { LOG_MS } from './phone.js';
import { mergeMatches, type StoredMatch } from './risk-view.js';

/** What the phone remembers between checks. */
export interface CheckState {
  /** Files already matched (downloaded once, never again). */
  processed: string[];
  matches: StoredMatch[];
  lastCheckAt: number | null;
  lastNewFiles: number;
  lastKeys: number;
  lastBadFiles: number;
}

export const EMPTY_CHECK: CheckState = { processed: [], matches: [], lastCheckAt: null, lastNewFiles: 0, lastKeys: 0, lastBadFiles: 0 };

async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Runs the matching in a Web Worker, so a large download never freezes the page. */
function matchInWorker(request: MatchRequest): Promise<MatchResponse> {
  const worker = new Worker(new URL('./match-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<MatchResponse>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<MatchResponse>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(request, request.files.map((f) => f.bytes.buffer as ArrayBuffer));
  }).finally(() => worker.terminate());
}

/**
 * The exposure check: reads index.txt, downloads only the files not matched before, has the worker verify
 * and match them against the encounter log of the last 14 days, and keeps what matched.
 */
export async function checkExposureNow(store: DeviceStore, info: ExposureExportInfo, nowMs: number): Promise<CheckState> {
  const state = (await store.get<CheckState>('check')) ?? EMPTY_CHECK;
  const listed = (await (await fetch(info.index)).text()).split('\n').map((l) => l.trim()).filter(Boolean);
  const done = new Set(state.processed);
  const fresh = listed.filter((name) => !done.has(name));
  const files = await Promise.all(fresh.map(async (name) => ({ name, bytes: await download(`${info.filesBase}${name}`) })));
  const sightings = files.length > 0 ? await store.sightings(nowMs - LOG_MS) : [];
  const result = files.length > 0 ? await matchInWorker({ sightings, files, signingKeys: info.signingKeys }) : { files: [], matches: [], keysChecked: 0, ms: 0 };
  const good = new Set(result.files.filter((f) => f.ok).map((f) => f.name));
  const next: CheckState = {
    // Only names still listed are remembered: files leave the index after 14 days.
    processed: listed.filter((name) => done.has(name) || good.has(name)),
    matches: mergeMatches(state.matches, result.matches).filter((m) => m.sightings.some((s) => s.seenAt >= nowMs - LOG_MS)),
    lastCheckAt: nowMs,
    lastNewFiles: good.size,
    lastKeys: result.keysChecked,
    lastBadFiles: result.files.length - good.size,
  };
  await store.set('check', next);
  return next;
}
