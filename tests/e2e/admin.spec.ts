/** The admin screens: accounts and sessions, and what the affected user sees. */
import {
  E2E_ADMIN,
  LABELS,
  expect,
  expectAccessible,
  loginAsAdmin,
  loginViaUI,
  navLink,
  submitLogin,
  test,
  type Page
} from './fixtures.ts';

async function openManageDialog(page: Page, displayName: string) {
  await page.getByRole('button', { name: `Hallinnoi käyttäjää ${displayName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Käyttäjä: ${displayName}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('disabling a user ends their session at once; enabling lets them back', async ({
  page,
  server,
  newPage
}) => {
  const worker = await server.createUser({ role: 'worker', ready: true, displayName: 'Tiina Työntekijä' });
  const workerPage = await newPage();
  await loginViaUI(workerPage, worker.username, worker.password);

  await loginAsAdmin(page, server);
  const dialog = await openManageDialog(page, 'Tiina Työntekijä');
  await expectAccessible(page, 'manage user dialog');
  await dialog.getByRole('button', { name: 'Poista käytöstä' }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    'Käyttäjä Tiina Työntekijä on poistettu käytöstä, ja hänen istuntonsa päättyivät.'
  );
  await expect(dialog.getByRole('button', { name: 'Ota käyttöön' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Focus returns to the button that opened the dialog.
  await expect(page.getByRole('button', { name: 'Hallinnoi käyttäjää Tiina Työntekijä' })).toBeFocused();
  await expect(page.getByRole('row', { name: /Tiina Työntekijä/ })).toContainText('Poistettu käytöstä');

  // The worker's next step finds the session ended and is asked to log in again.
  await navLink(workerPage, 'Ryhmät').click();
  await expect(workerPage).toHaveURL(/\/login\?next=%2Fgroups$/);
  await expect(workerPage.getByRole('status')).toHaveText(
    'Istuntosi on päättynyt. Kirjaudu sisään uudelleen.'
  );
  await expectAccessible(workerPage, 'login after the session ended');
  await submitLogin(workerPage, worker.username, worker.password);
  await expect(workerPage.getByRole('alert')).toHaveText(/Käyttäjätunnus tai salasana on väärin/);

  // Enabled again, the worker can log in.
  const again = await openManageDialog(page, 'Tiina Työntekijä');
  await again.getByRole('button', { name: 'Ota käyttöön' }).click();
  await expect(again.getByRole('status')).toHaveText('Käyttäjä Tiina Työntekijä on otettu käyttöön.');
  await submitLogin(workerPage, worker.username, worker.password);
  await expect(workerPage).toHaveURL(/\/groups$/);
});

test('a one-time password reset is shown once and forces a new password', async ({
  page,
  server,
  context
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const worker = await server.createUser({ role: 'expert', ready: true, displayName: 'Kalle Kokemus' });
  await loginAsAdmin(page, server);
  const dialog = await openManageDialog(page, 'Kalle Kokemus');
  await dialog.getByRole('button', { name: 'Nollaa salasana' }).click();
  const secret = dialog.locator('dd');
  await expect(secret).toHaveText(/\S{8,}/);
  const oneTimePassword = (await secret.textContent())!.trim();
  await expect(dialog.getByText('Salasana näytetään vain kerran.', { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Kopioi: Kertakäyttöinen salasana' }).click();
  await expect(dialog.getByText('Kopioitu leikepöydälle.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(oneTimePassword);
  await expectAccessible(page, 'one-time password shown');

  // Closed and opened again, the password is not shown any more.
  await dialog.getByRole('button', { name: 'Sulje' }).click();
  const reopened = await openManageDialog(page, 'Kalle Kokemus');
  await expect(reopened.locator('dd')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Kalle Kokemus/ })).toContainText('Salasana vaihdettava');
  await reopened.getByRole('button', { name: 'Sulje' }).click();

  // The old password is gone; the one-time password leads to the forced change.
  const api = server.api();
  expect(
    (await api.request('POST', '/api/session', { username: worker.username, password: worker.password }))
      .status
  ).toBe(401);
  const other = await (await page.context().browser()!.newContext({ baseURL: server.url })).newPage();
  await loginViaUI(other, worker.username, oneTimePassword, { expectPasswordChange: true });
  await other.context().close();
});

test('the admin changes a role; the user’s navigation follows', async ({ page, server, newPage }) => {
  const worker = await server.createUser({ role: 'worker', ready: true, displayName: 'Riikka Rooli' });
  const workerPage = await newPage();
  await loginViaUI(workerPage, worker.username, worker.password);
  await expect(navLink(workerPage, 'Raportit')).toHaveCount(0);

  await loginAsAdmin(page, server);
  const dialog = await openManageDialog(page, 'Riikka Rooli');
  await dialog.getByLabel('Rooli', { exact: true }).selectOption({ label: 'Koordinaattori' });
  await dialog.getByRole('button', { name: 'Tallenna muutokset' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Muutokset on tallennettu.');
  await dialog.getByRole('button', { name: 'Sulje' }).click();
  await expect(page.getByRole('row', { name: /Riikka Rooli/ })).toContainText('Koordinaattori');

  await navLink(workerPage, 'Ryhmät').click();
  await expect(navLink(workerPage, 'Raportit')).toBeVisible();
  await expect(workerPage.getByRole('button', { name: LABELS.userMenu })).toContainText('Koordinaattori');
});

test('the admin cannot lock themselves out, and usernames are unique', async ({ page, server }) => {
  await loginAsAdmin(page, server);
  const self = await openManageDialog(page, E2E_ADMIN.displayName);
  await expect(self.getByRole('button', { name: 'Poista käytöstä' })).toHaveCount(0);
  await expect(self.getByLabel('Rooli', { exact: true })).toHaveCount(0);
  await self.getByRole('button', { name: 'Sulje' }).click();

  await page.getByRole('button', { name: 'Lisää käyttäjä' }).click();
  const create = page.getByRole('dialog', { name: 'Uusi käyttäjä' });
  await create.getByLabel('Käyttäjätunnus').fill(E2E_ADMIN.username);
  await create.getByLabel('Nimi').fill('Toinen Pirjo');
  await create.getByLabel('Alkusalasana').fill('alkusalasana-123');
  await create.getByRole('button', { name: 'Luo käyttäjä' }).click();
  await expect(create.getByText('Käyttäjätunnus on jo käytössä. Valitse toinen.')).toBeVisible();
  await expect(create.getByLabel('Käyttäjätunnus')).toBeFocused();
  await create.getByLabel('Käyttäjätunnus').fill('Ääkköset eivät käy');
  await create.getByRole('button', { name: 'Luo käyttäjä' }).click();
  await expect(create.getByText(/Käyttäjätunnuksessa on oltava 3–40 merkkiä/)).toBeVisible();
  await expectAccessible(page, 'create user dialog with errors');
});

test('the admin sees active sessions and revokes one; that device is logged out', async ({
  page,
  server,
  newPage
}) => {
  const worker = await server.createUser({ role: 'worker', ready: true, displayName: 'Sanna Sessio' });
  const workerPage = await newPage();
  await loginViaUI(workerPage, worker.username, worker.password);

  await loginAsAdmin(page, server);
  await page.getByRole('link', { name: 'Aktiiviset istunnot' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aktiiviset istunnot' })).toBeVisible();
  const own = page
    .getByRole('row', { name: new RegExp(E2E_ADMIN.username) })
    .filter({ hasText: 'Tämä istunto' });
  await expect(own).toHaveCount(1);
  const workerRow = page.getByRole('row', { name: new RegExp(worker.username) });
  // Only the browser's session: the set-up helpers log their API sessions out.
  await expect(workerRow).toContainText('Chrome, Linux');
  await expectAccessible(page, 'sessions');

  await workerRow.getByRole('button', { name: `Päätä istunto: ${worker.username}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Istunto on päätetty.' })).toBeVisible();
  await expect(workerRow).toHaveCount(0);

  await navLink(workerPage, 'Jalkautuminen').click();
  await expect(workerPage).toHaveURL(/\/login/);
  await expect(workerPage.getByText('Istuntosi on päättynyt. Kirjaudu sisään uudelleen.')).toBeVisible();
});
