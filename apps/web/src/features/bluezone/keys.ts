import { ROLLING_PERIOD, dayStartInterval, type TemporaryExposureKey } from '@phongdich/exposure';

/** A temporary exposure key as the phone keeps it: 16 random bytes for (part of) one UTC day. */
export interface DeviceKey {
  rollingStart: number;
  rollingPeriod: number;
  keyData: Uint8Array;
}

/** Keys are kept 14 days: older ones can no longer matter to anyone (EN: the upload window). */
export const KEY_DAYS = 14;

/** The key broadcasting in an interval, if the phone has one. */
export function keyCovering(keys: readonly DeviceKey[], interval: number): DeviceKey | undefined {
  return keys.find((k) => k.rollingStart <= interval && interval < k.rollingStart + k.rollingPeriod);
}

/**
 * A fresh key for an interval nothing covers: from the day's start, or from where the day's last key
 * stopped (after an upload), to the end of the UTC day. Keys of different days are independent (EN), so
 * an uploaded key reveals nothing about any other day.
 */
export function newKeyAt(keys: readonly DeviceKey[], interval: number, random: (n: number) => Uint8Array): DeviceKey {
  const dayStart = dayStartInterval(interval);
  const dayEnd = dayStart + ROLLING_PERIOD;
  const stoppedAt = keys.filter((k) => k.rollingStart >= dayStart && k.rollingStart < dayEnd).reduce((end, k) => Math.max(end, k.rollingStart + k.rollingPeriod), dayStart);
  const rollingStart = stoppedAt <= interval ? stoppedAt : interval;
  return { rollingStart, rollingPeriod: dayEnd - rollingStart, keyData: random(16) };
}

/** After an upload the current key stops now, so what the phone broadcasts next is not linked to it. */
export function stopKeysAt(keys: readonly DeviceKey[], interval: number): DeviceKey[] {
  return keys.flatMap((k) => {
    if (!(k.rollingStart <= interval && interval < k.rollingStart + k.rollingPeriod)) return [k];
    return interval > k.rollingStart ? [{ ...k, rollingPeriod: interval - k.rollingStart }] : [];
  });
}

/** Keys to forget: those whose day ended more than KEY_DAYS days ago. */
export function keptKeys(keys: readonly DeviceKey[], nowInterval: number): DeviceKey[] {
  return keys.filter((k) => k.rollingStart + k.rollingPeriod > nowInterval - KEY_DAYS * ROLLING_PERIOD);
}

/**
 * Transmission-risk level (0–8) of a key by its day relative to symptom onset: people are most infectious
 * from the day before onset to a few days after (our simplification of the Corona-Warn-App mapping).
 */
export function transmissionRisk(keyDay: number, onsetDay: number | null): number {
  if (onsetDay === null) return 5;
  const d = keyDay - onsetDay;
  if (d <= -3) return 3;
  if (d === -2) return 5;
  if (d === -1) return 6;
  if (d <= 2) return 8;
  if (d <= 5) return 6;
  return 4;
}

/**
 * The keys of the infectious period the person agreed to upload: from `fromInterval` (the first day the
 * health official's code asks for) up to now — never a base key or anything from which later keys follow.
 */
export function keysForUpload(keys: readonly DeviceKey[], fromInterval: number, nowInterval: number, onsetInterval: number | null): TemporaryExposureKey[] {
  const onsetDay = onsetInterval === null ? null : Math.floor(onsetInterval / ROLLING_PERIOD);
  return keys
    .filter((k) => k.rollingStart + k.rollingPeriod > fromInterval && k.rollingStart <= nowInterval)
    .sort((a, b) => a.rollingStart - b.rollingStart)
    .map((k) => ({ keyData: k.keyData, rollingStartIntervalNumber: k.rollingStart, rollingPeriod: k.rollingPeriod, transmissionRiskLevel: transmissionRisk(Math.floor(k.rollingStart / ROLLING_PERIOD), onsetDay) }));
}
