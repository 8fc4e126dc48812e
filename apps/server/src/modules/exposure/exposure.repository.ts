import type { Expression, Kysely, Selectable, SqlBool, Transaction } from 'kysely';
import type { Dialect } from '../../db/database.js';
import { anyOf } from '../../db/any-of.js';
import type { Database } from '../../db/schema.js';
import type {
  ExposureBatchesTable,
  ExposureCodesTable,
  ExposureKeysTable,
  ExposurePublishesTable,
  ExposureSharesTable,
  ExposureSigningKeysTable,
  ExposureTokensTable,
} from './exposure.table.js';

type Db = Kysely<Database> | Transaction<Database>;
export type CodeRow = Selectable<ExposureCodesTable>;
export type TokenRow = Selectable<ExposureTokensTable>;
export type KeyRow = Selectable<ExposureKeysTable>;
export type PublishRow = Selectable<ExposurePublishesTable>;
export type BatchRow = Selectable<ExposureBatchesTable>;
export type SigningKeyRow = Selectable<ExposureSigningKeysTable>;
export type ShareRow = Selectable<ExposureSharesTable>;

const changed = (result: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint } | undefined) =>
  Number(result?.numUpdatedRows ?? result?.numInsertedOrUpdatedRows ?? 0);

// Verification codes and tokens.

export async function insertCode(db: Db, row: CodeRow): Promise<void> {
  await db.insertInto('exposure_codes').values(row).execute();
}

export function codeByHash(db: Db, kind: 'short' | 'long', hash: string): Promise<CodeRow | undefined> {
  return db
    .selectFrom('exposure_codes')
    .selectAll()
    .where(kind === 'short' ? 'short_hash' : 'long_hash', '=', hash)
    .executeTakeFirst();
}

/** Marks a code used; false when someone else used it first (the code is one-time even under races). */
export async function claimCode(db: Db, id: string, at: number): Promise<boolean> {
  return changed(await db.updateTable('exposure_codes').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst()) === 1;
}

export function listCodes(db: Db, where: Expression<SqlBool>, since: number, limit: number): Promise<CodeRow[]> {
  return db.selectFrom('exposure_codes').selectAll().where(where).where('issued_at', '>=', since).orderBy('issued_at', 'desc').limit(limit).execute();
}

export async function insertToken(db: Db, row: TokenRow): Promise<void> {
  await db.insertInto('exposure_tokens').values(row).execute();
}

