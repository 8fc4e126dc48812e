import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@phongdich/core';
import { en } from './en.js';
import { vi } from './vi.js';

const STORAGE_KEY = 'pd_lang';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'vi' || stored === 'en') return stored;
  return 'vi';
}

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'vi';
}

/** Switches language everywhere, and tells the server through a cookie so its answers follow. */
export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.cookie = `pd_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

export { i18next };
