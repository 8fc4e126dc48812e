import type { MessagePreferences } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { phonesOf } from '../accounts/index.js';
import { addressIndex } from './outbox.service.js';
import { isOptedOut, setOptOut } from './outbox.repository.js';
import { deletePushSubscription, findPreferences, pushSubscriptionsOf, savePreferences, savePushSubscription, type PreferencesRow } from './preferences.repository.js';

/** The phone an account is reached on: its own, or the contact phone an official gave for tests. */
export async function ownPhone(ctx: Context, userId: string): Promise<string | null> {
  const phone = (await phonesOf(ctx, [userId])).get(userId);
  if (phone) return phone;
  const contact = (await findPreferences(ctx.db, userId))?.contact_phone_enc;
  return contact ? ctx.cipher.decrypt('prefs.phone', contact) : null;
}

function blank(ctx: Context, userId: string): PreferencesRow {
  return { user_id: userId, language: 'vi', contact_phone_enc: null, contact_email_enc: null, updated_at: ctx.clock.now() };
}

export async function getPreferences(ctx: Context, actor: Actor): Promise<MessagePreferences> {
  const prefs = await findPreferences(ctx.db, actor.userId);
  const phone = await ownPhone(ctx, actor.userId);
  return {
    campaignsOptOut: phone ? await isOptedOut(ctx.db, addressIndex(ctx, 'sms', phone) as string) : false,
    language: prefs?.language === 'en' ? 'en' : 'vi',
    mandatory: ctx.config.messaging.mandatoryTemplates,
    pushPublicKey: ctx.config.messaging.vapid?.publicKey ?? null,
    pushSubscriptions: (await pushSubscriptionsOf(ctx.db, ctx.dialect, [actor.userId])).length,
  };
}

/**
 * Opting out stops campaign messages to the account's phone (kept by the phone's blind index, so a
 * custom list with that number skips it too); mandatory messages (codes, warnings) still come.
 */
export async function updatePreferences(ctx: Context, actor: Actor, input: { campaignsOptOut?: boolean | undefined; language?: 'vi' | 'en' | undefined }): Promise<MessagePreferences> {
  if (input.language) {
    const current = (await findPreferences(ctx.db, actor.userId)) ?? blank(ctx, actor.userId);
    await savePreferences(ctx.db, { ...current, language: input.language, updated_at: ctx.clock.now() });
  }
  if (input.campaignsOptOut !== undefined) {
    const phone = await ownPhone(ctx, actor.userId);
    if (phone) await setOptOut(ctx.db, addressIndex(ctx, 'sms', phone) as string, input.campaignsOptOut, 'account', ctx.clock.now());
  }
  return getPreferences(ctx, actor);
}

/** Remembers the phone (or e-mail) an account without one gave for test sends and officials' campaigns. */
export async function rememberContact(ctx: Context, userId: string, contact: { phone?: string; email?: string }): Promise<void> {
  const current = (await findPreferences(ctx.db, userId)) ?? blank(ctx, userId);
  await savePreferences(ctx.db, {
    ...current,
    contact_phone_enc: contact.phone ? ctx.cipher.encrypt('prefs.phone', contact.phone) : current.contact_phone_enc,
    contact_email_enc: contact.email ? ctx.cipher.encrypt('prefs.email', contact.email) : current.contact_email_enc,
    updated_at: ctx.clock.now(),
  });
}

export async function subscribePush(ctx: Context, actor: Actor, subscription: { endpoint: string; keys: { p256dh: string; auth: string } }): Promise<void> {
  if (!ctx.config.messaging.vapid) throw new AppError('push_not_configured');
  await savePushSubscription(ctx.db, {
    id: newId(ctx),
    user_id: actor.userId,
    endpoint_index: ctx.cipher.blindIndex('push.endpoint', subscription.endpoint),
    subscription_enc: ctx.cipher.encrypt('push.subscription', JSON.stringify(subscription)),
    created_at: ctx.clock.now(),
  });
}

export async function unsubscribePush(ctx: Context, actor: Actor, endpoint: string): Promise<void> {
  await deletePushSubscription(ctx.db, actor.userId, ctx.cipher.blindIndex('push.endpoint', endpoint));
}
