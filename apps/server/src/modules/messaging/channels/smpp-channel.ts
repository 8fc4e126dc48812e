import smpp, { type PDU, type Session } from 'smpp';
import type { Logger } from 'pino';
import { normalizePhone } from '@phongdich/core';
import type { MessagingConfig } from '../../../config/config.js';
import type { ChannelSender, Delivery, ProviderEvents, SendResult } from './channel.js';
import { smsParts } from './sms-pdus.js';

type SmppConfig = NonNullable<MessagingConfig['smpp']>;

// command_status values worth retrying: the SMSC is busy or failing, not refusing this message.
const TEMPORARY = new Set([0x08, 0x14, 0x45, 0x58, 0x64]);
const STATUS_NAMES = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));
// SMPP 3.4 §5.2.28 message_state → the short names receipts carry in their text (Appendix B).
const MESSAGE_STATES: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };
const FINAL_FAILURES = new Set(['EXPIRED', 'DELETED', 'UNDELIV', 'REJECTD']);
const ANSWER_TIMEOUT_MS = 30_000;
const ENQUIRE_LINK_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;
const MAX_RECONNECT_DELAY_MS = 60_000;

export function statusName(status: number): string {
  return `${STATUS_NAMES.get(status) ?? 'ESME_UNKNOWN'} (0x${status.toString(16).padStart(8, '0')})`;
}

function textOf(message: unknown): string {
  const value = message && typeof message === 'object' && 'message' in message ? (message as { message: unknown }).message : message;
  return Buffer.isBuffer(value) ? value.toString('latin1') : typeof value === 'string' ? value : '';
}

interface Pending {
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * SMS through a telecom SMS centre over SMPP 3.4: one bound session (transceiver by default, so
 * delivery receipts and replies come back on it), submit_sm with up to `window` requests awaiting
 * their answer, enquire_link to keep it alive, and reconnection with exponential backoff.
 * Real time (not the context clock) paces reconnection: it is about the network, not the domain.
 */
export class SmppChannel implements ChannelSender {
  readonly channel = 'sms' as const;
  readonly provider = 'smpp';
  readonly concurrency: number;
  private session: Session | null = null;
  private connecting: Promise<Session> | null = null;
  private failures = 0;
  private retryAt = 0;
  private lastError = '';
  private closed = false;
  private readonly pending = new Set<Pending>();

  constructor(
    private readonly config: SmppConfig,
    private readonly events: ProviderEvents,
    private readonly logger: Logger,
  ) {
    this.concurrency = config.window;
  }

