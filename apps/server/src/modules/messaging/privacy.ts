import type { Kysely, Transaction } from 'kysely';
import type { Context } from '../../context.js';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Deletes the messages, message settings and push subscriptions of these accounts. */
export async function eraseMessagingOf(db: Db, userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const ids = (await db.selectFrom('outbox').select('id').where('user_id', 'in', userIds).execute()).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    await db.deleteFrom('outbox_refs').where('outbox_id', 'in', ids.slice(i, i + 500)).execute();
    await db.deleteFrom('outbox').where('id', 'in', ids.slice(i, i + 500)).execute();
  }
  await db.deleteFrom('message_preferences').where('user_id', 'in', userIds).execute();
  await db.deleteFrom('push_subscriptions').where('user_id', 'in', userIds).execute();
  return ids.length;
}

/** Job: deletes messages sent, delivered or failed more than OUTBOX_RETENTION_DAYS ago (a thousand at a time). */
export async function purgeOldMessages(ctx: Context): Promise<number> {
  const cutoff = ctx.clock.now() - ctx.config.outboxRetentionMs;
  let deleted = 0;
  for (;;) {
    const ids = (await ctx.db.selectFrom('outbox').select('id').where('created_at', '<', cutoff).where('status', '!=', 'queued').orderBy('created_at').limit(1000).execute()).map((r) => r.id);
    if (ids.length === 0) return deleted;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('outbox_refs').where('outbox_id', 'in', ids).execute();
      await trx.deleteFrom('outbox').where('id', 'in', ids).execute();
    });
    deleted += ids.length;
  }
}
