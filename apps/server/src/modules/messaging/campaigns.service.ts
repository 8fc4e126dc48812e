import {
  deferPastQuietHours,
  parseRecipientList,
  recurrenceSchema,
  renderText,
  splitSms,
  unknownVariables,
  type CampaignAudience,
  type CampaignDetail,
  type CampaignInput,
  type CampaignPreview,
  type CampaignStatus,
  type CampaignSummary,
  type Channel,
  type Recurrence,
  type ListProblem,
  type Sector,
  type TestSendInput,
  normalizePhone,
} from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeOf, unitInScope, type Scope } from '../../http/scope.js';
import { recordAudit } from '../audit/index.js';
import { unitTree } from '../units/index.js';
import { listKind, resolveAudience } from './campaigns.audience.js';
import { HELD_UNTIL, cancelQueuedOfCampaign, findCampaign, holdQueuedOfCampaign, insertCampaign, listCampaignRows, runsOf, updateCampaign, type CampaignRow } from './campaigns.repository.js';
import { NO_FIGURES, addFigures, campaignProblem, localDateText, plannedRuns, runFigures } from './campaigns.rules.js';
import { maskRecipient } from './channels/log-channel.js';
import { CAMPAIGN_TEST_TEMPLATE } from './messaging.templates.js';
import { countSentFor, insertMessage, statusCountsByRun } from './outbox.repository.js';
import { outboxRow } from './outbox.service.js';
import { rememberContact } from './preferences.service.js';
import { addressesOf } from './recipients.js';

/** The values a campaign's `{variables}` take: its unit's name, the run's date, the site, the hotline. */
export function campaignVars(ctx: Context, unitCode: string | null, at: number): Record<string, string> {
  return { unit: (unitCode && unitTree(ctx).get(unitCode)?.name) || '', date: localDateText(at), url: ctx.config.baseUrl, hotline: ctx.config.healthHotline };
}

/** Refuses a template with an unknown `{variable}`, naming the template and the variables. */
export function assertTemplate(template: { vi: string; en: string }): void {
  for (const lang of ['vi', 'en'] as const) {
    const unknown = unknownVariables(template[lang]);
    if (unknown.length) throw new AppError('template_variable_unknown', { field: `template.${lang}`, detail: unknown.map((v) => `{${v}}`).join(', '), details: { variables: unknown } });
  }
}

function audienceUnit(audience: CampaignAudience): string | null {
  return audience.kind === 'custom' ? null : audience.unitCode;
}

/** An official may message people of their own area only; a custom list is kept in the official's unit. */
function authorise(ctx: Context, actor: Actor, audience: CampaignAudience): Scope {
  const scope = scopeOf(actor, unitTree(ctx));
  if (scope.kind === 'none') throw new AppError('forbidden');
  const unit = audienceUnit(audience);
  if (unit && !unitTree(ctx).get(unit)) throw new AppError('unit_not_found', { field: 'audience.unitCode' });
  if (unit && !unitInScope(scope, unit, unitTree(ctx))) throw new AppError('out_of_scope', { field: 'audience.unitCode' });
  // A sector's official (education, health…) reaches the owners of their sector's places only.
  if (scope.kind === 'unit' && scope.sector && audience.kind === 'place_owners' && audience.sector !== scope.sector) throw new AppError('out_of_scope', { field: 'audience.sector' });
  return scope;
}

/** Everything wrong with a campaign before anyone is messaged: template, schedule, list rows. */
function check(ctx: Context, input: CampaignInput): void {
  assertTemplate(input.template);
  const problem = campaignProblem(input, ctx.clock.now());
  if (problem) throw new AppError(problem.code, { field: problem.field });
  if (input.audience.kind === 'custom' && input.channel === 'push') throw new AppError('invalid_input', { field: 'channel', detail: 'push reaches accounts, not a list' });
}

function rendered(text: string) {
  const split = splitSms(text);
  return { text, characters: text.length, parts: split.parts.length, encoding: split.encoding };
}

/** What a campaign would send and to how many people, without sending anything. */
export async function previewCampaign(ctx: Context, actor: Actor, input: CampaignInput): Promise<CampaignPreview> {
  check(ctx, input);
  authorise(ctx, actor, input.audience);
  const startAt = input.startAt ?? ctx.clock.now();
  const vars = campaignVars(ctx, audienceUnit(input.audience), startAt);
  const audience = await resolveAudience(ctx, input.channel, input.audience);
  const planned = plannedRuns(startAt, input.recurrence, ctx.config.messaging.quietHours);
  return {
    vi: rendered(renderText(input.template.vi, vars)),
    en: rendered(renderText(input.template.en, vars)),
    recipients: audience.recipients.length,
    skippedOptOut: audience.skippedOptOut,
    skippedNoAddress: audience.skippedNoAddress,
    runTimes: planned.times,
    runCount: planned.times.length,
    quietHoursApply: planned.deferred,
    listProblems: audience.listProblems,
  };
}

