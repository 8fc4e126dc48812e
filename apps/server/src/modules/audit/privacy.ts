import type { Context } from '../../context.js';

/**
 * Job: deletes audit entries of reads of personal data older than AUDIT_READ_RETENTION_DAYS (they
 * outlive the data they are about, so people can still learn who looked). Administrative actions stay.
 */
export async function purgeOldReads(ctx: Context): Promise<number> {
  const cutoff = ctx.clock.now() - ctx.config.auditReadRetentionMs;
  let deleted = 0;
  for (;;) {
    const ids = (await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'personal_data.read').where('at', '<', cutoff).orderBy('at').limit(1000).execute()).map((r) => r.id);
    if (ids.length === 0) return deleted;
    await ctx.db.deleteFrom('audit_log').where('id', 'in', ids).execute();
    deleted += ids.length;
  }
}
