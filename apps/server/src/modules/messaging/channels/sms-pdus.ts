import crypto from 'node:crypto';
import { splitSms } from '@phongdich/core';

/** The fields of one submit_sm that carry the text (SMPP 3.4 §5.2.19, §5.2.12, §4.4.1). */
export interface SmsPart {
  data_coding: number;
  esm_class: number;
  short_message: Buffer;
}

const UCS2 = 0x08;
const SMSC_DEFAULT = 0x00;
const UDHI = 0x40;

/** A stable 8-bit concatenation reference per message, so a resent part joins its siblings on the phone. */
export function concatReference(messageId: string): number {
  return crypto.createHash('sha256').update(messageId).digest()[0] ?? 0;
}

/**
 * The submit_sm payloads of a text: UCS-2 big-endian (data_coding 8) for Vietnamese, the default
 * alphabet for plain ASCII; more than one part carries a UDH with the concatenation element
 * (IEI 0x00: reference, total, sequence) and the UDHI bit in esm_class.
 */
export function smsParts(text: string, messageId: string): SmsPart[] {
  const { encoding, parts } = splitSms(text);
  const reference = concatReference(messageId);
  return parts.map((part, index) => {
    const payload = encoding === 'ucs2' ? Buffer.from(part, 'utf16le').swap16() : Buffer.from(part, 'latin1');
    const udh = parts.length > 1 ? Buffer.from([0x05, 0x00, 0x03, reference, parts.length, index + 1]) : null;
    return {
      data_coding: encoding === 'ucs2' ? UCS2 : SMSC_DEFAULT,
      esm_class: udh ? UDHI : 0,
      short_message: udh ? Buffer.concat([udh, payload]) : payload,
    };
  });
}
