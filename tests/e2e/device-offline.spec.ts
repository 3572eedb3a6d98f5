/**
 * The device side of working offline, in Chromium with the built app and a real server: a worker
 * logs in and the device pulls every case it may open ("ready for offline use"); offline, the app
 * starts from the service worker and unlocks with the password; an edit made offline is kept,
 * logout is refused while the server lacks it, a participant registered offline with a team waits
 * in the outbox through a reload (its register row says so), and once back online both reach the
 * server (the team too) and a colleague
 * sees the edit. Colleagues keep their names offline (the staff list is kept on the device). A marker
 * typed into the case is then searched for in every byte of IndexedDB and Cache Storage: it must
 * not be there in clear.
 */
import type { Page } from '@playwright/test';
import { registerParticipant } from './case-support.ts';
import { expect, expectAccessible, test, type CreatedUser, type RinnallaServer } from './fixtures.ts';

const NAME = 'Aino Asiakas';
const READY = /^Valmis käyttöön ilman verkkoa: 1 asiakirja synkronoitu klo \d{1,2}\.\d{2}$/;

/**
 * The worker registers a participant through the app (which also starts the case file) and puts
 * the colleague on the team; returns the case id.
 */
async function seedCase(
  page: Page,
  server: RinnallaServer,
  worker: CreatedUser,
  colleague: CreatedUser
): Promise<string> {
  const id = await registerParticipant(page, NAME);
  const api = await server.api().login(worker.username, worker.password);
  await api.expect(200, 'PUT', `/api/participants/${id}/team`, {
    workers: [worker.id, colleague.id],
    experts: []
  });
  return id;
}

