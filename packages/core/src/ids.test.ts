import { describe, expect, it } from 'vitest';
import { UUID_PATTERN, uuidv7 } from './ids.js';

describe('uuidv7', () => {
  it('has version 7, the RFC variant, and the time in the first 48 bits', () => {
    const id = uuidv7(0x0189_1234_5678, new Uint8Array(10).fill(0xff));
    expect(id).toMatch(UUID_PATTERN);
    expect(id.slice(0, 13)).toBe('01891234-5678');
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('sorts by creation time', () => {
    const random = new Uint8Array(10).fill(0);
    const ids = [3, 1, 2].map((t) => uuidv7(1_700_000_000_000 + t, random));
    expect([...ids].sort()).toEqual([1, 2, 3].map((t) => uuidv7(1_700_000_000_000 + t, random)));
  });
});
