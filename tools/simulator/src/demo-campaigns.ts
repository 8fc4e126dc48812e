import { localDateOf, nationalPhone, type CampaignInput, type CampaignSummary } from '@phongdich/core';
import { sql } from 'kysely';
import type { Actor } from '../../../apps/server/src/actor.js';
import type { Context } from '../../../apps/server/src/context.js';
import { phonesOf } from '../../../apps/server/src/modules/accounts/index.js';
import { citizensDeclaredIn } from '../../../apps/server/src/modules/declarations/index.js';
import { createCampaign, listCampaigns } from '../../../apps/server/src/modules/messaging/campaigns.service.js';
import { deliverDueMessages, runDueCampaigns } from '../../../apps/server/src/modules/messaging/index.js';
import { updatePreferences } from '../../../apps/server/src/modules/messaging/preferences.service.js';
import { DAY_MS } from './calendar.js';
import { asOf, localHour } from './demo-clock.js';
import { citizen } from './demo-seed.js';

/** "Few scans": fewer than one a day over the week before the reminder starts. */
const FEW_SCANS_A_WEEK = 7;
/** About one citizen in 25 turned campaign messages off on their account page. */
const OPT_OUT_EVERY = 25;

export interface CampaignActors {
  /** The provincial IT department (Sở TT&TT): reminds place owners. */
  province: Actor;
  /** The provincial CDC: announces vaccination days. */
  provinceHealth: Actor;
  /** The demo commune's People's Committee: announces to its citizens. */
  commune: Actor;
  /** Reads the campaigns back for the summary (sees every area). */
  admin: Actor;
}

/** What the server's jobs do when a run comes due: the campaign job queues it, the sender sends it. */
async function runAndSend(ctx: Context): Promise<void> {
  await runDueCampaigns(ctx);
  await deliverDueMessages(ctx);
}

/**
 * The owners of the province's active places with fewer than a scan a day in the 7 days up to `to`,
 * as the IT department reads them off the deployment report and pastes them into a campaign: a list
 * with a heading, one phone a row.
 */
async function fewScansOwnerList(ctx: Context, to: string): Promise<string> {
  const from = localDateOf(Date.parse(`${to}T12:00:00+07:00`) - 6 * DAY_MS);
  const scans = sql<number>`coalesce((select sum(s.scans) from place_daily_scans s where s.place_id = p.id and s.date >= ${from} and s.date <= ${to}), 0)`;
  const owners = await ctx.db
    .selectFrom('places as p')
    .innerJoin('place_members as m', 'm.place_id', 'p.id')
    .select('m.user_id')
    .distinct()
    .where('p.status', '=', 'active')
    .where('p.province_code', '=', ctx.config.homeUnit)
    .where('m.role', '=', 'owner')
    .where(scans, '<', FEW_SCANS_A_WEEK)
    .execute();
  const ids = owners.map((o) => o.user_id);
  const phones: string[] = [];
  for (let i = 0; i < ids.length; i += 400) for (const phone of (await phonesOf(ctx, ids.slice(i, i + 400))).values()) phones.push(nationalPhone(phone));
  return ['Số điện thoại', ...phones.sort()].join('\n');
}

/** Some citizens of the commune turned campaign messages off, as the account page lets them. */
async function someOptOut(ctx: Context, commune: string): Promise<void> {
  const declared = await citizensDeclaredIn(ctx, commune);
  for (let i = OPT_OUT_EVERY - 1; i < declared.length; i += OPT_OUT_EVERY) await updatePreferences(ctx, citizen(declared[i] as string), { campaignsOptOut: true });
}

function weeklyReminder(list: string): CampaignInput {
  return {
    name: 'Nhắc chủ địa điểm ít lượt quét mã QR',
    channel: 'sms',
    audience: { kind: 'custom', list },
    template: {
      vi: 'Sở TT&TT: địa điểm của Ông/Bà có ít lượt quét mã QR trong tuần qua. Đề nghị dán mã QR ở cửa ra vào và nhắc khách quét khi đến. Hướng dẫn: {url}',
      en: 'Department of Information and Communications: your place had few QR scans last week. Please put the QR poster at the entrance and ask visitors to scan it. Guide: {url}',
    },
    startAt: null,
    recurrence: { frequency: 'weekly', interval: 1, count: 8 },
  };
}

function communeAnnouncement(commune: string): CampaignInput {
  return {
    name: 'Thông báo tạm dừng chợ đêm, hạn chế tụ tập',
    channel: 'sms',
    audience: { kind: 'citizens', unitCode: commune },
    template: {
      vi: 'UBND {unit} thông báo: từ ngày {date} tạm dừng chợ đêm, không tụ tập trên 20 người nơi công cộng. Khi sốt, ho, khó thở hãy gọi ngay {hotline}.',
      en: '{unit} People’s Committee: from {date} the night market is closed and gatherings of more than 20 people in public are not allowed. With fever, cough or short breath call {hotline}.',
    },
    startAt: null,
    recurrence: null,
  };
}

function vaccinationDay(province: string, startAt: number): CampaignInput {
  return {
    name: 'Lịch tiêm vắc-xin COVID-19 mũi 3',
    channel: 'sms',
    audience: { kind: 'citizens', unitCode: province },
    template: {
      vi: 'CDC {unit}: ngày {date} tiêm vắc-xin COVID-19 mũi 3 cho người từ 18 tuổi tại trạm y tế xã, phường nơi cư trú. Mang theo CCCD. Hỏi đáp: {hotline}',
      en: '{unit} CDC: on {date} the third COVID-19 vaccine dose is given to adults at the health station of your commune. Bring your ID card. Questions: {hotline}',
    },
    startAt,
    recurrence: null,
  };
}

/**
 * Campaigns as the province and the demo commune would have run them over the simulated weeks,
 * through the messaging services and the campaign job: a weekly reminder to owners of places with
 * few scans (three runs sent, five to come), a one-off announcement to the commune's citizens (sent,
 * finished), and the CDC's vaccination day, scheduled. Messages go through the outbox to the
 * configured channel (the server log when none is). Returns the campaigns as officials list them.
 */
export async function campaignsDemo(ctx: Context, actors: CampaignActors, commune: string): Promise<CampaignSummary[]> {
  const now = ctx.clock.now();
  // The reminder started on a morning 15 days ago, from the scans of the week before; runs 2 and 3 followed weekly.
  const reminderStart = localHour(now, -15, 8);
  const list = await fewScansOwnerList(ctx, localDateOf(reminderStart - DAY_MS));
  await asOf(ctx, reminderStart, async () => {
    await createCampaign(ctx, actors.province, weeklyReminder(list));
    await runAndSend(ctx);
  });
  await asOf(ctx, reminderStart + 7 * DAY_MS, () => runAndSend(ctx));
  await asOf(ctx, localHour(now, -5, 9), () => someOptOut(ctx, commune));
  await asOf(ctx, localHour(now, -4, 10), async () => {
    await createCampaign(ctx, actors.commune, communeAnnouncement(commune));
    await runAndSend(ctx);
  });
  await asOf(ctx, reminderStart + 14 * DAY_MS, () => runAndSend(ctx));
  // Created now, sent three days from now: the campaign job sends it when the server is running then.
  await createCampaign(ctx, actors.provinceHealth, vaccinationDay(ctx.config.homeUnit, localHour(now, 3, 8)));
  return listCampaigns(ctx, actors.admin);
}
