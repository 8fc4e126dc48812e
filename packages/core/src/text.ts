/**
 * Folds Vietnamese text for matching: lower case, no tone or vowel marks, đ → d, single spaces.
 * Sources spell tone marks differently ("Hòa" / "Hoà"), so names are always compared folded.
 * @example foldVietnamese('  Bắc  Kạn ') === 'bac kan'
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Masks all but the last `visible` characters, e.g. for showing a phone number on screen. */
export function maskTail(text: string, visible = 3): string {
  if (text.length <= visible) return text;
  return '•'.repeat(text.length - visible) + text.slice(-visible);
}

/**
 * A name as shown where others may see it (a scanner's screen, a card, a list): the first word
 * whole, the others as initials. "Nguyễn Văn An" → "Nguyễn V. A."
 */
export function maskName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return maskTail(name.trim(), 3);
  return [parts[0], ...parts.slice(1).map((p) => `${p[0] ?? ''}.`)].join(' ');
}
