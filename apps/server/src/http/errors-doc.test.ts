import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '@phongdich/core';

const doc = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/errors.md'), 'utf8');

describe('docs/errors.md', () => {
  it('documents every error code with its HTTP status, and nothing else', () => {
    const documented = new Map([...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
    const actual = new Map(Object.entries(ERRORS).map(([code, def]) => [code, def.status]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(actual));
  });
});