/**
 * Creates a campaign, scheduled from its start: the first run goes out when the campaign job next
 * looks (within a minute), later runs at their times. A list with bad rows or an audience with nobody
 * to message is refused, so an official never schedules a campaign that silently reaches no one.
 */
export async function createCampaign(ctx: Context, actor: Actor, input: CampaignInput): Promise<CampaignDetail> {
  check(ctx, input);
  authorise(ctx, actor, input.audience);
  if (input.audience.kind === 'custom') {
    const parsed = parseRecipientList(input.audience.list, listKind(input.channel));
    if (parsed.problems.length) throw new AppError('custom_list_invalid', { field: 'audience.list', details: { rows: parsed.problems.slice(0, 200) } });
  }
  const audience = await resolveAudience(ctx, input.channel, input.audience);
  if (audience.recipients.length === 0) throw new AppError('audience_empty', { field: 'audience' });
  const now = ctx.clock.now();
  const startAt = input.startAt ?? now;
  const { times } = plannedRuns(startAt, input.recurrence, null);
  const unit = audienceUnit(input.audience);
  const row: CampaignRow = {
    id: newId(ctx),
    name: input.name,
    channel: input.channel,
    audience_kind: input.audience.kind,
    unit_code: unit,
    sector: input.audience.kind === 'place_owners' ? (input.audience.sector ?? null) : null,
    list_enc: input.audience.kind === 'custom' ? ctx.cipher.encrypt('campaign.list', input.audience.list) : null,
    list_size: input.audience.kind === 'custom' ? audience.recipients.length + audience.skippedOptOut : null,
    scope_unit: unit ?? actor.unitCode,
    template_vi: input.template.vi,
    template_en: input.template.en,
    start_at: startAt,
    recurrence: input.recurrence ? JSON.stringify(input.recurrence) : null,
    run_count: times.length,
    runs_done: 0,
    next_run_at: times[0] ?? startAt,
    status: 'scheduled',
    created_by: actor.userId,
    created_at: now,
    cancelled_at: null,
    cancelled_by: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertCampaign(trx, row);
    await recordAudit(ctx, actor, { action: 'campaign.create', subjectType: 'campaign', subjectId: row.id, unitCode: row.scope_unit, detail: { channel: row.channel, audience: row.audience_kind, runs: row.run_count, recipients: audience.recipients.length } }, trx);
  });
  return detailOf(ctx, row);
}

/** The audience a stored campaign was created with (a custom list decrypted). */
export function audienceOf(ctx: Context, row: CampaignRow): CampaignAudience {
  if (row.audience_kind === 'custom') return { kind: 'custom', list: ctx.cipher.decrypt('campaign.list', row.list_enc as string) };
  if (row.audience_kind === 'place_owners') return { kind: 'place_owners', unitCode: row.unit_code as string, sector: (row.sector as Sector | null) ?? null };
  return { kind: row.audience_kind as 'citizens' | 'officials', unitCode: row.unit_code as string };
}

export function recurrenceOf(row: CampaignRow): Recurrence | null {
  return row.recurrence ? recurrenceSchema.parse(JSON.parse(row.recurrence)) : null;
}

function visible(ctx: Context, actor: Actor, row: CampaignRow): boolean {
  const scope = scopeOf(actor, unitTree(ctx));
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return row.scope_unit !== null && unitInScope(scope, row.scope_unit, unitTree(ctx));
}

async function summariesOf(ctx: Context, rows: CampaignRow[]): Promise<Array<CampaignSummary & { runs: CampaignDetail['runs'] }>> {
  const runs = await runsOf(ctx.db, rows.map((r) => r.id));
  const counts = await statusCountsByRun(ctx.db, ctx.dialect, runs.map((r) => r.id));
  return rows.map((row) => {
    const own = runs
      .filter((r) => r.campaign_id === row.id)
      .map((r) => ({ id: r.id, number: r.number, scheduledAt: r.scheduled_at, startedAt: r.started_at, queuedAt: r.queued_at, ...runFigures(r, counts.get(r.id) ?? {}) }));
    return {
      id: row.id,
      name: row.name,
      channel: row.channel as Channel,
      audience: { kind: row.audience_kind as CampaignAudience['kind'], unitCode: row.unit_code, unitName: row.unit_code ? (unitTree(ctx).get(row.unit_code)?.name ?? null) : null, sector: row.sector, listSize: row.list_size },
      status: row.status as CampaignStatus,
      startAt: row.start_at,
      recurrence: recurrenceOf(row),
      runCount: row.run_count,
      runsDone: row.runs_done,
      nextRunAt: row.status === 'cancelled' || row.status === 'completed' ? null : row.next_run_at,
      createdAt: row.created_at,
      createdBy: row.created_by,
      totals: own.reduce(addFigures, NO_FIGURES),
      runs: own,
    };
  });
}

