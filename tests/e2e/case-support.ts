/** Helpers of the case-file e2e tests (tests/e2e/case-*.spec.ts). */
import { expect, type Page } from '@playwright/test';
import type { CreatedUser, RinnallaServer } from './support/server.ts';

/** Workers and experts ready to log in (their own password chosen). */
export async function createStaff(server: RinnallaServer) {
  const worker = await server.createUser({ role: 'worker', displayName: 'Olli Ohjaaja', ready: true });
  const expert = await server.createUser({ role: 'expert', displayName: 'Kalle Kokemus', ready: true });
  const outsider = await server.createUser({ role: 'expert', displayName: 'Ulla Ulkopuolinen', ready: true });
  return { worker, expert, outsider };
}

/** Logs in through the login page and waits for the home view. */
export async function login(page: Page, user: CreatedUser): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Käyttäjätunnus').fill(user.username);
  await page.getByLabel('Salasana', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  // The device key is made from the login password (PBKDF2, 600 000 rounds): allow it time.
  await expect(page.getByRole('heading', { level: 1, name: `Hei, ${user.displayName}!` })).toBeVisible({
    timeout: 15_000
  });
}

/**
 * Opens an address with a full page load. The device opens locked after a load (its key lives
 * in memory only), so this unlocks it with the user's password when asked.
 */
export async function visit(page: Page, user: CreatedUser, path: string): Promise<void> {
  await page.goto(path);
  await unlockIfLocked(page, user);
}

/** Unlocks the device if the unlock screen shows, and waits for the app shell. */
export async function unlockIfLocked(page: Page, user: CreatedUser): Promise<void> {
  const unlock = page.getByRole('heading', { level: 1, name: 'Avaa Rinnalla' });
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  await expect(unlock.or(nav)).toBeVisible({ timeout: 10_000 });
  if (await unlock.isVisible()) {
    await page.getByLabel('Salasana', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Avaa', exact: true }).click();
    await expect(nav).toBeVisible({ timeout: 15_000 });
  }
}

/** Registers a participant through the form; returns the new case id. */
export async function registerParticipant(
  page: Page,
  name: string,
  options: { expert?: string; tp3?: boolean } = {}
): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Päävalikko' })
    .getByRole('link', { name: 'Osallistujat' })
    .click();
  await page.getByRole('link', { name: 'Uusi osallistuja' }).click();
  await page.getByLabel('Nimi tai peitenimi').fill(name);
  await page.getByLabel('TP1 Elämänmuutoksen tuki').check();
  if (options.tp3) await page.getByLabel('TP3 Vapautumisen tukipolku').check();
  if (options.expert) await page.getByRole('checkbox', { name: options.expert }).check();
  await page.getByLabel('Suostumus kirjataan myöhemmin').check();
  await page.getByRole('button', { name: 'Rekisteröi' }).click();
  await expect(page).toHaveURL(/\/participants\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url().split('/').at(-1)!;
}

/** Waits until a service worker controls the page (reloading, and unlocking, once if needed). */
export async function controlledByServiceWorker(page: Page, user: CreatedUser): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await unlockIfLocked(page, user);
  }
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}
