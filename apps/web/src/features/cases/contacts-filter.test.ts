import { describe, expect, it } from 'vitest';
import type { Contact } from '@phongdich/core';
import { filterContacts, generationCounts } from './contacts-filter.js';

function contact(id: string, generation: number, score: number, windowStart: number, status: Contact['status'] = 'new'): Contact {
  return {
    id,
    caseId: 'case-1',
    generation,
    parentContactId: null,
    personId: null,
    displayName: id,
    phone: null,
    sources: ['presence'],
    placeId: null,
    placeName: null,
    windowStart,
    windowEnd: windowStart + 60_000,
    exposureMinutes: 1,
    score,
    status,
    quarantineStart: null,
    quarantineEnd: null,
    team: null,
    lastFollowup: null,
    becameCaseId: null,
    warnedAt: null,
  };
}

const items = [contact('a', 2, 50, 3), contact('b', 1, 20, 2), contact('c', 1, 90, 4, 'quarantined'), contact('d', 2, 50, 1)];
const ids = (list: Contact[]) => list.map((c) => c.id);

describe('filterContacts', () => {
  it.each([
    ['generation', ['c', 'b', 'd', 'a']],
    ['score', ['c', 'd', 'a', 'b']],
    ['time', ['d', 'b', 'a', 'c']],
  ] as const)('sorts by %s', (sort, expected) => {
    expect(ids(filterContacts(items, { generation: null, status: null, sort }))).toEqual(expected);
  });

  it('keeps one generation and one status', () => {
    expect(ids(filterContacts(items, { generation: 2, status: null, sort: 'generation' }))).toEqual(['d', 'a']);
    expect(ids(filterContacts(items, { generation: 1, status: 'quarantined', sort: 'generation' }))).toEqual(['c']);
  });

  it('does not reorder the list it was given', () => {
    filterContacts(items, { generation: null, status: null, sort: 'score' });
    expect(ids(items)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('generationCounts', () => {
  it('counts contacts per generation in order', () => {
    expect(generationCounts(items)).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});
