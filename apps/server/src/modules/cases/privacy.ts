import type { Kysely, Transaction } from 'kysely';
import type { Context } from '../../context.js';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function localDate(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Whether the health department still follows these people: an open case, or a contact not yet
 * released from quarantine. Their case and contact records (and, until the usual retention ends,
 * their visits and declarations) are kept when they delete their account (docs/security.md).
 */
export async function openHealthRecords(ctx: Context, personIds: readonly string[]): Promise<{ openCases: number; followedContacts: number }> {
  if (personIds.length === 0) return { openCases: 0, followedContacts: 0 };
  const cases = await ctx.db.selectFrom('cases').select('id').where('person_id', 'in', personIds).where('outcome', '=', 'active').execute();
  const today = localDate(ctx.clock.now());
  const contacts = await ctx.db
    .selectFrom('contacts')
    .select('id')
    .where('person_id', 'in', personIds)
    .where('status', 'in', ['new', 'quarantined'])
    .where((eb) => eb.or([eb('quarantine_end', 'is', null), eb('quarantine_end', '>=', today)]))
    .execute();
  return { openCases: cases.length, followedContacts: contacts.length };
}

/**
 * Before an account under follow-up is deleted, its contact records get their own copy of the phone
 * (cases always have one), so the commune team can still call and warn.
 */
export async function keepPhoneForFollowUp(ctx: Context, db: Db, personId: string, phone: string): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ phone_enc: ctx.cipher.encrypt('contacts.phone', phone) })
    .where('person_id', '=', personId)
    .where('phone_enc', 'is', null)
    .where('status', 'in', ['new', 'quarantined'])
    .execute();
}

/**
 * Job: deletes cases closed more than CASE_RETENTION_DAYS ago with their events, contacts and
 * follow-ups — unless a case that came from one of their contacts is still open or recent, so a
 * chain is never cut while part of it is in use. Cases closed before closed_at existed count from
 * their last change.
 */
export async function purgeClosedCases(ctx: Context): Promise<{ cases: number; contacts: number }> {
  const cutoff = ctx.clock.now() - ctx.config.caseRetentionMs;
  const expired = (
    await ctx.db
      .selectFrom('cases')
      .select('id')
      .where((eb) => eb.or([eb('closed_at', '<', cutoff), eb.and([eb('closed_at', 'is', null), eb('outcome', '!=', 'active'), eb('updated_at', '<', cutoff)])]))
      .execute()
  ).map((r) => r.id);
  let cases = 0;
  let contacts = 0;
  for (let i = 0; i < expired.length; i += 200) {
    const chunk = expired.slice(i, i + 200);
    const blocked = await ctx.db
      .selectFrom('contacts')
      .innerJoin('cases as later', 'later.from_contact_id', 'contacts.id')
      .select('contacts.case_id')
      .where('contacts.case_id', 'in', chunk)
      .where((eb) => eb.or([eb('later.outcome', '=', 'active'), eb('later.closed_at', '>=', cutoff), eb.and([eb('later.closed_at', 'is', null), eb('later.updated_at', '>=', cutoff)])]))
      .execute();
    const keep = new Set(blocked.map((r) => r.case_id));
    const ids = chunk.filter((id) => !keep.has(id));
    if (ids.length === 0) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const contactIds = (await trx.selectFrom('contacts').select('id').where('case_id', 'in', ids).execute()).map((r) => r.id);
      for (let j = 0; j < contactIds.length; j += 500) await trx.deleteFrom('contact_followups').where('contact_id', 'in', contactIds.slice(j, j + 500)).execute();
      await trx.deleteFrom('contacts').where('case_id', 'in', ids).execute();
      await trx.deleteFrom('case_events').where('case_id', 'in', ids).execute();
      await trx.deleteFrom('cases').where('id', 'in', ids).execute();
      contacts += contactIds.length;
    });
    cases += ids.length;
  }
  return { cases, contacts };
}

/** The ids of these people's case and contact records (reads of them are audited under these ids). */
export async function healthRecordIdsOf(ctx: Context, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const cases = await ctx.db.selectFrom('cases').select('id').where('person_id', 'in', personIds).execute();
  const contacts = await ctx.db.selectFrom('contacts').select('id').where('person_id', 'in', personIds).execute();
  return [...cases, ...contacts].map((r) => r.id);
}
