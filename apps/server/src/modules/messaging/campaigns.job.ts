import { campaignRunTimes, deferPastQuietHours, renderText, type Channel } from '@phongdich/core';
import { newId, type Context } from '../../context.js';
import { resolveAudience } from './campaigns.audience.js';
import { dueCampaigns, findCampaign, findRun, insertRun, unfinishedRuns, updateCampaign, updateRun, type CampaignRow, type RunRow } from './campaigns.repository.js';
import { audienceOf, campaignVars, recurrenceOf } from './campaigns.service.js';
import { CAMPAIGN_TEMPLATE } from './messaging.templates.js';
import { insertMessages } from './outbox.repository.js';
import { outboxRow } from './outbox.service.js';

// A run whose fan-out has not finished this long after it started was interrupted (a crash, a
// restart): it is done again, and the dedupe keys keep anyone from getting the message twice.
const STALLED_MS = 10 * 60_000;

/** The run after `done` runs, if the schedule has one at or after `after` (runs missed while paused are skipped). */
function nextRunTime(row: CampaignRow, after: number): number | null {
  const times = campaignRunTimes(row.start_at, recurrenceOf(row));
  return times.find((t) => t > after) ?? null;
}

/**
 * Queues one run's messages: the audience as it is now, without those who opted out, each message in
 * the recipient's language, held until the end of quiet hours. Idempotent per run and recipient.
 */
async function fanOut(ctx: Context, campaign: CampaignRow, run: RunRow): Promise<void> {
  const audience = await resolveAudience(ctx, campaign.channel as Channel, audienceOf(ctx, campaign));
  const vars = campaignVars(ctx, campaign.unit_code, run.scheduled_at);
  const text = { vi: renderText(campaign.template_vi, vars), en: renderText(campaign.template_en, vars) };
  const notBefore = deferPastQuietHours(ctx.clock.now(), ctx.config.messaging.quietHours);
  const rows = audience.recipients.map((r) =>
    outboxRow(ctx, {
      channel: campaign.channel as Channel,
      recipient: r.address,
      body: text[r.language],
      template: CAMPAIGN_TEMPLATE,
      language: r.language,
      dedupeKey: `campaign:${run.id}:${r.key}`,
      userId: r.userId,
      campaignId: campaign.id,
      runId: run.id,
      subject: campaign.name,
      notBefore,
    }),
  );
  await insertMessages(ctx.db, rows);
  await updateRun(ctx.db, run.id, { queued_at: ctx.clock.now(), recipients: audience.recipients.length, skipped_opt_out: audience.skippedOptOut, skipped_no_address: audience.skippedNoAddress });
}

/** Starts the due run of one campaign and moves the campaign to its next run (or completes it). */
async function runCampaign(ctx: Context, campaign: CampaignRow): Promise<void> {
  const now = ctx.clock.now();
  const number = campaign.runs_done + 1;
  const run: RunRow = { id: newId(ctx), campaign_id: campaign.id, number, scheduled_at: campaign.next_run_at ?? now, started_at: now, queued_at: null, recipients: 0, skipped_opt_out: 0, skipped_no_address: 0 };
  const created = await insertRun(ctx.db, run);
  const next = nextRunTime(campaign, Math.max(now, campaign.next_run_at ?? now));
  const done = next === null || number >= campaign.run_count;
  // The campaign moves on before the fan-out: a crash in between leaves a run that is resumed, never a second run.
  await updateCampaign(ctx.db, campaign.id, { runs_done: number, next_run_at: done ? null : next, status: done ? 'completed' : 'running' });
  const stored = created ? run : await findRun(ctx.db, campaign.id, number);
  if (stored && stored.queued_at === null) await fanOut(ctx, campaign, stored);
}

/**
 * Job: materialises the due runs of campaigns into the outbox, and finishes runs a crash interrupted.
 * Returns the number of runs handled.
 */
export async function runDueCampaigns(ctx: Context): Promise<number> {
  let handled = 0;
  for (const run of await unfinishedRuns(ctx.db, ctx.clock.now() - STALLED_MS)) {
    const campaign = await findCampaign(ctx.db, run.campaign_id);
    if (campaign && campaign.status !== 'cancelled') {
      await fanOut(ctx, campaign, run);
      handled++;
    }
  }
  for (const campaign of await dueCampaigns(ctx.db, ctx.clock.now())) {
    try {
      await runCampaign(ctx, campaign);
      handled++;
    } catch (error) {
      ctx.logger.error({ err: error, campaign: campaign.id }, 'campaign run not queued; it is resumed later');
    }
  }
  return handled;
}
