import { RADIO } from './bluezone.js';
import { toHex } from './bytes.js';
import type { Sighting } from './types.js';

/** What a phone broadcasts. Exposure Notification: id = RPI, metadata = AEM; Bluezone: id = 12-byte identifier. */
export interface Advertisement {
  scheme: 'gaen' | 'bluezone';
  id: Uint8Array;
  metadata?: Uint8Array;
}

/**
 * Contract for a native Bluetooth layer. RADIO holds its parameters: service UUIDs and manufacturer id,
 * advertising interval (200–270 ms), address rotation (10–20 min), scan cadence (a scan of at least 4 s at
 * least every 5 min); the package README gives the advertisement layout. `advertise` is called at every
 * identifier rotation and replaces the broadcast; it must also rotate the MAC address so the two change
 * together. Reported sightings are deduplicated per identifier within RADIO.dedupeMs.
 */
export interface RadioAdapter {
  /** Starts or replaces the broadcast. */
  advertise(advertisement: Advertisement): void;
  /** Stops broadcasting (user turned the feature off). */
  stopAdvertising(): void;
  /** Subscribes to received advertisements; returns the unsubscribe function. */
  onSighting(listener: (sighting: Sighting) => void): () => void;
}

/** Settings of a simulated radio environment. */
export interface SimulatedAirOptions {
  /** All radios scan together at multiples of this (ms since epoch). */
  scanIntervalMs: number;
  /** Attenuation in dB between two phones in a room without its own setting. */
  attenuation: number;
  /** TX power every simulated phone reports, so RSSI = txPowerDbm − attenuation. */
  txPowerDbm: number;
}

/** A phone's radio in a SimulatedAir. */
export class SimulatedRadio implements RadioAdapter {
  private listeners = new Set<(sighting: Sighting) => void>();
  private provider: ((nowMs: number) => Advertisement | null) | null = null;
  private lastHeard = new Map<string, number>();

  constructor(
    readonly name: string,
    public room: string | null,
  ) {}

  /** Broadcasts a fixed advertisement until replaced. */
  advertise(advertisement: Advertisement): void {
    this.provider = () => advertisement;
  }

  /** Simulator convenience: compute the advertisement at each scan, so identifiers rotate with simulated time. */
  advertiseWith(provider: (nowMs: number) => Advertisement | null): void {
    this.provider = provider;
  }

  /** Stops broadcasting. */
  stopAdvertising(): void {
    this.provider = null;
  }

  /** Subscribes to sightings. */
  onSighting(listener: (sighting: Sighting) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The advertisement on air at `nowMs`, if any. */
  currentAdvertisement(nowMs: number): Advertisement | null {
    return this.provider ? this.provider(nowMs) : null;
  }

  /** Delivers one reception to listeners unless the same id was heard within RADIO.dedupeMs. */
  receive(sighting: Sighting): void {
    const key = toHex(sighting.id);
    const last = this.lastHeard.get(key);
    if (last !== undefined && sighting.seenAt - last < RADIO.dedupeMs) return;
    this.lastHeard.set(key, sighting.seenAt);
    for (const listener of this.listeners) listener(sighting);
  }

  /** Forgets dedupe entries older than the dedupe window, bounding memory over long simulations. */
  forgetBefore(nowMs: number): void {
    for (const [key, at] of this.lastHeard) if (nowMs - at >= RADIO.dedupeMs) this.lastHeard.delete(key);
  }
}

/** Deterministic radio environment: phones in the same room hear each other at every scan; time is passed in. */
export class SimulatedAir {
  private radios: SimulatedRadio[] = [];
  private roomAttenuation = new Map<string, number>();
  private nextScanAt: number | null = null;
  readonly options: SimulatedAirOptions;

  constructor(options: Partial<SimulatedAirOptions> = {}) {
    this.options = { scanIntervalMs: 60_000, attenuation: 60, txPowerDbm: 0, ...options };
  }

  /** Adds a phone, optionally already in a room. */
  join(name: string, room: string | null = null): SimulatedRadio {
    const radio = new SimulatedRadio(name, room);
    this.radios.push(radio);
    return radio;
  }

  /** Moves a phone to a room, or out of every room with null. */
  move(radio: SimulatedRadio, room: string | null): void {
    radio.room = room;
  }

  /** Sets a room's attenuation in dB (small room ≈ 55, across a hall ≈ 80). */
  setRoomAttenuation(room: string, attenuation: number): void {
    this.roomAttenuation.set(room, attenuation);
  }

  /** Runs every scan due up to and including `nowMs`; returns how many scans ran. */
  advanceTo(nowMs: number): number {
    const step = this.options.scanIntervalMs;
    this.nextScanAt ??= Math.ceil(nowMs / step) * step;
    let scans = 0;
    for (; this.nextScanAt <= nowMs; this.nextScanAt += step, scans++) this.scan(this.nextScanAt);
    return scans;
  }

  /** One scan at `nowMs`: every radio hears every other radio in its room, in join order. */
  scan(nowMs: number): void {
    // Grouped by room first, so a scan costs the sum of each room's size squared, not phones squared:
    // a simulated province has thousands of phones but only a few in any one place.
    const rooms = new Map<string, Array<{ radio: SimulatedRadio; ad: Advertisement | null }>>();
    for (const radio of this.radios) {
      if (radio.room === null) continue;
      const members = rooms.get(radio.room) ?? [];
      members.push({ radio, ad: radio.currentAdvertisement(nowMs) });
      rooms.set(radio.room, members);
    }
    for (const listener of this.radios) {
      if (listener.room === null) continue;
      listener.forgetBefore(nowMs);
      const attenuation = this.roomAttenuation.get(listener.room) ?? this.options.attenuation;
      for (const { radio, ad } of rooms.get(listener.room) ?? []) {
        if (radio === listener || !ad) continue;
        const rssi = this.options.txPowerDbm - attenuation;
        const sighting: Sighting = { id: ad.id, seenAt: nowMs, rssi, attenuation };
        if (ad.metadata) sighting.metadata = ad.metadata;
        listener.receive(sighting);
      }
    }
  }
}
