/** Helpers that drive the app through its UI, as a user would. */
import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_ADMIN, E2E_SETUP_CODE, type RinnallaServer } from './server.ts';

/** Finnish and English names of the things the helpers click. */
export const LABELS = {
  username: /^(Käyttäjätunnus|Username)$/,
  password: /^(Salasana|Password)$/,
  login: /^(Kirjaudu sisään|Log in)$/,
  logout: /^(Kirjaudu ulos|Log out)$/,
  userMenu: /^(Käyttäjävalikko|User menu)/,
  mainNav: /^(Päävalikko|Main navigation)$/
} as const;

/** A link of the main navigation, by its exact text. */
export function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: LABELS.mainNav }).getByRole('link', { name, exact: true });
}

/** Fills and submits the login form (the page must show it); does not wait for the result. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(LABELS.username).fill(username);
  await page.getByLabel(LABELS.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: LABELS.login }).click();
}

/**
 * Logs in through the login page and waits until the app shell shows (or, for a user who must
 * change their password, the change-password page).
 */
export async function loginViaUI(
  page: Page,
  username: string,
  password: string,
  options: { expectPasswordChange?: boolean } = {}
): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, username, password);
  if (options.expectPasswordChange) {
    await expect(page).toHaveURL(/\/change-password$/);
  } else {
    await expect(page.getByRole('navigation', { name: LABELS.mainNav })).toBeVisible();
  }
}

/**
 * Creates the first admin ({@link E2E_ADMIN}) on the first-run page of a fresh server, and
 * waits for the demo offer that follows. The server must have no accounts yet.
 */
export async function setupViaUI(page: Page): Promise<void> {
  await page.goto('/setup');
  await page.getByLabel(/^(Käyttöönottokoodi|Setup code)$/).fill(E2E_SETUP_CODE);
  await page.getByLabel(LABELS.username).fill(E2E_ADMIN.username);
  await page.getByLabel(/^(Nimi|Name)$/).fill(E2E_ADMIN.displayName);
  await page.getByLabel(LABELS.password, { exact: true }).fill(E2E_ADMIN.password);
  await page.getByLabel(/^(Salasana uudelleen|Password again)$/).fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: /^(Luo ylläpitäjä|Create administrator)$/ }).click();
  await expect(
    page.getByRole('button', { name: /^(Lataa esittelytyötila|Load the demo workspace)$/ })
  ).toBeVisible();
}

/** Sets up the first admin if needed ({@link E2E_ADMIN}) and logs in as them through the UI. */
export async function loginAsAdmin(page: Page, server: RinnallaServer): Promise<void> {
  await server.setupAdmin();
  await loginViaUI(page, E2E_ADMIN.username, E2E_ADMIN.password);
}

const BOOT_TITLE = /^(Rinnalla käynnistyy…|Rinnalla is starting…)$/;
const UNLOCK_TITLE = /^(Avaa Rinnalla|Unlock Rinnalla)$/;

/**
 * Opens an address with a full page load, as typing it or reloading does. A device that holds
 * a user's data opens locked: then this unlocks it with `password`, as the user would. Waits
 * until the page (not the boot or unlock screen) shows.
 */
export async function gotoUnlocked(page: Page, path: string, password: string): Promise<void> {
  await page.goto(path);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  await expect(heading).not.toHaveText(BOOT_TITLE);
  if (UNLOCK_TITLE.test(((await heading.textContent()) ?? '').trim())) {
    await page.getByLabel(LABELS.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: /^(Avaa|Unlock)$/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: UNLOCK_TITLE })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(BOOT_TITLE);
  }
}

/** Logs out through the user menu and waits for the login page. */
export async function logoutViaUI(page: Page): Promise<void> {
  await page.getByRole('button', { name: LABELS.userMenu }).click();
  await page.getByRole('button', { name: LABELS.logout }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/**
 * Every text a user can see or hear on the page now: visible text nodes, the accessible names
 * given by aria-label, placeholders, and the document title. One entry per node, trimmed.
 */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent) continue;
      if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
      // SvelteKit's route announcer repeats the title of the last navigation, as it was then.
      if (parent.closest('#svelte-announcer')) continue;
      // Visually hidden text (screen-reader only) counts too: it is read aloud.
      const hiddenForAll = parent.closest('[hidden], [aria-hidden="true"]') !== null;
      const srOnly = parent.closest('.visually-hidden') !== null;
      if (hiddenForAll || (!srOnly && !parent.checkVisibility({ visibilityProperty: true }))) continue;
      texts.push(text);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[aria-label], [placeholder]')) {
      if (!el.checkVisibility()) continue;
      for (const attr of ['aria-label', 'placeholder']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}
