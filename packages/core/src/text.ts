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
