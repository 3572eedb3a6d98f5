/**
 * Locking and wiping the device, in Chromium with the built app and a real server: the auto-lock
 * (set in the settings) hides the case, the password unlocks it again, ten wrong passwords wipe
 * the device, and a device an admin revokes wipes itself when it next reaches the server. The
 * new pages (settings' device section, admin Devices) pass axe.
 */
import type { Page } from '@playwright/test';
import { registerParticipant } from './case-support.ts';
import {
  E2E_ADMIN,
  expect,
  expectAccessible,
  test,
  visibleTexts,
  type CreatedUser,
  type RinnallaServer
} from './fixtures.ts';

const NAME = 'Onni Osallistuja';

async function seedCase(server: RinnallaServer, worker: CreatedUser): Promise<string> {
  const api = await server.api().login(worker.username, worker.password);
  const { id } = await api.expect<{ id: string }>(201, 'POST', '/api/participants', { displayName: NAME });
  return id;
}

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Käyttäjätunnus').fill(username);
  await page.getByLabel('Salasana', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Päävalikko' });
const unlockHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Avaa Rinnalla' });

async function openCase(page: Page): Promise<void> {
  await nav(page).getByRole('link', { name: 'Osallistujat' }).click();
  await page.getByRole('link', { name: NAME }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Käyttäjävalikko/ }).click();
  await page.getByRole('link', { name: 'Asetukset' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Tämä laite' })).toBeVisible();
}

async function tryPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('Salasana', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Avaa' }).click();
}

test('auto-lock hides the case; the password unlocks it; ten wrong passwords wipe the device', async ({
  page,
  server
}) => {
  // The page's clock runs normally; fastForward jumps over the auto-lock delay.
  await page.clock.install();
  const worker = await server.createUser({ role: 'worker', ready: true });
  await login(page, worker.username, worker.password);
  await registerParticipant(page, NAME);
  await expect(page.getByText(/^Valmis käyttöön ilman verkkoa: 1 asiakirja synkronoitu/)).toBeVisible({
    timeout: 15_000
  });

  // The device section of the settings: storage, persistence, auto-lock, removal.
  await openSettings(page);
  const section = page.getByRole('region', { name: 'Tämä laite' });
  await expect(section.getByText(/^Tallennustilaa käytössä: [\d\s,]+ Mt \/ [\d\s,]+ Mt$/)).toBeVisible();
  await expect(
    section.getByText(/^Selain (on luvannut säilyttää tiedot|ei ole luvannut säilyttää tietoja)/)
  ).toBeVisible();
  await expect(section.getByLabel(/^Lukitse automaattisesti/)).toHaveValue('10');
  await expectAccessible(page, 'settings with the device section');
  await section.getByLabel(/^Lukitse automaattisesti/).selectOption({ label: '1 minuutin jälkeen' });
  await expect(section.getByText('Automaattinen lukitus on muutettu.')).toBeVisible();

  await openCase(page);
  // Typed, still in the field (not yet committed on change) when the lock comes.
  const phone = page.getByRole('textbox', { name: 'Puhelin' });
  await phone.fill('050 765 4321');
  await page.clock.fastForward('01:05');
  await expect(unlockHeading(page)).toBeVisible();
  await expect(page.getByText('Sovellus lukittiin, koska sitä ei käytetty hetkeen.')).toBeVisible();
  // Nothing of the case is on screen, nor anywhere in the page.
  expect((await visibleTexts(page)).join('\n')).not.toContain(NAME);
  expect(await page.content()).not.toContain(NAME);

  // The password unlocks it where the user was; the typed text was saved before the lock (the
  // case is loaded afresh from the device: the registry was closed).
  await tryPassword(page, worker.password);
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(phone).toHaveValue('050 765 4321');

  // A new password protects the device's data from now on (the key is re-wrapped).
  const newPassword = 'uusi-salasana-2026';
  await openSettings(page);
  const passwordForm = page.getByRole('region', { name: 'Salasana' });
  await passwordForm.getByLabel('Nykyinen salasana').fill(worker.password);
  await passwordForm.getByLabel('Uusi salasana', { exact: true }).fill(newPassword);
  await passwordForm.getByLabel('Uusi salasana uudelleen').fill(newPassword);
  await passwordForm.getByRole('button', { name: 'Vaihda salasana' }).click();
  await expect(passwordForm.getByRole('status').filter({ hasText: 'Salasana on vaihdettu' })).toBeVisible();
  await openCase(page);

  // "Lock" in the user menu locks at once; the old password no longer opens it, the new one does.
  await page.getByRole('button', { name: /^Käyttäjävalikko/ }).click();
  await page.getByRole('button', { name: 'Lukitse' }).click();
  await expect(unlockHeading(page)).toBeVisible();
  expect(await page.content()).not.toContain(NAME);
  await tryPassword(page, worker.password);
  await expect(page.getByRole('alert')).toContainText('Vielä 9 yritystä');
  await tryPassword(page, newPassword);
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await page.getByRole('button', { name: /^Käyttäjävalikko/ }).click();
  await page.getByRole('button', { name: 'Lukitse' }).click();
  await expect(unlockHeading(page)).toBeVisible();

  // Ten wrong passwords wipe the device's data, and the login page says so.
  for (let left = 9; left >= 1; left--) {
    await tryPassword(page, `väärä-${left}`);
    await expect(page.getByRole('alert')).toContainText(
      left === 1 ? 'Vielä 1 yritys' : `Vielä ${left} yritystä`
    );
  }
  await tryPassword(page, 'väärä-viimeinen');
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Salasana annettiin väärin liian monta kertaa' })
  ).toBeVisible();
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases.filter((name) => name?.startsWith('rinnalla-'))).toEqual([]);
});

