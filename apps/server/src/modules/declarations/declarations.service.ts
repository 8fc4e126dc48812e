import {
  declarationSchema,
  DEFAULT_VULNERABLE_AGE,
  formKindOf,
  parseWithKeys,
  riskSignals,
  type Declaration,
  type DeclarationKind,
  type DeclarationReceipt,
  type DeclarationStatus,
  type MyDeclaration,
} from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError, InvalidInput } from '../../http/errors.js';
import { perContext, TtlCache } from '../../cache.js';
import { isUniqueViolation } from '../../db/database.js';
import { labelsOf, maySpeakFor, type PersonLabel } from '../accounts/index.js';
import { emitIntegrationEvents } from '../integration/index.js';
import { personalQr } from '../people/index.js';
import { placeBasics } from '../places/index.js';
import { unitTree } from '../units/index.js';
import {
  activeMonitoringOf,
  declarationsOfSubjects,
  findByClientEvent,
  findDeclaration,
  insertDeclaration,
  insertFlag,
  latestOf,
  markSuperseded,
  type DeclarationRow,
} from './declarations.repository.js';
import { addressUnits, flagReasons, lookupKeys, vehicleKey, type FlagRule } from './declarations.rules.js';
import { riskSettings } from './settings.service.js';

const DAY_MS = 86_400_000;

