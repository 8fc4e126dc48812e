import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { tryLease } from './lease.js';
import { JOBS, intervalOf, leaseOf, startJobs } from './runner.js';

describe('job runner', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
  });
  afterAll(async () => ctx.cleanup());

  it('keeps every default interval and lease (three intervals), and shortens them only when told', () => {
    for (const job of JOBS) {
      expect(intervalOf(job, 100)).toBe(job.everyMs);
      expect(leaseOf(job, 100)).toBe(job.everyMs * 3);
    }
    const deliver = JOBS.find((job) => job.name === 'outbox.deliver');
    expect(deliver && intervalOf(deliver, 5)).toBe(100);
    // Three intervals would be 300 ms: too short for a busy process to keep its job.
    expect(deliver && leaseOf(deliver, 5)).toBe(5_000);
  });

  it('never starts a job beside its own run that outlasts the interval, and keeps the lease meanwhile', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const slow = {
      name: 'test.slow',
      everyMs: 20,
      run: async () => {
        runs++;
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 150));
        running--;
      },
    };
    const runner = startJobs(ctx, [slow]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runner.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(await tryLease(ctx, 'test.slow', 'another process', 5_000)).toBe(false);
  });
});
