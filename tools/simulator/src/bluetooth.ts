import { ROLLING_PERIOD, SimulatedAir, deriveAemk, deriveRpi, deriveRpik, encodeMetadata, encryptMetadata, intervalNumberFromMs, type Advertisement, type Sighting, type TemporaryExposureKey } from '@phongdich/exposure';
import type { Simulation } from './model.js';
import { Prng } from './prng.js';
import { leftAt } from './visits.js';

/** A simulated phone with Bluetooth exposure notification on: the keys it broadcast under and what it heard. */
export interface BluetoothPhone {
  person: number;
  /** One temporary exposure key per day it was on the air, oldest first. */
  keys: TemporaryExposureKey[];
  /** Its encounter log, as a real phone keeps it. */
  heard: Sighting[];
}

export interface BluetoothOptions {
  /** The people whose phones run the feature (others carry none, or have it off). */
  people: Iterable<number>;
  seed: number;
  /** How often every phone scans (default 5 minutes, the EN scanning cadence). */
  scanIntervalMs?: number;
  /** Attenuation in dB between two phones in the same place (default 60: nearby, weight 0.8). */
  attenuation?: number;
}

// Every simulated phone reports 0 dBm, so attenuation = −RSSI.
const METADATA = encodeMetadata(0);

interface Move {
  at: number;
  person: number;
  /** The place entered, or -1 when leaving `place`. */
  enter: boolean;
  place: number;
}

/**
 * Runs the simulated radio over the simulation's visits: a phone is in a place's room from check-in until
 * the person really left, advertises the Exposure Notification identifiers of its daily keys, and hears the
 * phones in the same place at each scan. Deterministic for a seed.
 */
export function simulateBluetooth(sim: Simulation, options: BluetoothOptions): Map<number, BluetoothPhone> {
  const air = new SimulatedAir({ scanIntervalMs: options.scanIntervalMs ?? 5 * 60_000, attenuation: options.attenuation ?? 60, txPowerDbm: 0 });
  const rng = new Prng(options.seed);
  const phones = new Map<number, BluetoothPhone>();
  const radios = new Map<number, ReturnType<SimulatedAir['join']>>();
  for (const person of options.people) {
    if (phones.has(person)) continue;
    const phone: BluetoothPhone = { person, keys: [], heard: [] };
    const radio = air.join(String(person));
    // A fresh random key each day (EN: daily TEKs are independent), made when the phone first needs it; the
    // key schedule is derived once per key and the identifier once per interval, as a phone does.
    let current: { day: number; rpik: Uint8Array; aemk: Uint8Array } | null = null;
    let onAir: { interval: number; ad: Advertisement } | null = null;
    radio.advertiseWith((nowMs) => {
      const interval = intervalNumberFromMs(nowMs);
      if (onAir?.interval === interval) return onAir.ad;
      const day = Math.floor(interval / ROLLING_PERIOD) * ROLLING_PERIOD;
      if (current?.day !== day) {
        const keyData = Uint8Array.from({ length: 16 }, () => rng.int(256));
        phone.keys.push({ keyData, transmissionRiskLevel: 0, rollingStartIntervalNumber: day, rollingPeriod: ROLLING_PERIOD });
        current = { day, rpik: deriveRpik(keyData), aemk: deriveAemk(keyData) };
      }
      const id = deriveRpi(current.rpik, interval);
      onAir = { interval, ad: { scheme: 'gaen', id, metadata: encryptMetadata(current.aemk, id, METADATA) } };
      return onAir.ad;
    });
    radio.onSighting((sighting) => phone.heard.push(sighting));
    phones.set(person, phone);
    radios.set(person, radio);
  }

  const moves: Move[] = [];
  const { visits } = sim;
  for (let v = 0; v < visits.count; v++) {
    const person = visits.personIndex[v] as number;
    if (!phones.has(person)) continue;
    const place = visits.placeIndex[v] as number;
    moves.push({ at: visits.checkedInAt[v] as number, person, enter: true, place }, { at: leftAt(visits, v), person, enter: false, place });
  }
  // Leaving before entering at the same instant, so back-to-back visits never put a phone in two places.
  moves.sort((a, b) => a.at - b.at || Number(a.enter) - Number(b.enter));

  for (const move of moves) {
    air.advanceTo(move.at);
    const radio = radios.get(move.person);
    if (!radio) continue;
    const room = `place:${move.place}`;
    if (move.enter) air.move(radio, room);
    else if (radio.room === room) air.move(radio, null);
  }
  return phones;
}
