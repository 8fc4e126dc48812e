import { describe, expect, it } from 'vitest';
import { TtlCache } from './cache.js';

describe('TtlCache', () => {
  it('forgets entries after their time to live, and the oldest beyond its size', () => {
    let now = 0;
    const cache = new TtlCache<string, number>(1000, 2, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
    now = 1001;
    expect(cache.get('b')).toBeUndefined();
    cache.set('d', 4);
    cache.delete('d');
    expect(cache.get('d')).toBeUndefined();
  });
});
