import type { Context } from '../context.js';

/**
 * Takes the named lease for `ttlMs` if it is free, expired or already ours. Several server processes
 * share one database; only the holder of a job's lease runs it.
 */
export async function tryLease(ctx: Context, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = ctx.clock.now();
  const result = await ctx.db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: now + ttlMs })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: now + ttlMs })
        .where((eb) => eb.or([eb('job_leases.expires_at', '<', now), eb('job_leases.holder', '=', holder)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}


/** Gives a lease back before it expires, so the next holder need not wait (only the holder can). */
export async function releaseLease(ctx: Context, name: string, holder: string): Promise<void> {
  await ctx.db.updateTable('job_leases').set({ expires_at: 0 }).where('name', '=', name).where('holder', '=', holder).execute();
}
