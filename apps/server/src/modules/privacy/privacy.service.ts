import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { accountForExport, eraseAccounts, familyIdsOf, forgetSessions, phoneOf } from '../accounts/index.js';
import { readsOfPeople, recordAudit } from '../audit/index.js';
import { healthRecordIdsOf, keepPhoneForFollowUp, openHealthRecords } from '../cases/index.js';
import { declarationsForExport, eraseDeclarationsOf, eraseReportsBy, reportsForExport } from '../declarations/index.js';
import { eraseSharesOf } from '../exposure/index.js';
import { eraseMessagingOf } from '../messaging/index.js';
import { erasePersonalQr } from '../people/index.js';
import { leaveAllPlaces, membershipsForExport } from '../places/index.js';
import { eraseVisitsOf, visitsForExport } from '../presence/index.js';

/**
 * Everything stored about the account and the family members under it, opened (PRODUCT.md §11:
 * citizens can export their data). Read straight from each module's tables, so nothing the
 * account can see elsewhere is left out; the retention periods bound what is still there.
 */
export async function exportMyData(ctx: Context, actor: Actor) {
  const { account, family } = await accountForExport(ctx, actor.userId);
  const people = [actor.userId, ...family.map((m) => m.id)];
  const declarations = await declarationsForExport(ctx, people);
  // Reads are audited under the id of what was read: the person, a declaration, a case, a contact.
  const readable = [...people, ...declarations.declarations.map((d) => d.id), ...(await healthRecordIdsOf(ctx, people))];
  return {
    exportedAt: new Date(ctx.clock.now()).toISOString(),
    account,
    family,
    visits: await visitsForExport(ctx, people),
    declarations: declarations.declarations,
    monitoring: declarations.monitoring,
    reports: await reportsForExport(ctx, actor.userId),
    places: await membershipsForExport(ctx.db, actor.userId),
    // That officials read the data, and why; who exactly stays in the audit log for administrators.
    readsByOfficials: await readsOfPeople(ctx, readable),
  };
}

export interface DeletionResult {
  accounts: number;
  visits: number;
  declarations: number;
  reports: number;
  /** Case and contact records kept because the health department still follows the person. */
  keptForFollowUp: { openCases: number; followedContacts: number };
}

/**
 * Deletes a citizen's account, its family members and what they stored, in one transaction.
 * Officials' and staff accounts are managed by administrators. An open case or a quarantine in
 * progress stays with the health department (the commune team keeps a phone to call), and the
 * last owner of a place must hand it over first (last_owner).
 */
export async function deleteMyAccount(ctx: Context, actor: Actor): Promise<DeletionResult> {
  if (actor.role !== 'citizen') throw new AppError('forbidden');
  const people = [actor.userId, ...(await familyIdsOf(ctx.db, actor.userId))];
  const keptForFollowUp = await openHealthRecords(ctx, people);
  const phone = await phoneOf(ctx, actor.userId);
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (phone && keptForFollowUp.followedContacts > 0) await keepPhoneForFollowUp(ctx, trx, actor.userId, phone);
    await leaveAllPlaces(trx, actor.userId);
    const visits = await eraseVisitsOf(trx, people);
    const declarations = await eraseDeclarationsOf(trx, people);
    const reports = await eraseReportsBy(trx, actor.userId);
    await eraseSharesOf(trx, people);
    await erasePersonalQr(trx, people);
    await eraseMessagingOf(trx, people);
    const accounts = await eraseAccounts(trx, people);
    // Counts only: the audit log must not keep what the person asked to erase.
    await recordAudit(ctx, actor, { action: 'account.deleted', subjectType: 'user', subjectId: actor.userId, detail: { accounts, visits, declarations, reports } }, trx);
    return { accounts, visits, declarations, reports, keptForFollowUp };
  });
  // The account's sessions are gone from the database; cached copies must not outlive them.
  forgetSessions(ctx);
  return result;
}