test('an admin revokes a lost device: its sessions end and it wipes itself when it next reaches the server', async ({
  page,
  newPage,
  server
}) => {
  const worker = await server.createUser({ role: 'worker', ready: true });
  await seedCase(server, worker);
  await login(page, worker.username, worker.password);
  await expect(page.getByText(/^Valmis käyttöön ilman verkkoa/)).toBeVisible({ timeout: 15_000 });
  await openCase(page);

  await server.setupAdmin();
  const admin = await newPage();
  await login(admin, E2E_ADMIN.username, E2E_ADMIN.password);
  await nav(admin).getByRole('link', { name: 'Ylläpito' }).click();
  await admin
    .getByRole('navigation', { name: 'Ylläpidon osiot' })
    .getByRole('link', { name: 'Laitteet' })
    .click();
  const row = admin.getByRole('row').filter({ hasText: worker.username });
  await expect(row).toContainText('Käytössä');
  await expectAccessible(admin, 'admin devices');
  await row.getByRole('button', { name: /^Poista käytöstä/ }).click();
  const dialog = admin.getByRole('dialog', { name: 'Poistetaanko laite käytöstä?' });
  await expect(dialog).toContainText('se poistaa kaikki tallentamansa tiedot');
  await expectAccessible(admin, 'revoke dialog');
  await dialog.getByRole('button', { name: 'Poista käytöstä' }).click();
  await expect(admin.getByText('Laite on poistettu käytöstä.')).toBeVisible();
  await expect(row).toContainText('Poistettu käytöstä');

  // The worker's open case loses its socket (4401); the device asks and learns it was revoked.
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeVisible({
    timeout: 15_000
  });
  await expect(
    page.getByRole('status').filter({ hasText: 'Ylläpitäjä on poistanut tämän laitteen käytöstä' })
  ).toBeVisible();
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases.filter((name) => name?.startsWith('rinnalla-'))).toEqual([]);

  // The browser may be used again, as a new device.
  await login(page, worker.username, worker.password);
  await expect(page.getByText(/^Valmis käyttöön ilman verkkoa/)).toBeVisible({ timeout: 15_000 });
});
