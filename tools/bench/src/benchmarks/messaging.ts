import smpp, { type PDU } from 'smpp';
import { newId } from '../../../../apps/server/src/context.js';
import { deliverDueMessages } from '../../../../apps/server/src/modules/messaging/delivery.service.js';
import { smsParts } from '../../../../apps/server/src/modules/messaging/channels/sms-pdus.js';
import { renderTemplate } from '../../../../apps/server/src/modules/messaging/messaging.templates.js';
import { insertMessages } from '../../../../apps/server/src/modules/messaging/outbox.repository.js';
import { outboxRow } from '../../../../apps/server/src/modules/messaging/outbox.service.js';
import { closeProviders, providersOf } from '../../../../apps/server/src/modules/messaging/providers.js';
import { startLoopbackSmsc, type LoopbackSmsc } from '../../../../apps/server/src/testing/loopback-smsc.js';
import { round, type Benchmark, type BenchResult } from '../framework.js';
import { benchEnvironment, benchPostgresUrl, freshPostgres } from '../setup.js';

// The window both senders keep in flight: the SMSC's usual limit for one bind.
const WINDOW = 100;
const TARGET_PER_SECOND = 1000;

function text(i: number): string {
  return renderTemplate('sign_in_code', 'vi', { code: String(100000 + (i % 900000)), minutes: 5 });
}

/**
 * The loopback SMS centre's own ceiling, this run: a bare SMPP client (no database, no outbox) bound
 * to it, submitting the same one-part UCS-2 messages with the same window and asking for receipts.
 */
async function rawSubmitRate(smsc: LoopbackSmsc, count: number): Promise<number> {
  const session = smpp.connect({ url: smsc.url, auto_enquire_link_period: 0 });
  await new Promise<void>((resolve, reject) => {
    session.on('connect', () => session.bind_transceiver({ system_id: 'raw', password: 'bench' }, (pdu) => (pdu.command_status === 0 ? resolve() : reject(new Error(`bind: ${pdu.command_status}`)))));
    session.on('error', reject);
  });
  session.on('deliver_sm', (pdu: PDU) => session.send(pdu.response()));
  const started = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    let answered = 0;
    const next = () => {
      while (sent < count && sent - answered < WINDOW) {
        const i = sent++;
        const [part] = smsParts(text(i), `raw-${i}`);
        session.submit_sm({ source_addr: 'PhongDich', destination_addr: `8491${String(i).padStart(7, '0')}`, registered_delivery: 1, ...part }, () => {
          answered++;
          if (answered === count) resolve();
          else next();
        });
      }
    };
    next();
  });
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => session.unbind({}, () => resolve()));
  session.destroy();
  return count / seconds;
}

/**
 * The outbox to the same SMS centre: `count` messages queued in the outbox (as sign-in codes are),
 * then the sender claims, decrypts, submits with its window and records each answer and each
 * receipt. Timed from the first claim until every message is sent, and until every receipt is in.
 */
async function outboxRate(label: string, databaseEnv: Record<string, string>, smsc: LoopbackSmsc, count: number): Promise<BenchResult[]> {
  const env = await benchEnvironment({
    ...databaseEnv,
    SMPP_URL: smsc.url,
    SMPP_SYSTEM_ID: 'phongdich',
    SMPP_PASSWORD: 'bench',
    SMPP_WINDOW: String(WINDOW),
    MESSAGE_RATE_LIMITS: JSON.stringify({ sms: 100_000 }),
    MESSAGE_QUIET_HOURS: 'none',
  });
  const { ctx } = env;
  try {
    const queueStarted = performance.now();
    const rows = Array.from({ length: count }, (_, i) =>
      outboxRow(ctx, { channel: 'sms', recipient: `+8497${String(i).padStart(7, '0')}`, body: text(i), template: 'sign_in_code', language: 'vi', dedupeKey: `bench-${newId(ctx)}` }),
    );
    await insertMessages(ctx.db, rows);
    const queueSeconds = (performance.now() - queueStarted) / 1000;
    const before = smsc.received.length;
    const started = performance.now();
    let sent = 0;
    while (sent < count) sent += await deliverDueMessages(ctx, { budgetMs: 120_000 });
    const sendSeconds = (performance.now() - started) / 1000;
    const received = smsc.received.length - before;
    let delivered = 0;
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline) {
      await providersOf(ctx).events.flush();
      delivered = Number((await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'delivered').executeTakeFirst())?.n ?? 0);
      if (delivered >= count) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const receiptSeconds = (performance.now() - started) / 1000;
    const perSecond = count / sendSeconds;
    return [
      {
        name: `messaging: outbox → SMPP (${label})`,
        figure: perSecond,
        unit: 'msg/s',
        baseline: 0,
        baselineLabel: 'raw submit rate, filled in below',
        ratio: 0,
        target: `≥ ${TARGET_PER_SECOND} msg/s sustained`,
        pass: perSecond >= TARGET_PER_SECOND && received === count,
        details: { messages: count, smscReceived: received, sendSeconds: round(sendSeconds, 2), queueSeconds: round(queueSeconds, 2), delivered, withReceiptsPerSecond: round(delivered / receiptSeconds, 1) },
      },
    ];
  } finally {
    await closeProviders(ctx);
    await env.close();
  }
}

export const messagingBenchmark: Benchmark = {
  name: 'messaging',
  async run({ full }) {
    const count = full ? 50_000 : 10_000;
    const smsc = await startLoopbackSmsc({ password: 'bench', receipts: true });
    try {
      const raw = await rawSubmitRate(smsc, count);
      const results = await outboxRate('SQLite', {}, smsc, count);
      const pgUrl = benchPostgresUrl();
      if (pgUrl) results.push(...(await outboxRate('PostgreSQL', { DATABASE_URL: await freshPostgres(pgUrl) }, smsc, count)));
      const rawAfter = await rawSubmitRate(smsc, count);
      // The SMS centre's ceiling measured before and after, so a busy machine shows in both figures.
      const baseline = (raw + rawAfter) / 2;
      return results.map((r) => ({ ...r, baseline, baselineLabel: 'raw SMPP submit rate of the loopback SMSC, same run', ratio: r.figure / baseline, details: { ...r.details, rawBefore: round(raw, 0), rawAfter: round(rawAfter, 0) } }));
    } finally {
      await smsc.close();
    }
  },
};