/** Today's calendar date in Vietnam (birth years, entry dates and daily updates are local dates). */
export function localToday(ctx: Context): string {
  return new Date(ctx.clock.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

// Building the union schema costs about a millisecond; it depends only on the date and the tree.
const schemas = perContext(() => new Map<string, ReturnType<typeof declarationSchema>>());

function schemaFor(ctx: Context, today: string) {
  const cache = schemas(ctx);
  let schema = cache.get(today);
  if (!schema) {
    cache.clear();
    schema = declarationSchema({ today, units: unitTree(ctx) });
    cache.set(today, schema);
  }
  return schema;
}

/** Checks a record against its form version; problems are reported under `declaration.`. */
export function parseDeclaration(ctx: Context, record: unknown): Declaration {
  const result = parseWithKeys(schemaFor(ctx, localToday(ctx)), record);
  if (!result.success) throw new InvalidInput(result.error.issues.map((issue) => ({ ...issue, path: ['declaration', ...issue.path] })));
  return result.data;
}

export function sealRecord(ctx: Context, declaration: Declaration): string {
  return ctx.cipher.encrypt('declarations.record', JSON.stringify(declaration));
}

export function openRecord(ctx: Context, row: Pick<DeclarationRow, 'record_enc'>): Declaration {
  return JSON.parse(ctx.cipher.decrypt('declarations.record', row.record_enc)) as Declaration;
}

async function receiptOf(ctx: Context, row: DeclarationRow): Promise<DeclarationReceipt> {
  const label = (await labelsOf(ctx, [row.subject_id])).get(row.subject_id);
  return {
    id: row.id,
    kind: row.kind as DeclarationKind,
    formVersion: row.form_version,
    submittedAt: row.submitted_at,
    flagged: row.flagged === 1,
    flagReasons: JSON.parse(row.flag_reasons) as DeclarationReceipt['flagReasons'],
    subject: { id: row.subject_id, displayName: label?.displayName ?? '' },
    personalQr: await personalQr(ctx, row.subject_id),
  };
}

export interface Submission {
  clientEventId: string;
  subjectId?: string | undefined;
  declaration: Record<string, unknown>;
  /** Set when correcting: the declaration this one replaces (it stays, marked superseded). */
  supersedes?: DeclarationRow;
}

/**
 * Stores a declaration: one validated, versioned record of the person, encrypted, with a flag for
 * the commune and health officials when its answers meet a risk rule. A repeat of the same client
 * event gets the first answer. The first declaration gives the person their personal QR.
 */
export async function submitDeclaration(ctx: Context, actor: Actor, submission: Submission): Promise<DeclarationReceipt> {
  const subjectId = submission.subjectId ?? actor.userId;
  if (!(await maySpeakFor(ctx, actor.userId, subjectId))) throw new AppError('forbidden', { field: 'subjectId' });
  const repeated = await findByClientEvent(ctx.db, actor.userId, submission.clientEventId);
  if (repeated) return receiptOf(ctx, repeated);
  const declaration = parseDeclaration(ctx, submission.declaration);
  if ('placeId' in declaration && declaration.placeId && !(await placeBasics(ctx, [declaration.placeId])).has(declaration.placeId)) {
    throw new AppError('place_not_found', { field: 'declaration.placeId' });
  }
  const reasons = await reasonsFor(ctx, declaration);
  const row = declarationRow(ctx, actor, subjectId, submission, declaration, reasons);
  try {
    await storeDeclaration(ctx, row, reasons, submission.supersedes);
  } catch (error) {
    // The same client event, sent again before the first answer came (perhaps to another server
    // process), was stored in the meantime: the first one stands and its answer is given.
    const stored = isUniqueViolation(error) ? await findByClientEvent(ctx.db, actor.userId, submission.clientEventId) : undefined;
    if (stored) return receiptOf(ctx, stored);
    throw error;
  }
  lastDeclared(ctx).set(subjectId, { at: row.submitted_at });
  return receiptOf(ctx, row);
}

/** The declaration, what it supersedes and its flag, in one transaction. */
async function storeDeclaration(ctx: Context, row: DeclarationRow, reasons: FlagRule[], supersedes: DeclarationRow | undefined): Promise<void> {
  const subjectId = row.subject_id;
  await ctx.db.transaction().execute(async (trx) => {
    await insertDeclaration(trx, row);
    if (supersedes) await markSuperseded(trx, supersedes.id);
    if (reasons.length) {
      const flagId = newId(ctx);
      await insertFlag(trx, {
        id: flagId,
        declaration_id: row.id,
        subject_id: subjectId,
        reasons: JSON.stringify(reasons),
        province_code: row.province_code,
        district_code: row.district_code,
        commune_code: row.commune_code,
        status: 'open',
        handled_by: null,
        handled_at: null,
        note_enc: null,
        created_at: row.submitted_at,
      });
      await emitIntegrationEvents(ctx, trx, [
        {
          type: 'declaration.flagged',
          units: { provinceCode: row.province_code, districtCode: row.district_code, communeCode: row.commune_code },
          data: { declarationId: row.id, flagId, kind: row.kind, reasons, communeCode: row.commune_code, patient: `Patient/${subjectId}` },
        },
      ]);
    }
  });
}

async function reasonsFor(ctx: Context, declaration: Declaration): Promise<FlagRule[]> {
  const settings = await riskSettings(ctx);
  const signals = riskSignals(declaration, {
    today: localToday(ctx),
    affectedCountries: settings.affectedCountries,
    affectedUnits: settings.affectedUnits,
    units: unitTree(ctx),
    vulnerableAge: DEFAULT_VULNERABLE_AGE,
  });
  return flagReasons(signals, ctx.config.declarationFlagRules);
}

/**
 * The journey beside the sealed record, for tracing people on the same vehicle: the vehicle number
 * (flight, coach plate) is a keyed hash, only the travel date stays readable (`<hash>|<date>`).
 */
function journeyKey(ctx: Context, declaration: Declaration): string | null {
  const key = vehicleKey(declaration);
  return key ? `${ctx.cipher.blindIndex('vehicle', key)}|${key.split('|')[1] ?? ''}` : null;
}

function declarationRow(ctx: Context, actor: Actor, subjectId: string, submission: Submission, declaration: Declaration, reasons: FlagRule[]): DeclarationRow {
  const keys = lookupKeys(declaration);
  const units = addressUnits(declaration);
  return {
    id: newId(ctx),
    subject_id: subjectId,
    declared_by: actor.userId,
    client_event_id: submission.clientEventId,
    kind: formKindOf(declaration.formVersion) ?? 'domestic',
    form_version: declaration.formVersion,
    record_enc: sealRecord(ctx, declaration),
    name_index: ctx.cipher.blindIndex('name', keys.name),
    phone_index: keys.phone ? ctx.cipher.blindIndex('phone', keys.phone) : null,
    id_number_index: keys.idNumber ? ctx.cipher.blindIndex('id_number', keys.idNumber) : null,
    province_code: units.provinceCode,
    district_code: units.districtCode ?? unitTree(ctx).locate(units.communeCode ?? '')?.districtCode ?? null,
    commune_code: units.communeCode,
    place_id: 'placeId' in declaration ? (declaration.placeId ?? null) : null,
    gate_code: 'gateCode' in declaration ? declaration.gateCode : null,
    arrival_date: 'entryDate' in declaration ? declaration.entryDate : null,
    vehicle_key: journeyKey(ctx, declaration),
    flagged: reasons.length ? 1 : 0,
    flag_reasons: JSON.stringify(reasons),
    supersedes_id: submission.supersedes?.id ?? null,
    status: 'current',
    submitted_at: ctx.clock.now(),
  };
}

/** Corrects a declaration: a new version is stored, the old one stays, marked superseded. */
export async function correctDeclaration(ctx: Context, actor: Actor, id: string, submission: Submission): Promise<DeclarationReceipt> {
  const old = await findDeclaration(ctx.db, id);
  if (!old || old.status !== 'current' || !(await maySpeakFor(ctx, actor.userId, old.subject_id))) throw new AppError('not_found');
  return submitDeclaration(ctx, actor, { ...submission, subjectId: old.subject_id, supersedes: old });
}

function myDeclarationOf(row: DeclarationRow, labels: Map<string, PersonLabel>): MyDeclaration {
  return { id: row.id, kind: row.kind as DeclarationKind, formVersion: row.form_version, submittedAt: row.submitted_at, flagged: row.flagged === 1, subjectId: row.subject_id, subjectName: labels.get(row.subject_id)?.displayName ?? '' };
}

/** The citizen's declarations and their family members'. */
export async function myDeclarations(ctx: Context, actor: Actor, familyIds: string[]): Promise<MyDeclaration[]> {
  const rows = await declarationsOfSubjects(ctx.db, [actor.userId, ...familyIds], 200);
  const labels = await labelsOf(ctx, [...new Set(rows.map((r) => r.subject_id))]);
  return rows.map((row) => myDeclarationOf(row, labels));
}

/**
 * One of the citizen's own declarations (or a family member's) with every answer, to read back what was
 * declared. Anyone else's is "not found", so ids of other people's declarations reveal nothing.
 */
export async function myDeclaration(ctx: Context, actor: Actor, id: string): Promise<{ summary: MyDeclaration; declaration: Declaration }> {
  const row = await findDeclaration(ctx.db, id);
  if (!row || !(await maySpeakFor(ctx, actor.userId, row.subject_id))) throw new AppError('not_found');
  return { summary: myDeclarationOf(row, await labelsOf(ctx, [row.subject_id])), declaration: openRecord(ctx, row) };
}

/** The last declaration of a kind, to prefill the next one. */
export async function latestDeclaration(ctx: Context, actor: Actor, kind: DeclarationKind, subjectId: string | undefined): Promise<Declaration | null> {
  const subject = subjectId ?? actor.userId;
  if (!(await maySpeakFor(ctx, actor.userId, subject))) throw new AppError('forbidden', { field: 'subjectId' });
  const row = (await latestOf(ctx.db, subject, [kind])) ?? (await latestOf(ctx.db, subject, ['domestic', 'medical_facility', 'entry', 'movement', 'daily_update']));
  return row ? openRecord(ctx, row) : null;
}

// Every scan answer says whether the person should declare; a cache keeps that off the database.
const lastDeclared = perContext((ctx: Context) => new TtlCache<string, { at: number | null }>(300_000, 100_000, () => ctx.clock.now()));

/** When the person last declared (any form), for "declare again" prompts and the scan answer. */
export async function lastDeclaredAt(ctx: Context, subjectId: string): Promise<number | null> {
  const cached = lastDeclared(ctx).get(subjectId);
  if (cached) return cached.at;
  const at = (await latestOf(ctx.db, subjectId, ['domestic', 'medical_facility', 'entry', 'movement', 'daily_update']))?.submitted_at ?? null;
  lastDeclared(ctx).set(subjectId, { at });
  return at;
}

/** True when the person has no declaration within the configured period. */
export async function declarationDue(ctx: Context, subjectId: string): Promise<boolean> {
  const last = await lastDeclaredAt(ctx, subjectId);
  return last === null || last < ctx.clock.now() - ctx.config.declarationPeriodDays * DAY_MS;
}

export async function declarationStatus(ctx: Context, actor: Actor): Promise<DeclarationStatus> {
  const last = await lastDeclaredAt(ctx, actor.userId);
  const today = localToday(ctx);
  const monitoring = await activeMonitoringOf(ctx.db, actor.userId, today);
  const lastUpdate = monitoring ? await latestOf(ctx.db, actor.userId, ['daily_update']) : undefined;
  const updatedToday = lastUpdate !== undefined && new Date(lastUpdate.submitted_at + 7 * 3_600_000).toISOString().slice(0, 10) === today;
  return {
    declarationDue: last === null || last < ctx.clock.now() - ctx.config.declarationPeriodDays * DAY_MS,
    lastDeclaredAt: last,
    monitoring: monitoring ? { until: monitoring.end_date, dailyUpdateDue: !updatedToday } : null,
  };
}
