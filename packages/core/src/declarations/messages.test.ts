/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERAL_MESSAGE_KEYS, isMessageKey } from '../validation.js';
import { DECLARATION_MESSAGES } from './messages.js';

const here = new URL('.', import.meta.url);
const sources = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'test-fixtures.ts')
  .map((file) => ({ file, text: readFileSync(new URL(file, here), 'utf8') }));

// Every literal the schemas hand to zod as a message: `error: 'key'`, `message: 'key'`, ID_SHAPES' `key: 'key'`,
// `orRequired('key')`, and both keys of a conditional (`? 'key' : 'other_key'`).
const KEY_PATTERNS = [
  /\b(?:error|message|key):\s*'([a-z][a-z0-9_]*)'/g,
  /\borRequired\('([a-z][a-z0-9_]*)'\)/g,
  /\?\s*'([a-z][a-z0-9_]*)'\s*:\s*'([a-z][a-z0-9_]*)'/g,
];

const usedKeys = new Set(
  sources.flatMap(({ text }) =>
    KEY_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].flatMap((match) => match.slice(1).filter((key) => key !== undefined))),
  ),
);

describe('declaration messages', () => {
  it('found the keys the schemas use', () => {
    expect(usedKeys.size).toBeGreaterThan(20);
    expect(usedKeys).toContain('entry_before_departure');
  });

  it.each([...usedKeys].sort())('%s has a message, here or among core’s validation messages', (key) => {
    expect(Object.hasOwn(DECLARATION_MESSAGES, key) || isMessageKey(key)).toBe(true);
  });

  it('has no message no schema uses', () => {
    expect(Object.keys(DECLARATION_MESSAGES).filter((key) => !usedKeys.has(key))).toEqual([]);
  });

  it('does not redefine a key core already has, so merging cannot change an existing message', () => {
    expect(Object.keys(DECLARATION_MESSAGES).filter((key) => GENERAL_MESSAGE_KEYS.includes(key))).toEqual([]);
  });

  it.each(Object.entries(DECLARATION_MESSAGES))('%s is written in both languages', (_key, message) => {
    expect(message.vi.trim()).not.toBe('');
    expect(message.en.trim()).not.toBe('');
    expect(message.vi).not.toBe(message.en);
    expect(message.vi).toMatch(/[.!]$/);
    expect(message.en).toMatch(/[.!]$/);
  });
});
