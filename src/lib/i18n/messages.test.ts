import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { fi } from './messages/fi.ts';
import { catalogues, formatNumber, interpolate, locale, t } from './index.ts';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Texts that are the same in both languages on purpose (names and symbols, not words). */
const SAME_IN_BOTH = new Set(['app.name', 'app.titleSuffix', 'language.fi', 'language.en', 'presence.more']);

describe('message catalogues', () => {
  it('have the same keys in Finnish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fi).sort());
  });

  it.each(Object.keys(fi) as (keyof typeof fi)[])('%s uses the same parameters in both', (key) => {
    expect(params(en[key])).toEqual(params(fi[key]));
    expect(fi[key].trim()).not.toBe('');
    expect(en[key].trim()).not.toBe('');
  });

  it('translate every text except names', () => {
    const untranslated = (Object.keys(fi) as (keyof typeof fi)[]).filter(
      (key) => fi[key] === en[key] && !SAME_IN_BOTH.has(key)
    );
    expect(untranslated).toEqual([]);
  });
});

describe('t', () => {
  it('follows the current language and fills parameters', () => {
    locale.current = 'fi';
    expect(t('error.tooManyAttempts', { minutes: 3 })).toBe(
      'Liian monta epäonnistunutta yritystä. Yritä uudelleen 3 min kuluttua.'
    );
    locale.current = 'en';
    expect(t('error.tooManyAttempts', { minutes: 3 })).toBe('Too many failed attempts. Try again in 3 min.');
    expect(t('login.title')).toBe(catalogues.en['login.title']);
    locale.current = 'fi';
  });

  it('leaves an unknown placeholder visible instead of dropping it', () => {
    expect(interpolate('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}');
  });

  it('formats numbers per language', () => {
    locale.current = 'fi';
    expect(formatNumber(1234.5)).toBe('1\u00a0234,5');
    locale.current = 'en';
    expect(formatNumber(1234.5)).toBe('1,234.5');
    locale.current = 'fi';
  });
});
