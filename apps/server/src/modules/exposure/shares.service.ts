import { fromBase64, toBase64 } from '@phongdich/exposure';
import type { ExposureShare } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeOf } from '../../http/scope.js';
import { labelsOf, phonesOf } from '../accounts/index.js';
import { recordPersonalDataRead } from '../audit/index.js';
import { addSharedExposure } from '../cases/index.js';
import { unitTree } from '../units/index.js';
import { publishedKeys, unlinkedShares, upsertShare } from './exposure.repository.js';

const DAY_MS = 86_400_000;

function canonical(key: string): string {
  try {
    return toBase64(fromBase64(key));
  } catch {
    return '';
  }
}

/**
 * A person chose to tell the health department about a match. The matched keys must be published ones; when
 * the code behind them was issued for a case, the person becomes a Bluetooth contact of that case (tracing),
 * otherwise the share waits for officials without a case. The phone's contact log never leaves it.
 */
export async function shareMatch(ctx: Context, actor: Actor, input: ExposureShare): Promise<{ shared: number; linkedToCase: boolean }> {
  if (input.windowEnd < input.windowStart) throw new AppError('date_order', { field: 'windowEnd' });
  if (input.windowStart > ctx.clock.now()) throw new AppError('date_in_future', { field: 'windowStart' });
  const keys = await publishedKeys(ctx.db, ctx.dialect, [...new Set(input.keys.map((k) => canonical(k.key)))]);
  if (keys.length === 0) throw new AppError('exposure_key_not_published', { field: 'keys' });
  const caseOf = (ref: string | null) => (ref ? ctx.cipher.decrypt('exposure.case_ref', ref) : null);
  // One contact per case, however many of its keys (days) the phone matched.
  const contacts = new Map<string, { contactId: string } | null>();
  for (const caseId of new Set(keys.flatMap((k) => caseOf(k.case_ref) ?? []))) {
    contacts.set(caseId, await addSharedExposure(ctx, { caseId, personId: actor.userId, windowStart: input.windowStart, windowEnd: input.windowEnd, minutes: input.weightedMinutes }));
  }
  const now = ctx.clock.now();
  for (const key of keys) {
    const caseId = caseOf(key.case_ref);
    const contact = caseId ? contacts.get(caseId) : null;
    await upsertShare(ctx.db, {
      id: newId(ctx),
      person_id: actor.userId,
      key_hash: ctx.cipher.blindIndex('exposure.key', key.key_data),
      case_id: contact ? caseId : null,
      contact_id: contact?.contactId ?? null,
      exposure_date: input.exposureDate,
      window_start: input.windowStart,
      window_end: input.windowEnd,
      weighted_minutes: input.weightedMinutes,
      level: input.level,
      created_at: now,
    });
  }
  const linked = [...contacts.values()].some((c) => c !== null);
  ctx.logger.info({ keys: keys.length, cases: contacts.size, linked }, 'exposure match shared');
  return { shared: keys.length, linkedToCase: linked };
}

/**
 * Shares whose keys came with a code issued without a case: only officials who see the whole province can
 * place them (nothing says where the exposure happened). Every person shown is audited.
 */
export async function listUnlinkedShares(ctx: Context, actor: Actor) {
  const scope = scopeOf(actor, unitTree(ctx));
  const wholeProvince = scope.kind === 'all' || (scope.kind === 'unit' && scope.tier === 'province');
  if (!wholeProvince) return { items: [] };
  const rows = await unlinkedShares(ctx.db, ctx.clock.now() - ctx.config.exposureKeyRetentionDays * DAY_MS, 200);
  const people = [...new Set(rows.map((r) => r.person_id))];
  const labels = await labelsOf(ctx, people);
  const phones = await phonesOf(ctx, people);
  await recordPersonalDataRead(ctx, actor, people.map((id) => ({ type: 'person', id })), 'exposure.shares');
  return {
    items: rows.map((r) => ({
      id: r.id,
      displayName: labels.get(r.person_id)?.displayName ?? '—',
      phone: phones.get(r.person_id) ?? null,
      exposureDate: r.exposure_date,
      weightedMinutes: r.weighted_minutes,
      level: r.level,
      createdAt: r.created_at,
    })),
  };
}