async function login(page: Page, user: CreatedUser): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Käyttäjätunnus').fill(user.username);
  await page.getByLabel('Salasana', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Päävalikko' });

/** Opens the case through the app's own links (a page load would lock the device again). */
async function openCase(page: Page): Promise<void> {
  await nav(page).getByRole('link', { name: 'Osallistujat' }).click();
  await page.getByRole('link', { name: NAME }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
}

/** Unlocks with the password and waits until the app shows (a reload mid-unlock counts as wrong). */
async function unlock(page: Page, user: CreatedUser): Promise<void> {
  await page.getByLabel('Salasana', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Avaa' }).click();
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible();
}

/**
 * Waits until the service worker controls the page; if it did not yet, reloads (which locks the
 * device) and unlocks again.
 */
async function controlledByServiceWorker(page: Page, user: CreatedUser): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await unlock(page, user);
  }
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

const syncLine = (page: Page) => page.getByRole('region', { name: 'Laitteen tila' });

/** The register row of a participant, found by the link of their name. */
const registerRow = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

const UNKNOWN_USER = 'Tuntematon käyttäjä';

/**
 * Every byte the origin keeps in IndexedDB (all databases, all object stores, keys and values,
 * typed arrays and ArrayBuffers included) and in Cache Storage (every cached response body):
 * counts how often `needles` occur, UTF-8 encoded.
 */
async function countInStorage(page: Page, needles: string[]): Promise<Record<string, number>> {
  return page.evaluate(async (needles) => {
    const encoder = new TextEncoder();
    const patterns = needles.map((n) => encoder.encode(n));
    const counts: Record<string, number> = Object.fromEntries(needles.map((n) => [n, 0]));
    const scanBytes = (bytes: Uint8Array) => {
      patterns.forEach((pattern, i) => {
        outer: for (let at = 0; at + pattern.length <= bytes.length; at++) {
          for (let j = 0; j < pattern.length; j++) if (bytes[at + j] !== pattern[j]) continue outer;
          counts[needles[i]!]!++;
        }
      });
    };
    const visit = (value: unknown, depth = 0): void => {
      if (depth > 20 || value === null || value === undefined) return;
      if (typeof value === 'string') scanBytes(encoder.encode(value));
      else if (value instanceof ArrayBuffer) scanBytes(new Uint8Array(value));
      else if (ArrayBuffer.isView(value))
        scanBytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      else if (Array.isArray(value)) value.forEach((v) => visit(v, depth + 1));
      else if (typeof value === 'object')
        Object.entries(value).forEach(([k, v]) => (visit(k), visit(v, depth + 1)));
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      visit(name);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const [keys, values] = await new Promise<[unknown[], unknown[]]>((resolve, reject) => {
          const tx = db.transaction(store, 'readonly');
          const keyRequest = tx.objectStore(store).getAllKeys();
          const valueRequest = tx.objectStore(store).getAll();
          tx.oncomplete = () => resolve([keyRequest.result, valueRequest.result]);
          tx.onerror = () => reject(tx.error);
        });
        visit(keys);
        visit(values);
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        visit(request.url);
        const response = await cache.match(request);
        if (response) scanBytes(new Uint8Array(await response.arrayBuffer()));
      }
    }
    return counts;
  }, needles);
}

test('offline: the app starts and unlocks without a network, keeps an edit, refuses logout, and sends it when back online', async ({
  page,
  newPage,
  server
}) => {
  const worker = await server.createUser({ role: 'worker', displayName: 'Wilma Työntekijä', ready: true });
  const colleague = await server.createUser({ role: 'worker', displayName: 'Kalle Kollega', ready: true });
  await login(page, worker);
  const caseId = await seedCase(page, server, worker, colleague);
  // The background pull brought the one case onto the device.
  await expect(syncLine(page).getByText(READY)).toBeVisible({ timeout: 15_000 });
  await controlledByServiceWorker(page, worker);

  // Offline, reloading a deep link starts the app from the service worker: the unlock screen.
  await nav(page).getByRole('link', { name: 'Osallistujat' }).click();
  await expect(page).toHaveURL(/\/participants$/);
  // The colleague joined the team through the API, behind the page's back: go offline only
  // once the register (and so the device's copy of the directory) shows them.
  await expect(registerRow(page, NAME).getByRole('cell').last()).toHaveText(
    `${worker.displayName}, ${colleague.displayName}`
  );
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Avaa Rinnalla' })).toBeVisible();
  await expect(page.getByText(worker.username)).toBeVisible();
  await expectAccessible(page, 'unlock screen');
  await page.getByLabel('Salasana', { exact: true }).fill('ei tämä salasana');
  await page.getByRole('button', { name: 'Avaa' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Väärä salasana. Vielä 9 yritystä, ennen kuin tämän laitteen tiedot poistetaan.'
  );
  await unlock(page, worker);
  await expect(page).toHaveURL(/\/participants$/);
  await expect(syncLine(page)).toContainText('Ei yhteyttä palvelimeen');
  await expect(syncLine(page).getByText(READY)).toBeVisible();
  // The colleague on the team keeps their name: the staff list came back from the device.
  await expect(registerRow(page, NAME).getByRole('cell').last()).toHaveText(
    `${worker.displayName}, ${colleague.displayName}`
  );
  await expect(page.getByText(UNKNOWN_USER)).toHaveCount(0);

  // Edit the case offline: the change is kept on the device, waiting for the server.
  await openCase(page);
  await expect(page.getByRole('checkbox', { name: colleague.displayName })).toBeChecked();
  await expect(page.getByText(UNKNOWN_USER)).toHaveCount(0);
  const phone = page.getByRole('textbox', { name: 'Puhelin' });
  await phone.fill('040 123 4567');
  await phone.press('Enter');
  await expect(syncLine(page)).toContainText('1 muutos ei vielä palvelimella');

  // Logout is refused while the server lacks the change, and says which document it is.
  await page.getByRole('button', { name: /^Käyttäjävalikko/ }).click();
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  const guard = page.getByRole('dialog', { name: 'Uloskirjautuminen ei onnistu vielä' });
  await expect(guard).toBeVisible();
  await expect(guard.getByRole('listitem')).toHaveText(`${NAME}: muutoksia ei vielä palvelimella`);
  await expectAccessible(page, 'logout refused');
  await guard.getByRole('button', { name: 'Älä kirjaudu ulos' }).click();
  await expect(guard).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();

  // Registering a participant works offline too, with a team: the device's outbox keeps both,
  // encrypted, through a reload, and sends them once online.
  const newcomer = 'Vilja Vankilasta';
  // (The helper's `expert` checks the team checkbox of that name; the colleague is a worker.)
  await registerParticipant(page, newcomer, { expert: colleague.displayName });
  await page.reload();
  await unlock(page, worker);
  await expect(syncLine(page)).toContainText('1 rekisteröinti odottaa lähetystä');
  // The register says which row waits, in words.
  await nav(page).getByRole('link', { name: 'Osallistujat' }).click();
  const waitingBadge = registerRow(page, newcomer).getByText('Odottaa lähetystä', { exact: true });
  await expect(waitingBadge).toBeVisible();
  await expect(registerRow(page, NAME).getByText('Odottaa lähetystä')).toHaveCount(0);
  await expectAccessible(page, 'register with a registration waiting');

  // Back online, the registration reaches the server and its row no longer waits; then the edit
  // reaches the server too, and the colleague sees it.
  await page.context().setOffline(false);
  await expect(waitingBadge).toHaveCount(0, { timeout: 15_000 });
  await expect(registerRow(page, newcomer)).toBeVisible();
  await expect(syncLine(page)).not.toContainText('odottaa lähetystä');
  await openCase(page);
  const workerApi = await server.api().login(worker.username, worker.password);
  const listed = await workerApi.expect<{ displayName: string }[]>(200, 'GET', '/api/participants');
  expect(listed.map((p) => p.displayName).sort()).toEqual([NAME, newcomer].sort());
  // The team chosen offline outlived the reload and was set once the registration was accepted.
  await expect
    .poll(async () => {
      const list = await workerApi.expect<{ displayName: string; team: { workers: string[] } }[]>(
        200,
        'GET',
        '/api/participants'
      );
      return list.find((p) => p.displayName === newcomer)?.team.workers.sort();
    })
    .toEqual([worker.id, colleague.id].sort());
  await expect(syncLine(page)).toContainText('Kaikki muutokset tallennettu palvelimelle', {
    timeout: 15_000
  });
  const other = await newPage();
  await login(other, colleague);
  await openCase(other);
  await expect(other.getByRole('textbox', { name: 'Puhelin' })).toHaveValue('040 123 4567', {
    timeout: 10_000
  });

  // A unique marker typed into the case is stored on the device, but never in clear.
  const marker = `salainen-merkki-${Date.now().toString(36)}`;
  const note = page.getByRole('textbox', { name: 'Yhteydenpito' });
  await note.fill(marker);
  await note.blur();
  await expect(syncLine(page)).toContainText('Kaikki muutokset tallennettu palvelimelle', {
    timeout: 10_000
  });
  await expect(other.getByRole('textbox', { name: 'Yhteydenpito' })).toHaveValue(marker, { timeout: 10_000 });
  const found = await countInStorage(page, [marker, caseId, NAME, '040 123 4567']);
  // The case id is stored in clear as a key: proof that the scan reads what is there.
  expect(found[caseId]).toBeGreaterThan(0);
  expect({ marker: found[marker], name: found[NAME], phone: found['040 123 4567'] }).toEqual({
    marker: 0,
    name: 0,
    phone: 0
  });

  // Everything is on the server now: "remove my data from this device" goes ahead at once.
  await page.getByRole('button', { name: /^Käyttäjävalikko/ }).click();
  await page.getByRole('link', { name: 'Asetukset' }).click();
  await page.getByRole('button', { name: 'Poista tietoni tältä laitteelta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Tietosi on poistettu tältä laitteelta.' })
  ).toBeVisible();
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases.filter((name) => name?.startsWith('rinnalla-'))).toEqual([]);
});

