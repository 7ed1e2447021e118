import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { englishAll } from './en';
import { russianAll } from './ru';

export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'ru', name: 'Русский' },
];

type Tree = { [key: string]: unknown };

/** Keys missing from a translation (ra-language-russian lags react-admin) fall back to English. */
export const withFallback = (primary: Tree, fallback: Tree): Tree =>
  Object.fromEntries(
    Array.from(new Set([...Object.keys(fallback), ...Object.keys(primary)]), (key) => {
      const own = primary[key];
      const other = fallback[key];
      if (own && other && typeof own === 'object' && typeof other === 'object') return [key, withFallback(own as Tree, other as Tree)];
      return [key, own ?? other];
    }),
  );

const messages: Record<string, TranslationMessages> = {
  en: englishAll as unknown as TranslationMessages,
  ru: withFallback(russianAll, englishAll) as unknown as TranslationMessages,
};

const polyglotProvider = polyglotI18nProvider((locale) => messages[locale] ?? messages.en, 'en', LOCALES, {
  allowMissing: true,
});

/** Keeps `<html lang>` in step with the console's language (screen readers, hyphenation, spell checking). */
const setDocumentLanguage = (locale: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
};

export const i18nProvider: I18nProvider = {
  ...polyglotProvider,
  changeLocale: async (locale, options) => {
    await polyglotProvider.changeLocale(locale, options);
    setDocumentLanguage(locale);
  },
};
