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

/**
 * Who looked at these people's data: the role of the official, when, and why; not the official's
 * account (the data export tells citizens that their data was read, the audit log tells administrators who).
 */
export async function readsOfPeople(ctx: Context, personIds: readonly string[]): Promise<Array<{ at: number; actorRole: string | null; subjectType: string | null; purpose: string | null }>> {
  if (personIds.length === 0) return [];
  const rows = await ctx.db.selectFrom('audit_log').select(['at', 'actor_role', 'subject_type', 'detail']).where('action', '=', 'personal_data.read').where('subject_id', 'in', personIds).orderBy('at', 'desc').limit(1000).execute();
  return rows.map((r) => ({ at: r.at, actorRole: r.actor_role, subjectType: r.subject_type, purpose: purposeOf(r.detail) }));
}

function purposeOf(detail: string | null): string | null {
  let parsed: unknown;
  try {
    parsed = detail ? JSON.parse(detail) : null;
  } catch {
    return null;
  }
  return parsed && typeof parsed === 'object' && 'purpose' in parsed && typeof parsed.purpose === 'string' ? parsed.purpose : null;
}
