/**
 * UI texts in Finnish (default) and English.
 *
 * Usage: `t('login.title')`, `t('error.tooManyAttempts', { minutes: 3 })`. The key must exist in
 * `messages/fi.ts`, and the compiler requires exactly the parameters its text names. To add a
 * text, add the key to `fi.ts`, then to `en.ts` (the compiler reports it missing until you do).
 *
 * `t()` reads the rune-based locale, so texts in templates follow a language switch.
 */
import type { Language } from '$lib/api/schemas';
import { en } from './messages/en.ts';
import { fi } from './messages/fi.ts';
import { locale } from './locale.svelte.ts';
import type { MessageKey, Messages, ParamArgs } from './types.ts';

export { locale, isLanguage, LocaleState, DEFAULT_LANGUAGE } from './locale.svelte.ts';
export type { LazyText, MessageKey, Messages, PlainMessageKey } from './types.ts';

/** The catalogue of each language. */
export const catalogues: Readonly<Record<Language, Messages>> = { fi, en };

/** Fills `{name}` placeholders; a missing value is left visible so that the bug shows. */
export function interpolate(text: string, params: Record<string, string | number> | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The text of `key` in the current language, with its parameters filled in. */
export function t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
  return interpolate(catalogues[locale.current][key], params[0]);
}

/** The text of `key` in a given language (for texts that must not follow the UI language). */
export function tIn<K extends MessageKey>(language: Language, key: K, ...params: ParamArgs<K>): string {
  return interpolate(catalogues[language][key], params[0]);
}

/** BCP 47 tag for Intl: Finnish and English as used in Finland. */
export function intlLocale(language: Language = locale.current): string {
  return language === 'fi' ? 'fi-FI' : 'en-GB';
}

/** A date and time in the current language, e.g. "3.2.2026 klo 14.05" / "3 Feb 2026, 14:05". */
export function formatDateTime(value: Date | string | number): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value)
  );
}

/** A date in the current language. */
export function formatDate(value: Date | string | number): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium' }).format(new Date(value));
}

/** A number in the current language (Finnish uses a comma and a narrow space). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(), options).format(value);
}
