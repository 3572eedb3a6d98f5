/**
 * The language switch changes every visible text on every page, `<html lang>` follows it, and
 * the choice is remembered: on the device before login, with the account after.
 */
import {
  E2E_ADMIN,
  expect,
  loginAsAdmin,
  gotoUnlocked,
  loginViaUI,
  navLink,
  logoutViaUI,
  setupViaUI,
  submitLogin,
  test
} from './fixtures.ts';
import { expectTranslated } from './support/language.ts';

test('first-run setup and login pages are fully translated', async ({ page, server }) => {
  await page.goto('/setup');
  await expect(page.getByRole('heading', { level: 1, name: 'Rinnallan käyttöönotto' })).toBeVisible();
  // With the form's error messages showing too.
  await page.getByRole('button', { name: 'Luo ylläpitäjä' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectTranslated(page);

  await setupViaUI(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Ylläpitäjän tunnus on luotu' })).toBeVisible();
  await expectTranslated(page);
  await page.getByRole('button', { name: 'Aloita tyhjällä työtilalla' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await server.setupAdmin();

  await logoutViaUI(page);
  await submitLogin(page, E2E_ADMIN.username, 'wrong-password');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectTranslated(page);
});

test('the app pages and dialogs are fully translated', async ({ page, server }) => {
  const coordinator = await server.createUser({
    role: 'coordinator',
    ready: true,
    displayName: 'Kaisa Koordinaattori'
  });
  await loginViaUI(page, coordinator.username, coordinator.password);
  const names = [coordinator.displayName, coordinator.username];
  for (const path of ['/participants', '/groups', '/outreach', '/reports', '/settings']) {
    await gotoUnlocked(page, path, coordinator.password);
    await expectTranslated(page, names);
  }
  await page.getByRole('button', { name: /Käyttäjävalikko/ }).click();
  await expectTranslated(page, names);
  await gotoUnlocked(page, '/no-such-page', coordinator.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toBeVisible();
  await expectTranslated(page, names);
});

test('the admin screens are fully translated', async ({ page, server }) => {
  const worker = await server.createUser({ role: 'worker', displayName: 'Olli Ohjaaja' });
  await loginAsAdmin(page, server);
  // Every account's names show in the list, including those of the other tests in this file.
  const users = (
    await (
      await server.setupAdmin()
    ).request<{ username: string; displayName: string }[]>('GET', '/api/users')
  ).body;
  const names = [...users.flatMap((u) => [u.username, u.displayName]), 'Chrome, Linux'];
  await expect(page.getByRole('cell', { name: worker.username })).toBeVisible();
  await expectTranslated(page, names);

  const closeDialog = async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
  };
  // The create dialog with its form errors.
  await expectTranslated(page, names, {
    show: async () => {
      await page.getByRole('button', { name: /^(Lisää käyttäjä|Add user)$/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^(Luo käyttäjä|Create user)$/ })
        .click();
      await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
    },
    hide: closeDialog
  });
  // The manage dialog with a one-time password (a new one each time: they are not words).
  await expectTranslated(page, names, {
    show: async () => {
      await page.getByRole('button', { name: new RegExp(worker.displayName) }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^(Nollaa salasana|Reset password)$/ })
        .click();
      await expect(page.getByRole('dialog').locator('dd')).toBeVisible();
    },
    hide: closeDialog
  });

  await page.getByRole('link', { name: 'Aktiiviset istunnot' }).click();
  await expect(page.getByRole('cell', { name: 'Tämä istunto' })).toBeVisible();
  await expectTranslated(page, names);
});

test('the forced password change page is fully translated', async ({ page, server }) => {
  const worker = await server.createUser({ role: 'worker', displayName: 'Uuno Uusi' });
  await loginViaUI(page, worker.username, worker.password, { expectPasswordChange: true });
  await page.getByRole('button', { name: 'Vaihda salasana' }).click();
  await expectTranslated(page, [worker.displayName, `${worker.displayName} (${worker.username})`]);
});

test('the language is remembered on the device and with the account', async ({ page, server, newPage }) => {
  const worker = await server.createUser({ role: 'worker', ready: true });
  // Chosen before login: it applies to the login page and is saved to the account at login.
  await page.goto('/login');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await submitLogin(page, worker.username, worker.password);
  await expect(navLink(page, 'Participants')).toBeVisible();
  await expect
    .poll(async () => (await server.api().login(worker.username, worker.password)).request('GET', '/api/me'))
    .toMatchObject({ body: { language: 'en' } });

  // Another device, with nothing stored: the account's language applies after login.
  const other = await newPage();
  await other.goto('/login');
  await expect(other.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeVisible();
  await submitLogin(other, worker.username, worker.password);
  await expect(navLink(other, 'Participants')).toBeVisible();
  await expect(other.locator('html')).toHaveAttribute('lang', 'en');

  // Switched back in settings, saved with the account.
  await navLink(other, 'Groups').click();
  await gotoUnlocked(other, '/settings', worker.password);
  await other.getByLabel('Interface language').selectOption('fi');
  await expect(other.getByRole('heading', { level: 1, name: 'Asetukset' })).toBeVisible();
  await expect(other.getByRole('status').filter({ hasText: 'Kieli on vaihdettu.' })).toBeVisible();
  await expect(other.getByRole('button', { name: 'suomi', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true'
  );
  const me = await (await server.api().login(worker.username, worker.password)).request('GET', '/api/me');
  expect(me.body).toMatchObject({ language: 'fi' });
});