  async send(delivery: Delivery): Promise<SendResult> {
    const session = await this.bound();
    const parts = smsParts(delivery.body, delivery.id);
    const destination = delivery.recipient.replace(/^\+/, '');
    const alphanumeric = /[^\d+]/.test(this.config.sourceAddr);
    const refs: string[] = [];
    for (const [index, part] of parts.entries()) {
      const answer = await this.submit(session, {
        source_addr_ton: alphanumeric ? 5 : 1,
        source_addr_npi: alphanumeric ? 0 : 1,
        source_addr: this.config.sourceAddr,
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: destination,
        registered_delivery: this.config.bind === 'transceiver' ? 1 : 0,
        ...part,
      });
      if (answer.command_status !== 0) {
        const where = parts.length > 1 ? ` at part ${index + 1}/${parts.length}` : '';
        return { status: 'failed', permanent: !TEMPORARY.has(answer.command_status), answer: `smpp submit_sm: ${statusName(answer.command_status)}${where}` };
      }
      refs.push(String(answer.message_id ?? ''));
    }
    return { status: 'sent', answer: `smpp: accepted ${refs.join(',')}`, refs: refs.filter(Boolean), parts: parts.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 1000);
      const done = () => {
        clearTimeout(timer);
        session.close(() => resolve());
      };
      if (!session.unbind({}, done)) done();
    });
  }

  /** The bound session, connecting (or waiting out the backoff) first when there is none. */
  private bound(): Promise<Session> {
    if (this.session) return Promise.resolve(this.session);
    if (this.connecting) return this.connecting;
    if (this.closed) return Promise.reject(new Error('SMPP channel closed'));
    const wait = this.retryAt - performance.now();
    if (wait > 0) return Promise.reject(new Error(`SMSC unreachable (${this.lastError}); next try in ${Math.ceil(wait / 1000)} s`));
    this.connecting = this.connect().then(
      (session) => {
        this.failures = 0;
        this.session = session;
        this.connecting = null;
        return session;
      },
      (error: Error) => {
        this.failures += 1;
        this.lastError = error.message;
        this.retryAt = performance.now() + Math.min(1000 * 2 ** (this.failures - 1), MAX_RECONNECT_DELAY_MS);
        this.connecting = null;
        this.logger.warn({ channel: 'sms', reason: error.message, failures: this.failures }, 'SMSC connection failed');
        throw error;
      },
    );
    return this.connecting;
  }

  private connect(): Promise<Session> {
    return new Promise((resolve, reject) => {
      const session = smpp.connect({ url: this.config.url, auto_enquire_link_period: ENQUIRE_LINK_MS });
      let bound = false;
      const timeout = setTimeout(() => {
        this.lastError = `no bind within ${CONNECT_TIMEOUT_MS / 1000} s`;
        session.destroy();
      }, CONNECT_TIMEOUT_MS);
      session.on('connect', () => {
        const bind = this.config.bind === 'transceiver' ? session.bind_transceiver.bind(session) : session.bind_transmitter.bind(session);
        bind({ system_id: this.config.systemId, password: this.config.password, system_type: this.config.systemType, interface_version: 0x34 }, (pdu: PDU) => {
          clearTimeout(timeout);
          if (pdu.command_status === 0) {
            bound = true;
            resolve(session);
          } else {
            reject(new Error(`bind refused: ${statusName(pdu.command_status)}`));
            session.destroy();
          }
        });
      });
      session.on('error', (error: Error) => {
        this.lastError = error.message;
        if (!bound) reject(error);
      });
      session.on('close', () => {
        clearTimeout(timeout);
        if (!bound) reject(new Error(this.lastError || 'connection closed before bind'));
        this.dropped(session);
      });
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on('deliver_sm', (pdu: PDU) => {
        session.send(pdu.response());
        this.delivered(pdu);
      });
    });
  }

  /** The connection is gone: requests awaiting an answer fail (temporarily), and the next send reconnects. */
  private dropped(session: Session): void {
    if (this.session === session) this.session = null;
    const reason = `connection to the SMSC lost${this.lastError ? ` (${this.lastError})` : ''}`;
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new Error(reason));
    }
    this.pending.clear();
  }

  private submit(session: Session, fields: Record<string, unknown>): Promise<PDU> {
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        reject,
        timer: setTimeout(() => {
          this.pending.delete(entry);
          reject(new Error(`no answer from the SMSC in ${ANSWER_TIMEOUT_MS / 1000} s`));
        }, ANSWER_TIMEOUT_MS),
      };
      this.pending.add(entry);
      const written = session.submit_sm(fields, (pdu: PDU) => {
        clearTimeout(entry.timer);
        this.pending.delete(entry);
        resolve(pdu);
      });
      if (!written) {
        clearTimeout(entry.timer);
        this.pending.delete(entry);
        reject(new Error('connection to the SMSC is not writable'));
      }
    });
  }

  /** A deliver_sm: a delivery receipt (esm_class type 0x04) or a reply from a phone. */
  private delivered(pdu: PDU): void {
    const text = textOf(pdu.short_message) || textOf(pdu.message_payload);
    if (((pdu.esm_class as number) & 0x3c) === 0x04) {
      const ref = typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id ? pdu.receipted_message_id : /\bid:(\S+)/i.exec(text)?.[1];
      const stat = /\bstat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? MESSAGE_STATES[pdu.message_state as number];
      if (!ref || !stat) return;
      const err = /\berr:(\w+)/i.exec(text)?.[1];
      if (stat === 'DELIVRD') this.events.receipt('sms', { ref, state: 'delivered', answer: `receipt: ${stat}` });
      else if (FINAL_FAILURES.has(stat)) this.events.receipt('sms', { ref, state: 'failed', answer: `receipt: ${stat}${err ? ` err:${err}` : ''}` });
      return;
    }
    const from = normalizePhone(`+${String(pdu.source_addr ?? '')}`) ?? normalizePhone(String(pdu.source_addr ?? ''));
    if (from) this.events.inbound('sms', from, text);
  }
}
