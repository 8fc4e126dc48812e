import { distanceMeters, type ScanAction } from '@phongdich/core';

/** Phones' clocks drift; a scan a little in the future is a clock, not a forgery. */
export const FUTURE_SKEW_MS = 2 * 60_000;

export type TimeVerdict = 'ok' | 'future' | 'too_old';

export function checkScanTime(scannedAt: number, now: number, maxAgeMs: number): TimeVerdict {
  if (scannedAt > now + FUTURE_SKEW_MS) return 'future';
  if (scannedAt < now - maxAgeMs) return 'too_old';
  return 'ok';
}

export interface OpenVisit {
  id: string;
  checkedInAt: number;
}

export type Decision = { action: ScanAction; visitId?: string } | { error: 'no_open_visit' | 'scan_out_of_order' };

/**
 * Scan pairing: a scan at a place where the person is inside checks them out; otherwise it
 * checks them in. Staff may force a direction; a check-out cannot come before its check-in.
 */
export function decideScan(open: OpenVisit | undefined, scannedAt: number, forced?: ScanAction): Decision {
  const action = forced ?? (open ? 'check_out' : 'check_in');
  if (action === 'check_in') return { action };
  if (!open) return { error: 'no_open_visit' };
  if (scannedAt < open.checkedInAt) return { error: 'scan_out_of_order' };
  return { action, visitId: open.id };
}

/** Faster than an airliner between two checkpoints means one of the scans is not the person's own. */
export const MAX_TRAVEL_KMH = 900;

export function impossibleTravel(
  previous: { lat: number | null; lon: number | null; at: number } | undefined,
  next: { lat: number | null; lon: number | null; at: number },
): boolean {
  if (!previous || previous.lat === null || previous.lon === null || next.lat === null || next.lon === null) return false;
  const meters = distanceMeters({ lat: previous.lat, lon: previous.lon }, { lat: next.lat, lon: next.lon });
  if (meters < 5_000) return false;
  const hours = Math.abs(next.at - previous.at) / 3_600_000;
  return meters / 1000 > MAX_TRAVEL_KMH * hours;
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The calendar day in Vietnam (UTC+7) of an instant, as YYYY-MM-DD. */
export function localDate(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Start of the Vietnamese calendar day containing the instant, as epoch ms. */
export function localDayStart(epochMs: number): number {
  return Math.floor((epochMs + VIETNAM_OFFSET_MS) / 86_400_000) * 86_400_000 - VIETNAM_OFFSET_MS;
}
