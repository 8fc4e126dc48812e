import fs from 'node:fs/promises';
import type SQLite from 'better-sqlite3';

/**
 * Makes committed SQLite transactions durable off the event loop. A scan batch commits with
 * synchronous=NORMAL, which in WAL mode writes the frames to the WAL file without fsync; this then
 * runs fdatasync on that file in libuv's thread pool, and scans are answered only once it returns.
 * fdatasync flushes every frame written before it, whichever file descriptor wrote them, so a batch
 * is on disk when its own sync ends (checkpoints sync the WAL themselves first, in NORMAL mode too).
 * The event loop stays free to read the next requests instead of sleeping in fsync.
 */
export class WalSync {
  private handle: Promise<fs.FileHandle> | null = null;

  constructor(private readonly walPath: string) {}

  /** For a connection on a file in WAL mode; null for an in-memory database (nothing to make durable). */
  static of(sqlite: SQLite.Database): WalSync | null {
    if (sqlite.memory || String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
    return new WalSync(`${sqlite.name}-wal`);
  }

  /** Resolves once every transaction committed before the call is on disk. */
  async sync(): Promise<void> {
    // The connection keeps its WAL file for as long as it is open, so one descriptor serves.
    this.handle ??= fs.open(this.walPath, 'r');
    const handle = this.handle;
    try {
      await (await handle).datasync();
    } catch (error) {
      // A fresh descriptor next time. A sync sharing this one fails too, so it acknowledges nothing either.
      if (this.handle === handle) this.handle = null;
      void handle.then((h) => h.close()).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle).close();
  }
}
