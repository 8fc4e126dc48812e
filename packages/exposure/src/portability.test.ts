/// <reference types="node" />
// Reads the package's own sources; the package code itself must stay free of Node and hidden inputs.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('./', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('package code runs in browsers and Node', () => {
  it('finds the sources', () => {
    expect(sources).toContain('index.ts');
    expect(sources.length).toBeGreaterThan(10);
  });

  it('keeps the Node-only entry (src/node, `@phongdich/exposure/node`) out of the main entry', () => {
    for (const file of sources) expect(readFileSync(new URL(file, dir), 'utf8')).not.toMatch(/from '\.\/node\//);
  });

  it.each(sources)('%s has no Node imports, Buffer, process, Math.random or Date.now', (file) => {
    const code = readFileSync(new URL(file, dir), 'utf8');
    expect(code).not.toMatch(/from ['"](node:|fs|path|crypto|os|http)/);
    expect(code).not.toMatch(/\b(Buffer|process|require)\b/);
    expect(code).not.toMatch(/Math\.random|Date\.now/);
    expect(code.match(/from '\.[^']*'/g)?.every((spec) => spec.endsWith(".js'")) ?? true).toBe(true);
  });
});
