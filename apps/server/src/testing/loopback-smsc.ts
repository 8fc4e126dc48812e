import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';

/** One submit_sm as the SMS centre received it. */
export interface ReceivedSms {
  systemId: string;
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** The user data header (concatenation element) when the message is a part of a longer one. */
  udh: Buffer | null;
  /** The text, decoded from the declared data_coding. */
  text: string;
  messageId: string;
}

export interface SmscBehaviour {
  /** Answer submit_sm with this command_status instead of 0 (e.g. 0x58 throttled, 0x0B bad destination). */
  refuseWith?: number;
  /** Close the connection instead of answering the next this-many submits. */
  dropNext?: number;
  /** Send a delivery receipt (DELIVRD, or this stat) for each accepted part when registered_delivery asks. */
  receipts?: boolean;
  receiptStat?: string;
  /** Refuse binds with a wrong password. */
  password?: string;
}

export interface LoopbackSmsc {
  url: string;
  received: ReceivedSms[];
  binds: Array<{ command: string; systemId: string }>;
  behaviour: SmscBehaviour;
  /** Joins concatenated parts per destination and reference, as a phone would. */
  messagesTo(destination: string): string[];
  /** Sends a reply from a phone (an MO message) on every bound session. */
  reply(from: string, text: string): void;
  dropAll(): void;
  close(): Promise<void>;
}

function decode(pdu: PDU): { udh: Buffer | null; raw: Buffer } {
  const value = pdu.short_message as { udh?: Buffer[]; message?: unknown } | Buffer | string;
  if (Buffer.isBuffer(value)) return { udh: null, raw: value };
  if (typeof value === 'string') return { udh: null, raw: Buffer.from(value, 'latin1') };
  const message = value.message;
  const udh = value.udh?.length ? Buffer.concat(value.udh.map((u) => Buffer.concat([Buffer.from([u.length]), u]))) : null;
  if (Buffer.isBuffer(message)) return { udh, raw: message };
  // The library decoded it already; encode back to compare bytes as sent.
  const text = String(message ?? '');
  return { udh, raw: pdu.data_coding === 8 ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, 'latin1') };
}

/**
 * A real SMPP 3.4 server (the npm `smpp` package) on 127.0.0.1 standing in for a telecom SMS centre:
 * it accepts binds, answers submit_sm with message ids, records what it received, and sends delivery
 * receipts as deliver_sm. Used by the messaging tests and the benchmark.
 */
export async function startLoopbackSmsc(behaviour: SmscBehaviour = {}): Promise<LoopbackSmsc> {
  const received: ReceivedSms[] = [];
  const binds: LoopbackSmsc['binds'] = [];
  const sessions = new Set<Session>();
  let counter = 0;
  const state: { behaviour: SmscBehaviour } = { behaviour: { receipts: true, ...behaviour } };
  const server = smpp.createServer((session: Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => sessions.delete(session));
    let systemId = '';
    const onBind = (pdu: PDU) => {
      systemId = String(pdu.system_id);
      binds.push({ command: pdu.command, systemId });
      const b = state.behaviour;
      if (b.password !== undefined && pdu.password !== b.password) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }));
        return;
      }
      session.send(pdu.response({ system_id: 'LOOPBACK' }));
    };
    session.on('bind_transceiver', onBind);
    session.on('bind_transmitter', onBind);
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('deliver_sm_resp', () => undefined);
    session.on('submit_sm', (pdu: PDU) => {
      const b = state.behaviour;
      if (b.dropNext && b.dropNext > 0) {
        b.dropNext -= 1;
        session.destroy();
        return;
      }
      if (b.refuseWith) {
        session.send(pdu.response({ command_status: b.refuseWith }));
        return;
      }
      const messageId = `M${(++counter).toString(16).toUpperCase().padStart(8, '0')}`;
      const { udh, raw } = decode(pdu);
      const dataCoding = Number(pdu.data_coding ?? 0);
      received.push({
        systemId,
        source: String(pdu.source_addr),
        destination: String(pdu.destination_addr),
        dataCoding,
        esmClass: Number(pdu.esm_class ?? 0),
        registeredDelivery: Number(pdu.registered_delivery ?? 0),
        udh,
        text: dataCoding === 8 ? Buffer.from(raw).swap16().toString('utf16le') : raw.toString('latin1'),
        messageId,
      });
      session.send(pdu.response({ message_id: messageId }));
      if (b.receipts && (Number(pdu.registered_delivery) & 1) === 1) {
        const stat = b.receiptStat ?? 'DELIVRD';
        setImmediate(() =>
          session.deliver_sm({
            source_addr: String(pdu.destination_addr),
            destination_addr: String(pdu.source_addr),
            esm_class: 0x04,
            short_message: `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2611010800 done date:2611010800 stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`,
            receipted_message_id: messageId,
            message_state: stat === 'DELIVRD' ? 2 : 5,
          }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smpp://127.0.0.1:${port}`,
    received,
    binds,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value: SmscBehaviour) {
      state.behaviour = value;
    },
    messagesTo(destination: string) {
      const singles: string[] = [];
      const groups = new Map<string, Array<{ seq: number; text: string }>>();
      for (const sms of received.filter((r) => r.destination === destination)) {
        if (!sms.udh) {
          singles.push(sms.text);
          continue;
        }
        const key = `${sms.udh[3]}`;
        const list = groups.get(key) ?? [];
        if (!list.some((p) => p.seq === sms.udh?.[5])) list.push({ seq: sms.udh[5] ?? 0, text: sms.text });
        groups.set(key, list);
      }
      return [...singles, ...[...groups.values()].map((parts) => parts.sort((a, b) => a.seq - b.seq).map((p) => p.text).join(''))];
    },
    reply(from: string, text: string) {
      for (const session of sessions) session.deliver_sm({ source_addr: from, destination_addr: 'PhongDich', esm_class: 0, short_message: text });
    },
    dropAll() {
      for (const session of sessions) session.destroy();
    },
    async close() {
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
