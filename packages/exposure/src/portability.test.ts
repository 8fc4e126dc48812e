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

  it('depends on no library that compiles code at run time (protobufjs does: CSP blocks it in the web worker)', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', dir), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@noble/ciphers', '@noble/curves', '@noble/hashes', 'fflate']);
  });

  it.each(sources)('%s has no Node imports, Buffer, process, Math.random, Date.now or eval', (file) => {
    const code = readFileSync(new URL(file, dir), 'utf8');
    expect(code).not.toMatch(/from ['"](node:|fs|path|crypto|os|http)/);
    expect(code).not.toMatch(/\b(Buffer|process|require)\b/);
    expect(code).not.toMatch(/Math\.random|Date\.now/);
    // Pages and workers run under a Content-Security-Policy without 'unsafe-eval': no code compiled at run time.
    expect(code).not.toMatch(/\beval\s*\(|new Function\b/);
    expect(code.match(/from '\.[^']*'/g)?.every((spec) => spec.endsWith(".js'")) ?? true).toBe(true);
  });
});
