import { BORDER_GATES, type BorderGate, COUNTRIES, foldVietnamese, type Language } from '@phongdich/core';

/** A choice found by a search box: its stored code and what the person reads. */
export interface Found {
  code: string;
  label: string;
  detail?: string | undefined;
}

const COUNTRY_INDEX = COUNTRIES.map((country) => ({ country, folded: `${foldVietnamese(country.vi)} ${foldVietnamese(country.en)}` }));

/** The name of a country in a language, or the code itself when unknown. */
export function countryName(code: string, lang: Language): string {
  return COUNTRIES.find((country) => country.code === code)?.[lang] ?? code;
}

// A name matches when each typed word starts a word of it: "han quoc" finds Hàn Quốc, "korea" finds Korea.
function matches(folded: string, words: readonly string[]): boolean {
  const own = folded.split(' ');
  return words.every((word) => own.some((part) => part.startsWith(word)));
}

function wordsOf(text: string): string[] {
  const folded = foldVietnamese(text);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Countries whose Vietnamese or English name matches the typed text (with or without diacritics), or
 * whose ISO code is exactly it; names that start with the text come first.
 */
export function searchCountries(text: string, lang: Language, limit = 8): Found[] {
  const words = wordsOf(text);
  if (words.length === 0) return [];
  const code = text.trim().toUpperCase();
  const hits = COUNTRY_INDEX.filter(({ country, folded }) => country.code === code || matches(folded, words));
  const first = words.join(' ');
  const starts = (name: string) => foldVietnamese(name).startsWith(first);
  hits.sort((a, b) => Number(starts(b.country[lang])) - Number(starts(a.country[lang])) || a.country[lang].localeCompare(b.country[lang], lang));
  return hits.slice(0, limit).map(({ country }) => ({ code: country.code, label: country[lang] }));
}

const GATE_INDEX = BORDER_GATES.map((gate: BorderGate) => ({
  gate,
  folded: `${foldVietnamese(gate.vi)} ${foldVietnamese(gate.en)} ${(gate.iata ?? '').toLowerCase()}`,
}));

/** The name of a border gate in a language, or the code itself when unknown. */
export function gateName(code: string, lang: Language): string {
  return BORDER_GATES.find((gate) => gate.code === code)?.[lang] ?? code;
}

/** Border gates whose name (either language) or airport code matches the typed text. */
export function searchGates(text: string, lang: Language, kindLabel: (kind: BorderGate['kind']) => string, limit = 10): Found[] {
  const words = wordsOf(text);
  if (words.length === 0) return [];
  return GATE_INDEX.filter(({ folded }) => matches(folded, words))
    .slice(0, limit)
    .map(({ gate }) => ({ code: gate.code, label: gate[lang], detail: gate.iata ? `${kindLabel(gate.kind)} · ${gate.iata}` : kindLabel(gate.kind) }));
}
