/**
 * The chosen language, without i18next: shared by the SPA (lib/i18n.ts) and the light login page (src/login), so
 * both read and keep the choice the same way.
 */
import type { Lang } from './errors';

/** Where the chosen language is kept (localStorage); zh-CN when nothing is kept. */
export const LANG_STORAGE_KEY = 'onex.lang';

export function toLang(value: string | null | undefined): Lang {
  return value === 'en-US' || value?.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}
