import { deferPastQuietHours, type QuietHours } from '@phongdich/core';

const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * When to try a message again after its `attempts`-th failed attempt: the base delay doubling each
 * time, at most an hour; null when the attempts are used up and the message fails for good.
 * @example retryAt(0, 1, 30_000, 6) === 30_000; retryAt(0, 3, 30_000, 6) === 120_000
 */
export function retryAt(now: number, attempts: number, baseMs: number, maxAttempts: number): number | null {
  if (attempts >= maxAttempts) return null;
  return now + Math.min(baseMs * 2 ** (attempts - 1), MAX_RETRY_DELAY_MS);
}

/** Codes and warnings go out at any hour and whatever the opt-out; everything else respects both. */
export function isMandatory(template: string, mandatory: readonly string[]): boolean {
  return mandatory.includes(template);
}

/** When a message may go out: now, or at the end of quiet hours for one that is not mandatory. */
export function sendableAt(now: number, template: string, mandatory: readonly string[], quiet: QuietHours | null): number {
  return isMandatory(template, mandatory) ? now : deferPastQuietHours(now, quiet);
}

/**
 * Paces sends to `perSecond` with a token bucket holding one second of burst. Time here is real time:
 * it paces a network provider, not domain events.
 */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly perSecond: number) {
    this.tokens = Math.max(1, perSecond);
  }

  take(): Promise<void> {
    const next = this.queue.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        await new Promise((resolve) => setTimeout(resolve, ((1 - this.tokens) / this.perSecond) * 1000));
        this.refill();
      }
      this.tokens -= 1;
    });
    this.queue = next;
    return next;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(Math.max(1, this.perSecond), this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
