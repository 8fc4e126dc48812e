import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../testing/test-context.js';
import { tryLease } from './lease.js';

describe.each(TEST_DIALECTS)('job leases on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => ctx.cleanup());

  it('gives a job to one holder at a time, and to another once the lease expires', async () => {
    expect(await tryLease(ctx, 'outbox', 'A', 10_000)).toBe(true);
    expect(await tryLease(ctx, 'outbox', 'B', 10_000)).toBe(false);
    expect(await tryLease(ctx, 'outbox', 'A', 10_000)).toBe(true);
    expect(await tryLease(ctx, 'other', 'B', 10_000)).toBe(true);
    ctx.clock.advance(10_001);
    expect(await tryLease(ctx, 'outbox', 'B', 10_000)).toBe(true);
    expect(await tryLease(ctx, 'outbox', 'A', 10_000)).toBe(false);
  });
});
