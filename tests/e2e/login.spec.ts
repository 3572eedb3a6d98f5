/** Logging in and out: clear messages for wrong passwords, rate limits and ended sessions. */
import { LABELS, expect, expectAccessible, loginViaUI, logoutViaUI, submitLogin, test } from './fixtures.ts';

test('a wrong password says so clearly, in Finnish and in English', async ({ page, server }) => {
  const worker = await server.createUser({ role: 'worker', ready: true });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page, 'login');

  // Empty fields are caught before the server.
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await expect(page.getByLabel('Käyttäjätunnus')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Täytä tämä kenttä.')).toHaveCount(2);

  await submitLogin(page, worker.username, 'not-the-password');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Käyttäjätunnus tai salasana on väärin. Tarkista ne ja yritä uudelleen.');
  // The password is cleared and focused for the next try; the username stays.
  await expect(page.getByLabel('Salasana')).toBeFocused();
  await expect(page.getByLabel('Salasana')).toHaveValue('');
  await expect(page.getByLabel('Käyttäjätunnus')).toHaveValue(worker.username);
  await expectAccessible(page, 'login with error');

  // The message follows the language switch.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(alert).toHaveText('The username or password is wrong. Check them and try again.');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'suomi' }).click();

  await submitLogin(page, worker.username, worker.password);
  await expect(page.getByRole('navigation', { name: LABELS.mainNav })).toBeVisible();
});

test('too many wrong passwords: try again in N min', async ({ page, server }) => {
  const worker = await server.createUser({ role: 'worker', ready: true });
  // The server allows 5 failures per username in 15 minutes; use the API for the first ones.
  const api = server.api();
  for (let i = 0; i < 5; i++) {
    expect(
      (await api.request('POST', '/api/session', { username: worker.username, password: 'wrong' })).status
    ).toBe(401);
  }
  await page.goto('/login');
  await submitLogin(page, worker.username, worker.password);
  await expect(page.getByRole('alert')).toHaveText(
    /Liian monta epäonnistunutta yritystä\. Yritä uudelleen (\d+) min kuluttua\.$/
  );
  const minutes = Number(/(\d+) min/.exec((await page.getByRole('alert').textContent()) ?? '')?.[1]);
  expect(minutes).toBeGreaterThanOrEqual(1);
  expect(minutes).toBeLessThanOrEqual(15);
  await expect(page).toHaveURL(/\/login$/);
});

test('log out, and a deep link returns after login', async ({ page, server }) => {
  const coordinator = await server.createUser({ role: 'coordinator', ready: true });
  await loginViaUI(page, coordinator.username, coordinator.password);
  await logoutViaUI(page);
  await expect(page.getByRole('status').filter({ hasText: 'Olet kirjautunut ulos.' })).toBeVisible();
  // Logged out, the app's pages lead to the login, and back after it.
  await page.goto('/reports');
  await expect(page).toHaveURL(/\/login\?next=%2Freports$/);
  await submitLogin(page, coordinator.username, coordinator.password);
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Raportit' })).toBeVisible();
});
