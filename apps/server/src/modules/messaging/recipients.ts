import type { Channel, Language } from '@phongdich/core';
import type { Context } from '../../context.js';
import { phonesOf } from '../accounts/index.js';
import { addressIndex } from './outbox.service.js';
import { optedOutAmong } from './outbox.repository.js';
import { preferencesOf, pushSubscriptionsOf } from './preferences.repository.js';

export interface Recipient {
  userId: string | null;
  /** E.164 phone, e-mail address, or push subscription JSON, by channel. */
  address: string;
  language: Language;
  /** What makes this recipient one (a phone, an e-mail, a subscription): part of the dedupe key. */
  key: string;
  /** The blind index its opt-out would be kept under (a push recipient: the account's phone). */
  optOutIndex: string | null;
}

/**
 * Where each account can be reached on a channel: its phone (or the contact phone an official gave),
 * its e-mail, or each of its browsers' push subscriptions. Accounts with none are counted.
 */
export async function addressesOf(ctx: Context, userIds: readonly string[], channel: Channel): Promise<{ recipients: Recipient[]; noAddress: number }> {
  const ids = [...new Set(userIds)];
  const prefs = await preferencesOf(ctx.db, ctx.dialect, ids);
  const phones = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 400) for (const [id, phone] of await phonesOf(ctx, ids.slice(i, i + 400))) phones.set(id, phone);
  const phoneOf = (id: string) => {
    const contact = prefs.get(id)?.contact_phone_enc;
    return phones.get(id) ?? (contact ? ctx.cipher.decrypt('prefs.phone', contact) : undefined);
  };
  const languageOf = (id: string): Language => (prefs.get(id)?.language === 'en' ? 'en' : 'vi');
  const recipients: Recipient[] = [];
  let noAddress = 0;
  if (channel === 'push') {
    const subscriptions = await pushSubscriptionsOf(ctx.db, ctx.dialect, ids);
    const reached = new Set<string>();
    for (const s of subscriptions) {
      const phone = phoneOf(s.user_id);
      reached.add(s.user_id);
      recipients.push({ userId: s.user_id, address: ctx.cipher.decrypt('push.subscription', s.subscription_enc), language: languageOf(s.user_id), key: s.id, optOutIndex: phone ? addressIndex(ctx, 'sms', phone) : null });
    }
    noAddress = ids.filter((id) => !reached.has(id)).length;
    return { recipients, noAddress };
  }
  for (const id of ids) {
    const email = prefs.get(id)?.contact_email_enc;
    const address = channel === 'email' ? (email ? ctx.cipher.decrypt('prefs.email', email) : undefined) : phoneOf(id);
    if (!address) {
      noAddress++;
      continue;
    }
    const index = addressIndex(ctx, channel, address);
    recipients.push({ userId: id, address, language: languageOf(id), key: index ?? address, optOutIndex: index });
  }
  return { recipients, noAddress };
}

/** Recipients who did not opt out of campaign messages, and how many did. Repeated addresses are kept once. */
export async function withoutOptOuts(ctx: Context, recipients: readonly Recipient[]): Promise<{ kept: Recipient[]; optedOut: number }> {
  const opted = await optedOutAmong(ctx.db, ctx.dialect, [...new Set(recipients.map((r) => r.optOutIndex).filter((i): i is string => Boolean(i)))]);
  const seen = new Set<string>();
  const kept: Recipient[] = [];
  let optedOut = 0;
  for (const r of recipients) {
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    if (r.optOutIndex && opted.has(r.optOutIndex)) optedOut++;
    else kept.push(r);
  }
  return { kept, optedOut };
}
