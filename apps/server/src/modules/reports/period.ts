import { localMidnight } from '@phongdich/core';
import { z } from 'zod';
import { AppError } from '../../http/errors.js';

const DAY_MS = 86_400_000;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' });

export const periodQuerySchema = z.strictObject({
  unit: z.string().min(2).max(10).optional(),
  from: date,
  to: date,
});

export interface Period {
  from: string;
  to: string;
  days: number;
  /** End of `to` (exclusive), epoch ms. */
  untilMs: number;
  fromMs: number;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A reporting period, from one local date to another inclusive, at most a year. */
export function periodOf(from: string, to: string): Period {
  if (to < from) throw new AppError('period_reversed', { field: 'to' });
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  if (days > 366) throw new AppError('period_too_long', { field: 'from' });
  return { from, to, days, fromMs: localMidnight(from), untilMs: localMidnight(to) + DAY_MS };
}
