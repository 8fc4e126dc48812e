import { SimulatedRadio, gaenAdvertisement, intervalNumberFromMs, type Advertisement, type TemporaryExposureKey } from '@phongdich/exposure';
import { openDeviceStore, type DeviceStore } from './device-store.js';
import { keyCovering, keptKeys, keysForUpload, newKeyAt, stopKeysAt, type DeviceKey } from './keys.js';

/** TX power the demo phones announce in their metadata (a typical phone, dBm). */
export const TX_POWER_DBM = -4;
/** How long the encounter log is kept on the phone. */
export const LOG_MS = 14 * 86_400_000;

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** A demo phone's identity: one per browser tab, so two windows are two phones. */
export interface DemoDevice {
  id: string;
  label: string;
}

export function demoDevice(): DemoDevice {
  const stored = sessionStorage.getItem('phongdich.bluezone.device');
  const id = stored ?? Array.from(random(3), (b) => b.toString(16).padStart(2, '0')).join('');
  if (!stored) sessionStorage.setItem('phongdich.bluezone.device', id);
  return { id, label: `#${id.toUpperCase()}` };
}

/**
 * A phone speaking the Exposure Notification scheme through a radio adapter: a fresh key each UTC day, an
 * identifier every 10 minutes, and every identifier it hears written to its own encounter log. The radio
 * is the simulated one (the demo air carries it between windows); a native layer would implement the same
 * RadioAdapter.
 */
export class DemoPhone {
  readonly radio: SimulatedRadio;
  private listeners = new Set<() => void>();

  private constructor(
    readonly device: DemoDevice,
    readonly store: DeviceStore,
    private keys: DeviceKey[],
    private readonly now: () => number,
  ) {
    this.radio = new SimulatedRadio(device.id, 'demo');
    this.radio.advertiseWith((at) => this.advertisementAt(at));
    this.radio.onSighting((sighting) => void this.store.addSighting(sighting).then(() => this.changed()));
  }

  static async open(device: DemoDevice, now: () => number): Promise<DemoPhone> {
    const store = await openDeviceStore(device.id);
    const keys = keptKeys(await store.keys(), intervalNumberFromMs(now()));
    await store.forgetSightingsBefore(now() - LOG_MS);
    return new DemoPhone(device, store, keys, now);
  }

  /** Re-render hook: called when the log or the keys change. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.listeners.forEach((listener) => listener());
  }

  /** The key in force at a moment, made when the phone first needs it. */
  keyAt(atMs: number): DeviceKey {
    const interval = intervalNumberFromMs(atMs);
    const existing = keyCovering(this.keys, interval);
    if (existing) return existing;
    const key = newKeyAt(this.keys, interval, random);
    this.keys = [...this.keys, key];
    void this.store.saveKeys(this.keys);
    return key;
  }

  advertisementAt(atMs: number): Advertisement {
    const key = this.keyAt(atMs);
    return { scheme: 'gaen', ...gaenAdvertisement(key.keyData, key.rollingStart, atMs, TX_POWER_DBM) };
  }

  heardCount(): Promise<number> {
    return this.store.countSightings(this.now() - LOG_MS);
  }

  /** The keys an upload would send, from the first day the code asks for. */
  keysToUpload(fromDate: string, onsetDate: string | null): TemporaryExposureKey[] {
    const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 600_000;
    return keysForUpload(this.keys, day(fromDate), intervalNumberFromMs(this.now()), onsetDate ? day(onsetDate) : null);
  }

  /** After an upload: today's key stops, and the next identifier comes from a fresh key. */
  async startFreshKey(): Promise<void> {
    this.keys = stopKeysAt(this.keys, intervalNumberFromMs(this.now()));
    await this.store.saveKeys(this.keys);
    this.changed();
  }
}
