/**
 * The first run, as a new installation meets it: setup code → first admin → create a worker →
 * log out → the worker logs in and must choose their own password.
 */
import {
  E2E_SETUP_CODE,
  LABELS,
  expect,
  expectAccessible,
  gotoUnlocked,
  navLink,
  logoutViaUI,
  submitLogin,
  test
} from './fixtures.ts';

test('first-run setup, a new worker, and the worker’s forced password change', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Rinnallan käyttöönotto' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expectAccessible(page, 'setup');

  // Mistakes are caught before the server: every field says what is wrong.
  await page.getByRole('button', { name: 'Luo ylläpitäjä' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Lomakkeessa on virheitä/);
  await expect(page.getByLabel('Käyttöönottokoodi')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Käyttöönottokoodi')).toBeFocused();
  await expectAccessible(page, 'setup with errors');

  // A wrong setup code is refused by the server, with a message that says where the code is.
  await page.getByLabel('Käyttöönottokoodi').fill('WRONG-CODE-000');
  await page.getByLabel('Käyttäjätunnus').fill('paakayttaja');
  await page.getByLabel('Nimi').fill('Pirjo Pääkäyttäjä');
  await page.getByLabel('Salasana', { exact: true }).fill('admin-salasana-123');
  await page.getByLabel('Salasana uudelleen').fill('admin-salasana-123');
  await page.getByRole('button', { name: 'Luo ylläpitäjä' }).click();
  await expect(
    page.getByText('Käyttöönottokoodi on väärin. Tarkista koodi palvelimen konsolista.')
  ).toBeVisible();

  await page.getByLabel('Käyttöönottokoodi').fill(E2E_SETUP_CODE);
  await page.getByRole('button', { name: 'Luo ylläpitäjä' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ylläpitäjän tunnus on luotu' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kuvitteellinen esittelytyötila' })).toBeVisible();
  await expectAccessible(page, 'setup: demo offer');

  // Without the demo, straight to the admin screens.
  await page.getByRole('button', { name: 'Aloita tyhjällä työtilalla' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Käyttäjät' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'paakayttaja' })).toBeVisible();
  await expect(page.getByText('Esittelytyötila – kuvitteellista aineistoa')).toHaveCount(0);
  await expectAccessible(page, 'admin users');

  // Create a worker with an initial password.
  await page.getByRole('button', { name: 'Lisää käyttäjä' }).click();
  const dialog = page.getByRole('dialog', { name: 'Uusi käyttäjä' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Käyttäjätunnus')).toBeFocused();
  await expectAccessible(page, 'create user dialog');
  await dialog.getByLabel('Käyttäjätunnus').fill('olli.ohjaaja');
  await dialog.getByLabel('Nimi').fill('Olli Ohjaaja');
  await dialog.getByLabel('Rooli').selectOption({ label: 'Ohjaaja' });
  await dialog.getByLabel('Alkusalasana').fill('alkusalasana-123');
  await dialog.getByRole('button', { name: 'Luo käyttäjä' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Käyttäjä olli.ohjaaja on luotu.' })).toBeVisible();
  const row = page.getByRole('row', { name: /Olli Ohjaaja/ });
  await expect(row).toContainText('Ohjaaja');
  await expect(row).toContainText('Salasana vaihdettava');

  await logoutViaUI(page);
  await expect(page.getByText('Olet kirjautunut ulos.')).toBeVisible();

  // The worker logs in with the initial password and must choose their own first.
  await submitLogin(page, 'olli.ohjaaja', 'alkusalasana-123');
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Valitse oma salasana' })).toBeVisible();
  await expectAccessible(page, 'forced password change');
  // Nothing else opens before the change.
  await gotoUnlocked(page, '/participants', 'alkusalasana-123');
  await expect(page).toHaveURL(/\/change-password$/);

  await page.getByLabel('Nykyinen salasana').fill('alkusalasana-123');
  await page.getByLabel('Uusi salasana', { exact: true }).fill('ollin-oma-salasana');
  await page.getByLabel('Uusi salasana uudelleen').fill('ollin-oma-salasana');
  await page.getByRole('button', { name: 'Vaihda salasana' }).click();

  // In the app: the worker's navigation and their name in the user menu.
  await expect(page.getByRole('navigation', { name: LABELS.mainNav })).toBeVisible();
  await expect(page.getByRole('button', { name: LABELS.userMenu })).toContainText('Olli Ohjaaja');
  await navLink(page, 'Osallistujat').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Osallistujat' })).toBeVisible();
  await expectAccessible(page, 'participants (worker)');

  // The new password works and the initial one no longer does.
  await logoutViaUI(page);
  await submitLogin(page, 'olli.ohjaaja', 'alkusalasana-123');
  await expect(page.getByRole('alert')).toHaveText(/Käyttäjätunnus tai salasana on väärin/);
  await submitLogin(page, 'olli.ohjaaja', 'ollin-oma-salasana');
  await expect(page.getByRole('navigation', { name: LABELS.mainNav })).toBeVisible();
});

test('after setup, the setup page is gone: it leads to the login', async ({ page, server }) => {
  await server.setupAdmin();
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeVisible();
});
