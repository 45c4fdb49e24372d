import { configureLocalization } from '@lit/localize';

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type KioskLocale = (typeof LOCALES)[number];

/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<KioskLocale, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

const loaders = {
  'zh-CN': () => import('./locales/zh-CN.ts'),
  'zh-TW': () => import('./locales/zh-TW.ts'),
};

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['zh-CN', 'zh-TW'],
  loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
});

export function isKioskLocale(value: unknown): value is KioskLocale {
  return LOCALES.includes(value as KioskLocale);
}

/** The language the kiosk returns to after each visitor: `?lang=` or Simplified Chinese. */
export function homeLocale(): KioskLocale {
  const requested = new URLSearchParams(location.search).get('lang');
  return isKioskLocale(requested) ? requested : 'zh-CN';
}

export function currentLocale(): KioskLocale {
  const locale = getLocale();
  return isKioskLocale(locale) ? locale : 'en';
}

/** Switches every localized component and `<html lang>` (which picks the CJK glyph shapes). */
export async function switchLocale(locale: KioskLocale): Promise<void> {
  await setLocale(locale);
  document.documentElement.lang = locale;
}
