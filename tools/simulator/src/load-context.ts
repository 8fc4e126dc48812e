import type { Context } from '../../../apps/server/src/context.js';
import { bulkWriter, type BulkWriter, type Row, type Table } from './bulk-insert.js';
import { idsAt } from './load-rows.js';
import type { Simulation } from './model.js';
import { personPhone } from './names.js';

/** What each step of a load shares. */
export interface LoadRun {
  ctx: Context;
  sim: Simulation;
  writer: BulkWriter;
  chunkRows: number;
  registeredBy: string;
  /** A UUIDv7 id stamped with the given time. */
  idAt: (at: number) => string;
  phone: (person: number) => string;
  onProgress: ((table: Table, done: number, total: number) => void) | undefined;
}

export function loadRun(ctx: Context, sim: Simulation, options: { chunkRows: number; registeredBy: string; phoneOffset: number; onProgress?: LoadRun['onProgress'] }): LoadRun {
  return {
    ctx,
    sim,
    writer: bulkWriter(ctx),
    chunkRows: options.chunkRows,
    registeredBy: options.registeredBy,
    idAt: idsAt(ctx),
    phone: (person) => personPhone(person, options.phoneOffset),
    onProgress: options.onProgress,
  };
}

/** Writes `total` rows made one by one (null to skip one), a transaction per chunk; returns how many. */
export async function writeChunked<T extends Table>(run: LoadRun, table: T, total: number, make: (i: number) => Row<T> | null): Promise<number> {
  let written = 0;
  for (let from = 0; from < total; from += run.chunkRows) {
    const to = Math.min(total, from + run.chunkRows);
    const rows: Row<T>[] = [];
    for (let i = from; i < to; i++) {
      const row = make(i);
      if (row) rows.push(row);
    }
    await run.writer.write(table, rows);
    written += rows.length;
    run.onProgress?.(table, to, total);
  }
  return written;
}
