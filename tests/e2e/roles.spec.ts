/** The navigation follows the role; pages outside the role say "no access". */
import {
  LABELS,
  expect,
  expectAccessible,
  gotoUnlocked,
  loginViaUI,
  navLink,
  test,
  type Page
} from './fixtures.ts';

async function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: LABELS.mainNav }).getByRole('link').allTextContents();
}

/** The areas named in `shown` are in the navigation, in that order; those in `hidden` are not. */
function expectAreas(links: string[], shown: string[], hidden: string[]): void {
  expect(links.filter((link) => shown.includes(link))).toEqual(shown);
  expect(links.filter((link) => hidden.includes(link))).toEqual([]);
}

test('a worker sees Participants, Groups and Outreach, and no Admin', async ({ page, server }) => {
  const worker = await server.createUser({ role: 'worker', ready: true });
  await loginViaUI(page, worker.username, worker.password);
  expectAreas(await navLinks(page), ['Osallistujat', 'Ryhmät', 'Jalkautuminen'], ['Raportit', 'Ylläpito']);

  for (const [link, heading] of [
    ['Ryhmät', 'Ryhmät'],
    ['Jalkautuminen', 'Jalkautuminen'],
    ['Osallistujat', 'Osallistujat']
  ] as const) {
    await navLink(page, link).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(navLink(page, link)).toHaveAttribute('aria-current', 'page');
  }
  await expectAccessible(page, 'participants');

  await gotoUnlocked(page, '/admin', worker.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeVisible();
  await expect(page.getByText('Roolisi (Ohjaaja) ei anna pääsyä tälle sivulle.')).toBeVisible();
  await expectAccessible(page, 'no access');
  await gotoUnlocked(page, '/reports', worker.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeVisible();
});

test('an experience expert sees the same areas as a worker', async ({ page, server }) => {
  const expert = await server.createUser({ role: 'expert', ready: true });
  await loginViaUI(page, expert.username, expert.password);
  expectAreas(await navLinks(page), ['Osallistujat', 'Ryhmät', 'Jalkautuminen'], ['Raportit', 'Ylläpito']);
  await expect(page.getByRole('button', { name: LABELS.userMenu })).toContainText('Kokemusasiantuntija');
});

test('a coordinator also sees Reports', async ({ page, server }) => {
  const coordinator = await server.createUser({ role: 'coordinator', ready: true });
  await loginViaUI(page, coordinator.username, coordinator.password);
  expectAreas(await navLinks(page), ['Osallistujat', 'Ryhmät', 'Jalkautuminen', 'Raportit'], ['Ylläpito']);
  await navLink(page, 'Raportit').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Raportit' })).toBeVisible();
  await expectAccessible(page, 'reports');
  await navLink(page, 'Ryhmät').click();
  await expectAccessible(page, 'groups');
  await navLink(page, 'Jalkautuminen').click();
  await expectAccessible(page, 'outreach');
});

test('an admin sees only Admin, and no case areas', async ({ page, server }) => {
  const admin = await server.createUser({ role: 'admin', ready: true });
  await loginViaUI(page, admin.username, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  expect(await navLinks(page)).toEqual(['Ylläpito']);
  await gotoUnlocked(page, '/participants', admin.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeVisible();
});

test('the user menu works with the keyboard and leads to settings', async ({ page, server }) => {
  const worker = await server.createUser({ role: 'worker', ready: true, displayName: 'Ville Virtanen' });
  await loginViaUI(page, worker.username, worker.password);
  const menuButton = page.getByRole('button', { name: LABELS.userMenu });
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('link', { name: 'Asetukset' })).toBeFocused();
  await expectAccessible(page, 'user menu open');
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: 'Kirjaudu ulos' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByRole('link', { name: 'Asetukset' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton).toBeFocused();
  await expect(page.getByRole('button', { name: 'Kirjaudu ulos' })).toBeHidden();

  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Asetukset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Asetukset' })).toBeVisible();
  await expect(page.getByText(`Käyttäjätunnus ${worker.username}, rooli: Ohjaaja`)).toBeVisible();
  await expectAccessible(page, 'settings');

  // Rename: the header follows.
  await page.getByLabel('Nimi').fill('Ville V. Virtanen');
  await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tallennettu.' })).toBeVisible();
  await expect(menuButton).toContainText('Ville V. Virtanen');

  // Change the password in settings; the new one works at the next login.
  await page.getByLabel('Nykyinen salasana').fill(worker.password);
  await page.getByLabel('Uusi salasana', { exact: true }).fill('uusi-salasana-456');
  await page.getByLabel('Uusi salasana uudelleen').fill('uusi-salasana-457');
  await page.getByRole('button', { name: 'Vaihda salasana' }).click();
  await expect(page.getByText('Salasanat eivät täsmää.')).toBeVisible();
  await page.getByLabel('Uusi salasana uudelleen').fill('uusi-salasana-456');
  await page.getByRole('button', { name: 'Vaihda salasana' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Salasana on vaihdettu.' })).toBeVisible();

  const api = server.api();
  expect(
    (await api.request('POST', '/api/session', { username: worker.username, password: worker.password }))
      .status
  ).toBe(401);
  expect(
    (await api.request('POST', '/api/session', { username: worker.username, password: 'uusi-salasana-456' }))
      .status
  ).toBe(200);
});

test('the skip link moves focus to the main content', async ({ page, server }) => {
  const worker = await server.createUser({ role: 'worker', ready: true });
  await loginViaUI(page, worker.username, worker.password);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Siirry pääsisältöön' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('an unknown address shows "page not found"', async ({ page, server }) => {
  const worker = await server.createUser({ role: 'worker', ready: true });
  await loginViaUI(page, worker.username, worker.password);
  await gotoUnlocked(page, '/no-such-page', worker.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toBeVisible();
  await expectAccessible(page, 'not found');
  await page.getByRole('link', { name: 'Etusivulle' }).click();
  await expect(page.getByRole('navigation', { name: LABELS.mainNav })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toHaveCount(0);
});
