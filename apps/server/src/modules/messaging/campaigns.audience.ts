import { parseRecipientList, type CampaignAudience, type Channel, type ListProblem } from '@phongdich/core';
import type { Context } from '../../context.js';
import { officialsWithin } from '../accounts/index.js';
import { citizensDeclaredIn } from '../declarations/index.js';
import { placeOwnersIn } from '../places/index.js';
import { addressIndex } from './outbox.service.js';
import { addressesOf, withoutOptOuts, type Recipient } from './recipients.js';

export interface ResolvedAudience {
  /** Recipients to message: opted-out and repeated addresses removed. */
  recipients: Recipient[];
  skippedOptOut: number;
  skippedNoAddress: number;
  /** Rows of a custom list that are not an address (none for the other audiences). */
  listProblems: ListProblem[];
}

/** A custom list holds phones, except for the e-mail channel; push reaches accounts, so lists cannot use it. */
export function listKind(channel: Channel): 'phone' | 'email' {
  return channel === 'email' ? 'email' : 'phone';
}

async function accountsOf(ctx: Context, audience: Exclude<CampaignAudience, { kind: 'custom' }>): Promise<string[]> {
  if (audience.kind === 'citizens') return citizensDeclaredIn(ctx, audience.unitCode);
  if (audience.kind === 'place_owners') return placeOwnersIn(ctx, audience.unitCode, audience.sector ?? null);
  return officialsWithin(ctx, audience.unitCode);
}

/**
 * Who a campaign reaches on its channel right now. The audience is resolved at each run (people move,
 * places open), so a weekly reminder reaches whoever is in the unit that week.
 */
export async function resolveAudience(ctx: Context, channel: Channel, audience: CampaignAudience): Promise<ResolvedAudience> {
  if (audience.kind === 'custom') {
    const parsed = parseRecipientList(audience.list, listKind(channel));
    const listed: Recipient[] = parsed.recipients.map((r) => {
      const index = addressIndex(ctx, channel, r.address);
      return { userId: null, address: r.address, language: r.language, key: index ?? r.address, optOutIndex: index };
    });
    const { kept, optedOut } = await withoutOptOuts(ctx, listed);
    return { recipients: kept, skippedOptOut: optedOut, skippedNoAddress: 0, listProblems: parsed.problems };
  }
  const { recipients, noAddress } = await addressesOf(ctx, await accountsOf(ctx, audience), channel);
  const { kept, optedOut } = await withoutOptOuts(ctx, recipients);
  return { recipients: kept, skippedOptOut: optedOut, skippedNoAddress: noAddress, listProblems: [] };
}
