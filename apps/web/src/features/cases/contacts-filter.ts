import type { Contact } from '@phongdich/core';

// Filtering and ordering of a case's contact list, in the browser: the server sends the whole chain.

export type ContactSort = 'generation' | 'score' | 'time';

export interface ContactFilter {
  generation: number | null;
  status: Contact['status'] | null;
  sort: ContactSort;
}

export function filterContacts(items: readonly Contact[], filter: ContactFilter): Contact[] {
  const kept = items.filter((c) => (filter.generation === null || c.generation === filter.generation) && (filter.status === null || c.status === filter.status));
  const byScore = (a: Contact, b: Contact) => b.score - a.score || a.windowStart - b.windowStart;
  switch (filter.sort) {
    case 'generation':
      return kept.sort((a, b) => a.generation - b.generation || byScore(a, b));
    case 'score':
      return kept.sort(byScore);
    case 'time':
      return kept.sort((a, b) => a.windowStart - b.windowStart || a.generation - b.generation);
  }
}

/** The generations present, with how many contacts each, in order. */
export function generationCounts(items: readonly Contact[]): Array<[generation: number, count: number]> {
  const counts = new Map<number, number>();
  for (const c of items) counts.set(c.generation, (counts.get(c.generation) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}
