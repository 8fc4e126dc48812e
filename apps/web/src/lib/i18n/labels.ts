import type { Language } from '@phongdich/core';

/** The labels of one language from a core label table ({ code: { vi, en } }), keyed by code. */
export function labelsIn<K extends string>(table: Record<K, { vi: string; en: string }>, lang: Language): Record<K, string> {
  return Object.fromEntries(Object.entries(table).map(([code, label]) => [code, (label as { vi: string; en: string })[lang]])) as Record<K, string>;
}
