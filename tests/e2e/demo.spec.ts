/**
 * The fictional demo workspace: loaded from the first-run page, its users and shared password
 * shown once and marked as fictional, and a "demo workspace" notice on every page afterwards.
 */
import {
  E2E_ADMIN,
  LABELS,
  expect,
  expectAccessible,
  gotoUnlocked,
  loginViaUI,
  setupViaUI,
  test
} from './fixtures.ts';

const BANNER = 'Esittelytyötila – kuvitteellista aineistoa';

test('the demo workspace loads, is marked fictional, and says so on every page', async ({
  page,
  newPage
}) => {
  await setupViaUI(page);
  await expect(page.getByText(BANNER)).toHaveCount(0);
  await page.getByRole('button', { name: 'Lataa esittelytyötila' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Esittelytyötila on ladattu' })).toBeVisible();
  await expect(page.getByText('Kuvitteellinen esimerkkiaineisto', { exact: true })).toBeVisible();
  const table = page.getByRole('table', { name: /Esittelykäyttäjät/ });
  await expect(table.getByRole('row')).toHaveCount(6);
  for (const role of ['Koordinaattori', 'Ohjaaja', 'Kokemusasiantuntija']) {
    await expect(table.getByRole('cell', { name: role, exact: true }).first()).toBeVisible();
  }
  const worker = (await table
    .getByRole('row')
    .filter({ hasText: 'Ohjaaja' })
    .first()
    .locator('td')
    .first()
    .textContent())!.trim();
  const password = (await page.locator('dd').textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(10);
  await expect(page.getByText('Salasana näytetään vain nyt.', { exact: false })).toBeVisible();
  // From now on, every page says the workspace is a demo.
  await expect(page.getByText(BANNER)).toBeVisible();
  await expectAccessible(page, 'demo loaded');

  await page.getByRole('button', { name: 'Siirry sovellukseen' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByText(BANNER)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Olli Ohjaaja (demo)', exact: true })).toBeVisible();
  await gotoUnlocked(page, '/admin', E2E_ADMIN.password);
  await expect(page.getByText(BANNER)).toBeVisible();

  // Another device: the login page and the app say it too, in both languages.
  const other = await newPage();
  await other.goto('/login');
  await expect(other.getByText(BANNER)).toBeVisible();
  await loginViaUI(other, worker, password);
  await expect(other.getByText(BANNER)).toBeVisible();
  await expect(other.getByRole('button', { name: LABELS.userMenu })).toContainText('(demo)');
  await other.getByRole('button', { name: 'English', exact: true }).click();
  await expect(other.getByText('Demo workspace – fictional data')).toBeVisible();
  await expectAccessible(other, 'app with demo banner');
});
