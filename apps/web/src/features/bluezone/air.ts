import type { Advertisement } from '@phongdich/exposure';
import { TX_POWER_DBM, type DemoPhone } from './phone.js';

/** Channel shared by every window of this site in the browser: the demo's "air". */
export const DEMO_CHANNEL = 'phongdich-bluezone-demo';
/** Windows scan every 10 s (real phones every few minutes; the risk score counts time, not scans). */
export const DEMO_SCAN_MS = 10_000;
const PRESENCE_MS = 3_000;
/** Attenuation (dB) by distance, against the risk weights: close 55 dB (0.8), across a room 75 dB (0.1), far 85 dB (not counted). */
export const DISTANCE_DB = { near: 55, room: 75, far: 85 } as const;
export type Distance = keyof typeof DISTANCE_DB;

interface AirItem {
  id: Uint8Array;
  metadata?: Uint8Array;
  seenAt: number;
  attenuation: number;
}

type AirMessage =
  | { type: 'presence'; from: string }
  | { type: 'adv'; from: string; items: AirItem[] }
  | { type: 'meet'; from: string; start: number; end: number; stepMs: number; attenuation: number };

function item(ad: Advertisement | null, seenAt: number, attenuation: number): AirItem[] {
  if (!ad) return [];
  return [{ id: ad.id, seenAt, attenuation, ...(ad.metadata ? { metadata: ad.metadata } : {}) }];
}

/**
 * The demo's radio environment across browser windows: like SimulatedAir, but the phones live in different
 * windows and hear each other through a BroadcastChannel. Each window scans on its own clock; a simulated
 * meeting makes every phone that is on send what it would have broadcast at each scan of a past stretch of
 * time, so 20 minutes together take no time.
 */
export class DemoAir {
  private channel: BroadcastChannel | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private peers = new Map<string, number>();

  constructor(
    private readonly phone: DemoPhone,
    private readonly now: () => number,
    private readonly onPeers: (count: number) => void,
  ) {}

  start(): void {
    this.channel = new BroadcastChannel(DEMO_CHANNEL);
    this.channel.onmessage = (event: MessageEvent<AirMessage>) => this.receive(event.data);
    this.timers.push(setInterval(() => this.scan(), DEMO_SCAN_MS), setInterval(() => this.announce(), PRESENCE_MS));
    this.announce();
    this.scan();
  }

  stop(): void {
    this.timers.forEach(clearInterval);
    this.timers = [];
    this.channel?.close();
    this.channel = null;
    this.peers.clear();
  }

  /** Other phones heard from in the last few seconds. */
  peerCount(): number {
    const now = this.now();
    return [...this.peers.values()].filter((at) => now - at < 3 * PRESENCE_MS).length;
  }

  /** Every demo phone that is on, this one included, spends [start, start + minutes) together. */
  meet(start: number, minutes: number, distance: Distance): void {
    const message: AirMessage = { type: 'meet', from: this.phone.device.id, start, end: start + minutes * 60_000, stepMs: 60_000, attenuation: DISTANCE_DB[distance] };
    this.post(message);
    this.answerMeeting(message);
  }

  private post(message: AirMessage): void {
    this.channel?.postMessage(message);
  }

  private announce(): void {
    this.post({ type: 'presence', from: this.phone.device.id });
    this.onPeers(this.peerCount());
  }

  private scan(): void {
    const now = this.now();
    this.post({ type: 'adv', from: this.phone.device.id, items: item(this.phone.radio.currentAdvertisement(now), now, DISTANCE_DB.near) });
  }

  private answerMeeting(m: Extract<AirMessage, { type: 'meet' }>): void {
    const items: AirItem[] = [];
    for (let at = m.start; at < m.end; at += m.stepMs) items.push(...item(this.phone.radio.currentAdvertisement(at), at, m.attenuation));
    this.post({ type: 'adv', from: this.phone.device.id, items });
  }

  private receive(message: AirMessage): void {
    if (message.from === this.phone.device.id) return;
    this.peers.set(message.from, this.now());
    if (message.type === 'meet') this.answerMeeting(message);
    if (message.type !== 'adv') return;
    for (const heard of message.items) {
      this.phone.radio.receive({ id: heard.id, seenAt: heard.seenAt, attenuation: heard.attenuation, rssi: TX_POWER_DBM - heard.attenuation, ...(heard.metadata ? { metadata: heard.metadata } : {}) });
    }
  }
}