test('installable: a linked manifest with a Finnish name, standalone, icons that load; all of it precached', async ({
  page
}) => {
  await page.goto('/participants');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  // What Chromium's install flow checks: a linked manifest with a name, standalone display, a
  // start URL in scope, and 192 px and 512 px PNG icons that load.
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
    return (await fetch(href)).json() as Promise<{
      name: string;
      short_name: string;
      lang: string;
      display: string;
      start_url: string;
      scope: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    }>;
  });
  expect(manifest).toMatchObject({
    name: 'Rinnalla',
    lang: 'fi',
    display: 'standalone',
    start_url: '/',
    scope: '/'
  });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  for (const size of ['192x192', '512x512']) {
    expect(
      manifest.icons.some((i) => i.sizes === size && i.type === 'image/png' && i.purpose !== 'maskable')
    ).toBe(true);
    expect(manifest.icons.some((i) => i.sizes === size && i.purpose === 'maskable')).toBe(true);
  }
  const appleTouch = await page.evaluate(() => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="apple-touch-icon"]')?.href;
    return href ? new URL(href).pathname : null;
  });
  expect(appleTouch).toBe('/icons/apple-touch-icon-180.png');
  const icons = [
    ...manifest.icons.filter((i) => i.type === 'image/png').map((i) => i.src),
    '/icons/apple-touch-icon-180.png'
  ];
  const sizes = await page.evaluate(async (srcs) => {
    return Promise.all(
      srcs.map(async (src) => {
        const bitmap = await createImageBitmap(await (await fetch(src)).blob());
        return `${bitmap.width}x${bitmap.height}`;
      })
    );
  }, icons);
  expect(sizes).toEqual([
    ...manifest.icons.filter((i) => i.type === 'image/png').map((i) => i.sizes),
    '180x180'
  ]);

  // The manifest, the icons and the shell are in the service worker's precache.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  for (const path of [
    '/manifest.webmanifest',
    '/icons/icon-192.png',
    '/icons/icon-512.png',
    '/icons/apple-touch-icon-180.png'
  ]) {
    expect(cached).toContain(path);
  }
});
