import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('npm start', () => {
  it('builds the web app and starts this server entry point', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toMatch(/^npm run build && node --import tsx (\S+)$/);
    const entry = scripts.start?.split(' ').pop() ?? '';
    expect(path.resolve(root, entry)).toBe(fileURLToPath(new URL('./main.ts', import.meta.url)));
    expect(scripts.build).toContain('@phongdich/web');
  });
});
