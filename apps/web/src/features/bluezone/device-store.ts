import type { Sighting } from '@phongdich/exposure';
import type { DeviceKey } from './keys.js';

/**
 * The phone's own Bluetooth data, in IndexedDB: its keys, its encounter log (what it heard) and its state.
 * Nothing here is sent anywhere unless the person chooses to (an upload of keys, or sharing a match).
 */
export interface DeviceStore {
  keys(): Promise<DeviceKey[]>;
  saveKeys(keys: readonly DeviceKey[]): Promise<void>;
  addSighting(sighting: Sighting): Promise<void>;
  sightings(sinceMs: number): Promise<Sighting[]>;
  countSightings(sinceMs: number): Promise<number>;
  forgetSightingsBefore(ms: number): Promise<void>;
  get<T>(name: string): Promise<T | undefined>;
  set(name: string, value: unknown): Promise<void>;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** One database per device: in demo mode each browser tab is its own phone. */
export async function openDeviceStore(deviceId: string): Promise<DeviceStore> {
  const opening = indexedDB.open(`phongdich-bluezone-${deviceId}`, 1);
  opening.onupgradeneeded = () => {
    const db = opening.result;
    db.createObjectStore('keys', { keyPath: 'rollingStart' });
    db.createObjectStore('sightings', { autoIncrement: true }).createIndex('seenAt', 'seenAt');
    db.createObjectStore('state');
  };
  const db = await request(opening);
  const range = (sinceMs: number) => IDBKeyRange.lowerBound(sinceMs);
  return {
    keys: () => request(db.transaction('keys').objectStore('keys').getAll() as IDBRequest<DeviceKey[]>),
    async saveKeys(keys) {
      const tx = db.transaction('keys', 'readwrite');
      const store = tx.objectStore('keys');
      store.clear();
      for (const key of keys) store.put(key);
      await done(tx);
    },
    async addSighting(sighting) {
      const tx = db.transaction('sightings', 'readwrite');
      tx.objectStore('sightings').add(sighting);
      await done(tx);
    },
    sightings: (sinceMs) => request(db.transaction('sightings').objectStore('sightings').index('seenAt').getAll(range(sinceMs)) as IDBRequest<Sighting[]>),
    countSightings: (sinceMs) => request(db.transaction('sightings').objectStore('sightings').index('seenAt').count(range(sinceMs))),
    async forgetSightingsBefore(ms) {
      const tx = db.transaction('sightings', 'readwrite');
      const cursor = tx.objectStore('sightings').index('seenAt').openCursor(IDBKeyRange.upperBound(ms, true));
      cursor.onsuccess = () => {
        if (!cursor.result) return;
        cursor.result.delete();
        cursor.result.continue();
      };
      await done(tx);
    },
    get: <T,>(name: string) => request(db.transaction('state').objectStore('state').get(name) as IDBRequest<T | undefined>),
    async set(name, value) {
      const tx = db.transaction('state', 'readwrite');
      tx.objectStore('state').put(value, name);
      await done(tx);
    },
  };
}
