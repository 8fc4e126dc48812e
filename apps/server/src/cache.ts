/**
 * A small in-process cache with a time to live and a size bound (oldest entries go first).
 * For hot-path lookups (sessions, QR points) where a few seconds of staleness on other server
 * processes is acceptable; changes made in this process are forgotten at once by their callers.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One cache per context (tests build many contexts; each must start empty). */
export function perContext<C extends object, T>(make: (ctx: C) => T): (ctx: C) => T {
  const caches = new WeakMap<C, T>();
  return (ctx) => {
    let cache = caches.get(ctx);
    if (!cache) {
      cache = make(ctx);
      caches.set(ctx, cache);
    }
    return cache;
  };
}