export function tokenByHash(db: Db, hash: string): Promise<TokenRow | undefined> {
  return db.selectFrom('exposure_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function claimToken(db: Db, hash: string, at: number): Promise<boolean> {
  return changed(await db.updateTable('exposure_tokens').set({ used_at: at }).where('token_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst()) === 1;
}

// Published keys and uploads.

/** Records an upload by certificate id; false when this certificate was used before. */
export async function insertPublish(db: Db, row: PublishRow): Promise<boolean> {
  const result = await db.insertInto('exposure_publishes').values(row).onConflict((oc) => oc.column('jti').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function findPublish(db: Db, jti: string): Promise<PublishRow | undefined> {
  return db.selectFrom('exposure_publishes').selectAll().where('jti', '=', jti).executeTakeFirst();
}

export async function updatePublish(db: Db, jti: string, changes: Partial<PublishRow>): Promise<void> {
  await db.updateTable('exposure_publishes').set(changes).where('jti', '=', jti).execute();
}

/** Inserts keys not already published (a key uploaded twice counts once); returns how many were new. */
export async function insertKeys(db: Db, rows: KeyRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const result = await db.insertInto('exposure_keys').values(rows.slice(i, i + 200)).onConflict((oc) => oc.column('key_data').doNothing()).executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Keys whose embargo is over and that are in no batch yet, in key order. */
export function pendingKeys(db: Db, now: number, limit: number): Promise<KeyRow[]> {
  return db.selectFrom('exposure_keys').selectAll().where('batch_id', 'is', null).where('publish_after', '<=', now).orderBy('key_data').limit(limit).execute();
}

export async function assignBatch(db: Db, dialect: Dialect, keyData: readonly string[], batchId: string): Promise<void> {
  for (let i = 0; i < keyData.length; i += 500) {
    await db.updateTable('exposure_keys').set({ batch_id: batchId }).where(anyOf(dialect, 'key_data', keyData.slice(i, i + 500))).execute();
  }
}

/** Published keys (in a batch already) among these, for shared matches. */
export function publishedKeys(db: Db, dialect: Dialect, keyData: readonly string[]): Promise<KeyRow[]> {
  if (keyData.length === 0) return Promise.resolve([]);
  return db.selectFrom('exposure_keys').selectAll().where(anyOf(dialect, 'key_data', keyData)).where('batch_id', 'is not', null).execute();
}

// Export batches.

export async function insertBatches(db: Db, rows: BatchRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('exposure_batches').values(rows).execute();
}

/** A batch without its file, which listings never need. */
export type BatchListing = Omit<BatchRow, 'file_base64'>;
const LISTING = ['id', 'path', 'start_timestamp', 'end_timestamp', 'batch_num', 'batch_size', 'real_keys', 'total_keys', 'signing_key_id', 'created_at'] as const;

export function allBatches(db: Db): Promise<BatchListing[]> {
  return db.selectFrom('exposure_batches').select(LISTING).orderBy('start_timestamp').orderBy('batch_num').execute();
}

export function lastBatch(db: Db): Promise<BatchListing | undefined> {
  return db.selectFrom('exposure_batches').select(LISTING).orderBy('end_timestamp', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** The signed zip of a batch, base64, or null when the batch is unknown or was made before files were kept. */
export async function batchFile(db: Db, path: string): Promise<string | null> {
  return (await db.selectFrom('exposure_batches').select('file_base64').where('path', '=', path).executeTakeFirst())?.file_base64 ?? null;
}

// Signing keys.

export function signingKeys(db: Db, purpose: string): Promise<SigningKeyRow[]> {
  return db.selectFrom('exposure_signing_keys').selectAll().where('purpose', '=', purpose).orderBy('version').execute();
}

/** Adds a key version; false when another server added this version first. */
export async function insertSigningKey(db: Db, row: SigningKeyRow): Promise<boolean> {
  const result = await db
    .insertInto('exposure_signing_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['purpose', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Retires every other key of the purpose and forgets their private parts (old files stay verifiable). */
export async function retireSigningKeys(db: Db, purpose: string, exceptId: string, at: number): Promise<void> {
  await db.updateTable('exposure_signing_keys').set({ retired_at: at, private_key_enc: null }).where('purpose', '=', purpose).where('id', '!=', exceptId).where('retired_at', 'is', null).execute();
}

// Shared matches.

export async function upsertShare(db: Db, row: ShareRow): Promise<void> {
  await db
    .insertInto('exposure_shares')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['person_id', 'key_hash']).doUpdateSet({
        case_id: row.case_id,
        contact_id: row.contact_id,
        window_start: row.window_start,
        window_end: row.window_end,
        weighted_minutes: row.weighted_minutes,
        level: row.level,
      }),
    )
    .execute();
}

export function unlinkedShares(db: Db, since: number, limit: number): Promise<ShareRow[]> {
  return db.selectFrom('exposure_shares').selectAll().where('case_id', 'is', null).where('created_at', '>=', since).orderBy('created_at', 'desc').limit(limit).execute();
}

// Retention.

export interface PurgeCutoffs {
  now: number;
  /** Keys whose period ended before this interval. */
  keysBeforeInterval: number;
  /** Rows of codes, batches and shares older than this. */
  before: number;
  /** Retired export keys older than this, and retired certificate keys older than certificateKeysBefore. */
  exportKeysBefore: number;
  certificateKeysBefore: number;
}

/** Deletes what the retention rules say is over; returns the batches removed (their files go too). */
export async function purge(db: Db, c: PurgeCutoffs): Promise<BatchListing[]> {
  await db.updateTable('exposure_codes').set({ short_hash: null }).where('short_expires_at', '<', c.now).where('short_hash', 'is not', null).execute();
  await db.updateTable('exposure_codes').set({ long_hash: null }).where('long_expires_at', '<', c.now).where('long_hash', 'is not', null).execute();
  await db.deleteFrom('exposure_codes').where('issued_at', '<', c.before).execute();
  await db.deleteFrom('exposure_tokens').where('expires_at', '<', c.now).execute();
  await db.deleteFrom('exposure_publishes').where('at', '<', c.now - 86_400_000).execute();
  await db.deleteFrom('exposure_keys').where((eb) => eb(eb('rolling_start', '+', eb.ref('rolling_period')), '<', c.keysBeforeInterval)).execute();
  await db.deleteFrom('exposure_shares').where('created_at', '<', c.before).execute();
  await db.deleteFrom('exposure_signing_keys').where('purpose', '=', 'export').where('retired_at', '<', c.exportKeysBefore).execute();
  await db.deleteFrom('exposure_signing_keys').where('purpose', '=', 'certificate').where('retired_at', '<', c.certificateKeysBefore).execute();
  const old = await db.selectFrom('exposure_batches').select(LISTING).where('end_timestamp', '<', Math.floor(c.before / 1000)).execute();
  if (old.length > 0) await db.deleteFrom('exposure_batches').where('end_timestamp', '<', Math.floor(c.before / 1000)).execute();
  return old;
}
