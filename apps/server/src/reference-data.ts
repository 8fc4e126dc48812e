import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The repository's bundled reference data folder (data/reference), found from this file upwards. */
export function referenceDir(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'data', 'reference');
    if (fs.existsSync(path.join(candidate, 'units'))) return (cached = candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('bundled reference data (data/reference) not found');
    dir = parent;
  }
}
