/**
 * The language check: every text a user sees or hears changes when the language switches.
 * It compares the page's texts in Finnish and in English: a text that shows in both is
 * untranslated, unless it is a name (people, usernames, the app). It also looks for any text
 * of the other language's catalogue.
 */
import { expect, type Page } from '@playwright/test';
import { en } from '../../../src/lib/i18n/messages/en.ts';
import { fi } from '../../../src/lib/i18n/messages/fi.ts';
import { visibleTexts } from './ui.ts';

/** Names that are the same in both languages. */
const ALWAYS_ALLOWED = ['Rinnalla', 'suomi', 'English'];

const FI_TEXTS = new Set<string>(Object.values(fi).filter((text) => !ALWAYS_ALLOWED.includes(text)));
const EN_TEXTS = new Set<string>(Object.values(en).filter((text) => !ALWAYS_ALLOWED.includes(text)));

async function switchTo(page: Page, language: 'fi' | 'en'): Promise<void> {
  const button = page.getByRole('button', { name: language === 'fi' ? 'suomi' : 'English', exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  // The switch is re-rendered in the same update as the rest of the page; the document title
  // follows in an effect, so give it a frame as well.
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}

/** Strings without letters (numbers, dates' punctuation) are not words of either language. */
const hasLetters = (text: string) => /\p{L}/u.test(text);

export interface TranslatedOptions {
  /**
   * Brings up what to compare (e.g. opens a dialog) and takes it away again. A modal dialog
   * makes the header's language switch inert, as it does for a user, so the check closes it,
   * switches and opens it again.
   */
  show?: () => Promise<void>;
  hide?: () => Promise<void>;
}

/**
 * Checks the page in both languages and leaves it in Finnish. `names` are texts that may
 * appear in both (display names, usernames, browser names).
 */
export async function expectTranslated(
  page: Page,
  names: readonly string[] = [],
  { show, hide }: TranslatedOptions = {}
): Promise<void> {
  const allowed = new Set([...ALWAYS_ALLOWED, ...names]);
  const texts = async (language: 'fi' | 'en') => {
    await switchTo(page, language);
    await show?.();
    const result = await visibleTexts(page);
    await hide?.();
    return result;
  };
  const finnish = await texts('fi');
  const english = await texts('en');
  await switchTo(page, 'fi');

  const finnishSet = new Set(finnish);
  const inBoth = english.filter((text) => finnishSet.has(text) && hasLetters(text) && !allowed.has(text));
  expect(inBoth, `texts that did not change from Finnish to English on ${page.url()}`).toEqual([]);
  expect(
    english.filter((text) => FI_TEXTS.has(text)),
    'Finnish catalogue texts on the English page'
  ).toEqual([]);
  expect(
    finnish.filter((text) => EN_TEXTS.has(text)),
    'English catalogue texts on the Finnish page'
  ).toEqual([]);
  // Something to compare: the check must not pass on an empty page.
  expect(english.length).toBeGreaterThan(3);
}
