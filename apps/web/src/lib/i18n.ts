import { ROLE_LABELS, type Role } from '@onex/shared';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import enUS from '../locales/en-US';
import zhCN, { type Messages } from '../locales/zh-CN';
import type { Lang } from './errors';
import { LANG_STORAGE_KEY, toLang } from './lang';

export { LANG_STORAGE_KEY, toLang };
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];
export const MESSAGES: Record<Lang, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

function storedLang(): Lang {
  try {
    return toLang(window.localStorage.getItem(LANG_STORAGE_KEY));
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zhCN },
    'en-US': { translation: enUS },
  },
  lng: storedLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** The same keys as `T`, each with a string: what the English table of a feature must provide. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

/**
 * A feature's own strings, merged into the shared tables when its lazy route module loads (call at module top level).
 * Menu labels stay in `locales/` because the menu is drawn before any feature loads.
 */
export function featureStrings<T extends object>(zh: T, en: SameKeys<T>): void {
  i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
  i18n.addResourceBundle('en-US', 'translation', en, true, false);
}

export function setLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** The current language and the message table for it (for texts that i18next keys cannot address, e.g. `user.create`). */
export function useLang(): { lang: Lang; messages: Messages } {
  const { i18n: inst } = useTranslation();
  const lang = toLang(inst.resolvedLanguage ?? inst.language);
  return { lang, messages: MESSAGES[lang] };
}

export function roleLabel(role: string | null | undefined, lang: Lang): string {
  if (!role) return '';
  const l = (ROLE_LABELS as Record<string, { zh: string; en: string } | undefined>)[role as Role];
  if (!l) return role;
  return lang === 'en-US' ? l.en : l.zh;
}

export default i18n;
