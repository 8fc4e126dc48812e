import { useSyncExternalStore } from 'react';
import { ApiError } from './api.js';
import { currentLanguage } from './i18n/index.js';

/** A write made on the phone, kept until the server has it (scans, declarations). */
export interface QueuedWrite {
  /** The client event id: the server answers a repeat with its first answer, so resending is safe. */
  id: string;
  path: string;
  body: unknown;
  createdAt: number;
  attempts: number;
}

const DB_NAME = 'phongdich';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = run(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}

let pending = 0;
const listeners = new Set<() => void>();

async function refreshCount(): Promise<void> {
  pending = await withStore('readonly', (store) => store.count());
  listeners.forEach((listener) => listener());
}

/** How many writes wait on this phone (shown as a small indicator). */
export function usePendingWrites(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
  );
}

export async function enqueue(write: Omit<QueuedWrite, 'attempts'>): Promise<void> {
  await withStore('readwrite', (store) => store.put({ ...write, attempts: 0 }));
  await refreshCount();
}

export function queuedWrites(): Promise<QueuedWrite[]> {
  return withStore('readonly', (store) => store.getAll() as IDBRequest<QueuedWrite[]>);
}

async function remove(id: string): Promise<void> {
  await withStore('readwrite', (store) => store.delete(id));
}

async function post(write: QueuedWrite, csrf: string | null): Promise<Response> {
  return fetch(write.path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': currentLanguage(), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify(write.body),
  });
}

let flushing = false;

/**
 * Sends what waits, oldest first. A write the server refuses (4xx other than sign-in and rate
 * limits) is dropped, as resending would not change the answer; network failures keep it.
 */
export async function flushQueue(csrf: string | null): Promise<{ sent: number; refused: number }> {
  if (flushing) return { sent: 0, refused: 0 };
  flushing = true;
  let sent = 0;
  let refused = 0;
  try {
    const writes = (await queuedWrites()).sort((a, b) => a.createdAt - b.createdAt);
    for (const write of writes) {
      let response: Response;
      try {
        response = await post(write, csrf);
      } catch {
        break;
      }
      if (response.ok) sent++;
      else if (response.status === 401 || response.status === 429 || response.status >= 500) break;
      else refused++;
      await remove(write.id);
    }
  } finally {
    flushing = false;
    await refreshCount();
  }
  return { sent, refused };
}

/** Posts now; when the network is down, keeps the write on the phone and says so (queued: true). */
export async function postOrQueue<T>(path: string, id: string, body: unknown, csrf: string | null): Promise<{ queued: false; result: T } | { queued: true }> {
  const write = { id, path, body, createdAt: Date.now(), attempts: 0 };
  let response: Response;
  try {
    response = await post(write, csrf);
  } catch {
    await enqueue(write);
    return { queued: true };
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data ?? {}) as { error?: string; message?: string; field?: string };
    throw new ApiError(response.status, error.error ?? 'internal_error', error.message ?? '', error.field);
  }
  return { queued: false, result: data as T };
}

/** Keeps trying to send: when the network comes back, when the app is shown again, and every minute. */
export function startQueueFlusher(csrf: () => string | null): () => void {
  const flush = () => void flushQueue(csrf()).catch(() => undefined);
  window.addEventListener('online', flush);
  document.addEventListener('visibilitychange', flush);
  const timer = window.setInterval(flush, 60_000);
  void refreshCount().then(flush);
  return () => {
    window.removeEventListener('online', flush);
    document.removeEventListener('visibilitychange', flush);
    window.clearInterval(timer);
  };
}
