import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import { encryptedColumns, type EncryptedColumn } from './data-inventory.js';
import type { FieldCipher } from './field-cipher.js';

// Key rotation is infrastructure, like migrations: it reads and rewrites the encrypted columns of
// every module, which only the data inventory names, never the meaning of a row.

export interface ColumnResult {
  table: string;
  column: string;
  /** Values re-sealed under the new key. */
  resealed: number;
  /** Values stored in clear before the column was encrypted, now sealed. */
  sealedLegacy: number;
  /** Values changed by a running server between read and write; the next pass takes them. */
  raced: number;
  /** Values no known key opens (wrong purpose, damaged, or a key missing from the keyring). */
  unreadable: number;
}

export interface ReencryptOptions {
  /** Rows read and rewritten per transaction (small batches keep writers of the running servers waiting little). */
  batchSize?: number;
  /** Passes over everything at most; a pass after the first only meets rows servers wrote meanwhile. */
  maxPasses?: number;
  /** A pause between batches, to leave the database to the servers (milliseconds). */
  pauseMs?: number;
  onProgress?: (line: string) => void;
}

interface Row {
  k: string;
  v: string;
}

/**
 * Re-seals every value of every encrypted column that is not under the cipher's current key, a batch
 * at a time, while servers keep running: a value is replaced only if it is still what was read
 * (compare-and-set), so a concurrent change by a server is never overwritten with stale data; old
 * keys stay in the keyring, so every row stays readable during and after the run.
 */
export async function reencryptAll(db: Kysely<Database>, cipher: FieldCipher, options: ReencryptOptions = {}): Promise<ColumnResult[]> {
  const target = cipher.currentKeyId;
  const results = new Map<string, ColumnResult>();
  const maxPasses = options.maxPasses ?? 5;
  // Passes repeat until one finds nothing left to do: the rows a server wrote under the old key while
  // a pass ran (before it saw the new keyring), or changed between read and write, are taken next time.
  for (let pass = 1; pass <= maxPasses; pass++) {
    let work = 0;
    for (const column of encryptedColumns()) {
      if (!(await tableExists(db, column.table))) continue;
      const name = `${column.table}.${column.column}`;
      const result = results.get(name) ?? { table: column.table, column: column.column, resealed: 0, sealedLegacy: 0, raced: 0, unreadable: 0 };
      results.set(name, result);
      const before = result.resealed + result.sealedLegacy + result.raced;
      result.unreadable = 0;
      await reencryptColumn(db, cipher, column, target, result, options);
      const changed = result.resealed + result.sealedLegacy + result.raced - before;
      work += changed;
      if (changed > 0 || result.unreadable > 0) options.onProgress?.(`pass ${pass}: ${name}: ${result.resealed} re-sealed, ${result.sealedLegacy} sealed from clear, ${result.unreadable} unreadable`);
    }
    if (work === 0) break;
  }
  return [...results.values()];
}

async function reencryptColumn(db: Kysely<Database>, cipher: FieldCipher, column: EncryptedColumn, target: string, result: ColumnResult, options: ReencryptOptions): Promise<void> {
  const [keyColumn] = column.key;
  if (!keyColumn || column.key.length !== 1) throw new Error(`key rotation: ${column.table} needs a one-column primary key`);
  const batchSize = options.batchSize ?? 500;
  const table = sql.table(column.table);
  const key = sql.ref(keyColumn);
  const value = sql.ref(column.column);
  const done = `${target}.%`;
  let after: string | null = null;
  for (;;) {
    const page: { rows: Row[] } = await sql<Row>`select ${key} as k, ${value} as v from ${table}
      where ${value} is not null and ${value} not like ${done} ${after === null ? sql`` : sql`and ${key} > ${after}`}
      order by ${key} limit ${batchSize}`.execute(db);
    if (page.rows.length === 0) return;
    after = page.rows[page.rows.length - 1]?.k ?? null;
    await db.transaction().execute(async (trx) => {
      for (const row of page.rows) {
        const next = reseal(cipher, column, row.v, result);
        if (next === null) continue;
        const updated = await sql`update ${table} set ${value} = ${next} where ${key} = ${row.k} and ${value} = ${row.v}`.execute(trx);
        if (Number(updated.numAffectedRows ?? 0) === 0) result.raced += 1;
      }
    });
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
}

function reseal(cipher: FieldCipher, column: EncryptedColumn, stored: string, result: ColumnResult): string | null {
  if (!cipher.isSealed(stored)) {
    if (!column.legacyPlaintext) {
      result.unreadable += 1;
      return null;
    }
    result.sealedLegacy += 1;
    return cipher.encrypt(column.purpose, stored);
  }
  try {
    const plaintext = cipher.decrypt(column.purpose, stored);
    result.resealed += 1;
    return cipher.encrypt(column.purpose, plaintext);
  } catch {
    result.unreadable += 1;
    return null;
  }
}

export interface KeyUsage {
  table: string;
  column: string;
  /** Values per key id; `clear` counts values stored before the column was encrypted. */
  byKey: Record<string, number>;
}

/** How many values of each encrypted column each key seals (before retiring a key, it must be 0 everywhere). */
export async function keyUsage(db: Kysely<Database>, dialect: Dialect): Promise<KeyUsage[]> {
  const usage: KeyUsage[] = [];
  for (const column of encryptedColumns()) {
    if (!(await tableExists(db, column.table))) continue;
    const value = sql.ref(column.column);
    // The key id is what precedes the first dot of a sealed value.
    const position = dialect === 'sqlite' ? sql`instr(${value}, '.')` : sql`strpos(${value}, '.')`;
    const rows = await sql<{ key_id: string; n: number | string }>`select case when ${position} between 2 and 17 then substr(${value}, 1, ${position} - 1) else 'clear' end as key_id, count(*) as n
      from ${sql.table(column.table)} where ${value} is not null group by 1`.execute(db);
    usage.push({ table: column.table, column: column.column, byKey: Object.fromEntries(rows.rows.map((r) => [r.key_id, Number(r.n)])) });
  }
  return usage;
}

const existing = new WeakMap<object, Set<string>>();

// A module's tables exist once its migration ran; the inventory may name tables of newer modules.
async function tableExists(db: Kysely<Database>, table: string): Promise<boolean> {
  let known = existing.get(db);
  if (!known) {
    known = new Set((await db.introspection.getTables()).map((t) => t.name));
    existing.set(db, known);
  }
  return known.has(table);
}
