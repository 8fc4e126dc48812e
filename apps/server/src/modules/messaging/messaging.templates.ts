import type { Language } from '@phongdich/core';

/** Message templates in Vietnamese and English; {name} is replaced by the variable of that name. */
export const TEMPLATES = {
  sign_in_code: {
    vi: 'PhongDich: mã xác thực của bạn là {code}, hết hạn sau {minutes} phút. Không chia sẻ mã này cho ai.',
    en: 'PhongDich: your verification code is {code}, valid for {minutes} minutes. Do not share it.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type TemplateName = keyof typeof TEMPLATES;

export function renderTemplate(name: TemplateName, lang: Language, vars: Record<string, string | number>): string {
  return TEMPLATES[name][lang].replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}
