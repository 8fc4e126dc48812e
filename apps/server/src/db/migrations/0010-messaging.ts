import type { Kysely } from 'kysely';

// Messaging (PRODUCT.md §10): the outbox learns who a message is for (opt-out, push), which campaign run
// it belongs to, a claim so two server processes never send one message twice, and the provider's
// references (one per SMS part) that delivery receipts point at. Campaigns, their runs, opt-outs,
// message preferences and web-push subscriptions get their own tables.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [column, type] of [
    ['user_id', 'text'],
    ['campaign_id', 'text'],
    ['run_id', 'text'],
    ['subject', 'text'],
    ['locked_by', 'text'],
    ['locked_until', 'bigint'],
    ['parts', 'integer'],
    ['delivered_at', 'bigint'],
  ] as const) {
    await db.schema.alterTable('outbox').addColumn(column, type).execute();
  }
  await db.schema.createIndex('outbox_run').on('outbox').columns(['run_id', 'status']).execute();
  await db.schema.createIndex('outbox_created').on('outbox').column('created_at').execute();
  await db.schema.createIndex('outbox_user_template').on('outbox').columns(['user_id', 'template', 'created_at']).execute();

  await db.schema
    .createTable('outbox_refs')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbox_refs_pk', ['channel', 'ref'])
    .execute();
  await db.schema.createIndex('outbox_refs_message').on('outbox_refs').columns(['outbox_id', 'state']).execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('audience_kind', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('sector', 'text')
    .addColumn('list_enc', 'text')
    .addColumn('list_size', 'integer')
    .addColumn('scope_unit', 'text')
    .addColumn('template_vi', 'text', (c) => c.notNull())
    .addColumn('template_en', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('recurrence', 'text')
    .addColumn('run_count', 'integer', (c) => c.notNull())
    .addColumn('runs_done', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('cancelled_at', 'bigint')
    .addColumn('cancelled_by', 'text')
    .execute();
  await db.schema.createIndex('campaigns_due').on('campaigns').columns(['status', 'next_run_at']).execute();
  await db.schema.createIndex('campaigns_created').on('campaigns').column('created_at').execute();

  await db.schema
    .createTable('campaign_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('scheduled_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('queued_at', 'bigint')
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('skipped_opt_out', 'integer', (c) => c.notNull())
    .addColumn('skipped_no_address', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_runs_number').on('campaign_runs').columns(['campaign_id', 'number']).unique().execute();
  await db.schema.createIndex('campaign_runs_queued').on('campaign_runs').column('queued_at').execute();

  await db.schema
    .createTable('message_opt_outs')
    .addColumn('address_index', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('message_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('contact_phone_enc', 'text')
    .addColumn('contact_email_enc', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('endpoint_index', 'text', (c) => c.notNull().unique())
    .addColumn('subscription_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('push_subscriptions_user').on('push_subscriptions').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['push_subscriptions', 'message_preferences', 'message_opt_outs', 'campaign_runs', 'campaigns', 'outbox_refs']) {
    await db.schema.dropTable(table).execute();
  }
  for (const index of ['outbox_user_template', 'outbox_created', 'outbox_run']) await db.schema.dropIndex(index).execute();
  for (const column of ['delivered_at', 'parts', 'locked_until', 'locked_by', 'subject', 'run_id', 'campaign_id', 'user_id']) {
    await db.schema.alterTable('outbox').dropColumn(column).execute();
  }
}