async function detailOf(ctx: Context, row: CampaignRow): Promise<CampaignDetail> {
  const [summary] = await summariesOf(ctx, [row]);
  return { ...(summary as CampaignSummary & { runs: CampaignDetail['runs'] }), template: { vi: row.template_vi, en: row.template_en }, cancelledAt: row.cancelled_at };
}

/** Campaigns of the official's area, newest first, with their delivery figures. */
export async function listCampaigns(ctx: Context, actor: Actor): Promise<CampaignSummary[]> {
  const rows = (await listCampaignRows(ctx.db, 500)).filter((row) => visible(ctx, actor, row)).slice(0, 200);
  return (await summariesOf(ctx, rows)).map(({ runs: _runs, ...summary }) => summary);
}

async function load(ctx: Context, actor: Actor, id: string): Promise<CampaignRow> {
  const row = await findCampaign(ctx.db, id);
  // Another area's campaign is answered as missing: its existence is not the official's business.
  if (!row || !visible(ctx, actor, row)) throw new AppError('campaign_not_found');
  return row;
}

export async function getCampaign(ctx: Context, actor: Actor, id: string): Promise<CampaignDetail> {
  return detailOf(ctx, await load(ctx, actor, id));
}

const FINISHED = ['completed', 'cancelled'];

/**
 * Pause holds the next runs and the messages not yet sent; resume picks the schedule up again;
 * cancel stops future runs and withdraws the messages not yet sent, which are marked failed with the reason.
 */
export async function changeCampaign(ctx: Context, actor: Actor, id: string, action: 'pause' | 'resume' | 'cancel'): Promise<CampaignDetail> {
  const row = await load(ctx, actor, id);
  if (FINISHED.includes(row.status)) throw new AppError('campaign_finished');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (action === 'pause') {
      await updateCampaign(trx, id, { status: 'paused' });
      await holdQueuedOfCampaign(trx, id, HELD_UNTIL);
    }
    if (action === 'resume' && row.status === 'paused') {
      await updateCampaign(trx, id, { status: row.runs_done > 0 ? 'running' : 'scheduled' });
      await holdQueuedOfCampaign(trx, id, deferPastQuietHours(now, ctx.config.messaging.quietHours));
    }
    if (action === 'cancel') {
      await updateCampaign(trx, id, { status: 'cancelled', cancelled_at: now, cancelled_by: actor.userId, next_run_at: null });
      await cancelQueuedOfCampaign(trx, id, 'campaign cancelled');
    }
    await recordAudit(ctx, actor, { action: `campaign.${action}`, subjectType: 'campaign', subjectId: id, unitCode: row.scope_unit }, trx);
  });
  return getCampaign(ctx, actor, id);
}

// Enough to try wording and channels; not a way to message people outside a campaign.
const TEST_SENDS_PER_HOUR = 20;

/**
 * Sends a draft campaign's message to the official themself, on the chosen channel, right away (test
 * sends ignore quiet hours: the official is asking for it now). The phone or e-mail typed in is
 * remembered for the next test of an account that has none.
 */
export async function sendTest(ctx: Context, actor: Actor, input: TestSendInput): Promise<{ recipientMasked: string; messageId: string }> {
  assertTemplate(input.template);
  const now = ctx.clock.now();
  if ((await countSentFor(ctx.db, actor.userId, CAMPAIGN_TEST_TEMPLATE, now - 3_600_000)) >= TEST_SENDS_PER_HOUR) throw new AppError('rate_limited');
  const typedPhone = input.phone?.trim() ? normalizePhone(input.phone) : null;
  if (input.phone?.trim() && !typedPhone) throw new AppError('invalid_input', { field: 'phone' });
  const typedEmail = input.email?.trim().toLowerCase() || null;
  if (typedEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typedEmail)) throw new AppError('invalid_input', { field: 'email' });
  if (typedPhone || typedEmail) await rememberContact(ctx, actor.userId, { ...(typedPhone ? { phone: typedPhone } : {}), ...(typedEmail ? { email: typedEmail } : {}) });
  const { recipients } = await addressesOf(ctx, [actor.userId], input.channel);
  const recipient = recipients[0];
  if (!recipient) throw new AppError('test_address_required', { field: input.channel === 'email' ? 'email' : 'phone' });
  const row = outboxRow(ctx, {
    channel: input.channel,
    recipient: recipient.address,
    body: renderText(input.template[input.language], campaignVars(ctx, actor.unitCode, now)),
    template: CAMPAIGN_TEST_TEMPLATE,
    language: input.language,
    userId: actor.userId,
    subject: 'PhongDich',
  });
  await insertMessage(ctx.db, row);
  return { recipientMasked: maskRecipient(input.channel, recipient.address), messageId: row.id };
}

/** Checks a custom list row by row, as the wizard shows it before the campaign is created. */
export function checkRecipientList(channel: Channel, list: string): { valid: number; duplicates: number; problems: ListProblem[] } {
  const parsed = parseRecipientList(list, listKind(channel));
  return { valid: parsed.recipients.length, duplicates: parsed.duplicates, problems: parsed.problems.slice(0, 500) };
}
