import { localDateOf } from '@phongdich/core';
import type { Context } from '../../context.js';
import { monitoredWithoutUpdateToday } from '../declarations/index.js';
import { insertMessages } from './outbox.repository.js';
import { outboxRow } from './outbox.service.js';
import { renderTemplate } from './messaging.templates.js';
import { addressesOf, withoutOptOuts } from './recipients.js';
import { isMandatory, sendableAt } from './delivery.rules.js';

const TEMPLATE = 'daily_update_reminder';

function dayMonthYear(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Job: after DAILY_UPDATE_REMINDER_AT (local time), one SMS a day to each person under monitoring who
 * has not sent today's health update. The dedupe key holds one reminder per person and day, so the
 * job may run as often as it likes. The template is mandatory by default (monitoring is an order,
 * not a campaign), so opt-outs and quiet hours do not apply unless configured otherwise.
 */
export async function remindMonitoredPeople(ctx: Context): Promise<number> {
  const at = ctx.config.messaging.dailyReminderMinute;
  if (at === null) return 0;
  const now = ctx.clock.now();
  const today = localDateOf(now);
  const minuteOfDay = (now - Date.parse(`${today}T00:00:00Z`) + 7 * 3_600_000) / 60_000;
  if (minuteOfDay < at) return 0;
  const due = await monitoredWithoutUpdateToday(ctx);
  if (due.length === 0) return 0;
  const until = new Map(due.map((d) => [d.subjectId, d.endDate]));
  const m = ctx.config.messaging;
  const { recipients: all } = await addressesOf(ctx, [...until.keys()], 'sms');
  const recipients = isMandatory(TEMPLATE, m.mandatoryTemplates) ? all : (await withoutOptOuts(ctx, all)).kept;
  const notBefore = sendableAt(now, TEMPLATE, m.mandatoryTemplates, m.quietHours);
  const rows = recipients.map((r) =>
    outboxRow(ctx, {
      channel: 'sms',
      recipient: r.address,
      body: renderTemplate(TEMPLATE, r.language, { date: dayMonthYear(today), url: ctx.config.baseUrl, until: dayMonthYear(until.get(r.userId as string) as string), hotline: ctx.config.healthHotline }),
      template: TEMPLATE,
      language: r.language,
      dedupeKey: `daily-update:${r.userId}:${today}`,
      userId: r.userId,
      notBefore,
    }),
  );
  return insertMessages(ctx.db, rows);
}
