/**
 * The first visit on a new device, and a network that drops right after it. The service worker's
 * first install takes control of the open page at once (no reload), so the case page's note
 * editors, whose code is loaded lazily, get that code from the worker's precache; offline, a
 * reload of the case page still brings the case and a working editor. And when the editor's code
 * cannot be loaded at all, the editor area says calmly that it loads when the connection is back,
 * and does so by itself.
 *
 * The worker must be allowed in these contexts (Playwright's default): every test here starts
 * with a fresh browser context, so with no worker installed yet.
 */
import { readFile } from 'node:fs/promises';
import type { ConsoleMessage, Page, Response } from '@playwright/test';
import { login, registerParticipant, unlockIfLocked } from './case-support.ts';
import { expect, expectAccessible, test } from './fixtures.ts';

// A login derives the device key (PBKDF2, 600 000 rounds), a reload unlocks again: slow on 2 cores.
test.setTimeout(90_000);

const NAME = 'Eino Ensikäynti';
const WAITING_FI = 'Muokkain latautuu, kun yhteys palaa.';
/** A class name that only the lazily loaded editor chunk (rich-text-editor.ts) contains. */
const EDITOR_CHUNK_MARKER = 'rich-text-content';

/** The first note editor of the case page (each assessment area has one). */
const firstEditor = (page: Page) => page.getByRole('textbox', { name: /vapaa teksti/ }).first();

/** The files under /_app/ that the built worker precaches (the list injected into build/sw.js). */
async function precachedAppFiles(): Promise<Set<string>> {
  const worker = await readFile(new URL('../../build/sw.js', import.meta.url), 'utf8');
  return new Set([...worker.matchAll(/"url":"(_app\/[^"]+)"/g)].map((m) => `/${m[1]}`));
}

test('the first install controls the page at once; offline, the case and its note editor still open after a reload', async ({
  page,
  server
}) => {
  const worker = await server.createUser({
    role: 'worker',
    displayName: 'Eeva Ensikertalainen',
    ready: true
  });

  await page.goto('/login');
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  await login(page, worker);
  // The same document all along: a reload would lose this mark.
  await page.evaluate(() => Reflect.set(window, 'firstVisitMark', true));
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  expect(await page.evaluate(() => Reflect.get(window, 'firstVisitMark'))).toBe(true);

  // From now on the app's code comes from the worker, the lazily loaded editor chunk included.
  const appResponses: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/_app/immutable/')) appResponses.push(response);
  });
  // Registering opens the new case file: its note editors load their code now.
  const caseId = await registerParticipant(page, NAME);
  await expect(firstEditor(page)).toBeVisible({ timeout: 15_000 });
  const editorChunk = await Promise.all(
    appResponses.map(async (r) => ((await r.text()).includes(EDITOR_CHUNK_MARKER) ? r : null))
  ).then((found) => found.find((r) => r !== null));
  expect(editorChunk, 'the editor chunk was loaded after the worker took control').toBeDefined();
  expect(editorChunk?.fromServiceWorker()).toBe(true);
  expect(appResponses.filter((r) => !r.fromServiceWorker()).map((r) => r.url())).toEqual([]);

  // Every file of the build is precached, so any chunk a later page needs is there offline.
  const precached = await precachedAppFiles();
  for (const response of appResponses) expect(precached).toContain(new URL(response.url()).pathname);

  const failed: string[] = [];
  page.on('requestfailed', (request) => {
    if (!new URL(request.url()).pathname.startsWith('/api/')) failed.push(request.url());
  });
  await page.context().setOffline(true);
  await page.reload();
  await unlockIfLocked(page, worker);
  await expect(page).toHaveURL(new RegExp(`/participants/${caseId}$`));
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  const editor = firstEditor(page);
  await expect(editor).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(WAITING_FI)).toHaveCount(0);
  await editor.click();
  await page.keyboard.type('Kirjoitettu ilman yhteyttä.');
  await expect(editor).toContainText('Kirjoitettu ilman yhteyttä.');
  expect(failed, 'requests for the app itself failed offline').toEqual([]);
});

/**
 * Console errors that are not part of the story: Chromium logs the editor chunk this test cuts
 * off as a failed load, and the login page's session check as a 401.
 */
function unexpectedConsoleErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const from = message.location().url;
    if (/^Failed to load resource: net::ERR_/.test(text) && from.includes('/_app/immutable/')) return;
    if (
      /^Failed to load resource: the server responded with a status of 401/.test(text) &&
      from.endsWith('/api/me')
    )
      return;
    problems.push(`console error: ${text} (${from})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

test('when the editor code cannot be loaded, the editor says it loads when the connection is back, and does', async ({
  browser,
  server
}) => {
  const worker = await server.createUser({ role: 'worker', displayName: 'Oona Odottaja', ready: true });
  // No worker here: nothing may serve the chunk this test cuts off but the network.
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
    serviceWorkers: 'block'
  });
  const page = await context.newPage();
  const problems = unexpectedConsoleErrors(page);
  try {
    // The network drops just as the editor's code is on its way.
    let cut = true;
    let cutOff = 0;
    await page.route('**/_app/immutable/**/*.js', async (route) => {
      const response = await route.fetch();
      if (cut && (await response.text()).includes(EDITOR_CHUNK_MARKER)) {
        cutOff += 1;
        return route.abort('internetdisconnected');
      }
      return route.fulfill({ response });
    });

    await login(page, worker);
    await registerParticipant(page, NAME);
    const waiting = page.getByRole('status').filter({ hasText: WAITING_FI }).first();
    await expect(waiting).toBeVisible({ timeout: 15_000 });
    expect(cutOff).toBeGreaterThan(0);
    await expect(firstEditor(page)).toHaveCount(0);
    await expectAccessible(page, 'editor waiting for the connection');

    // The connection comes back: the editors load by themselves, no reload.
    await page.evaluate(() => Reflect.set(window, 'waitingMark', true));
    await context.setOffline(true);
    cut = false;
    await context.setOffline(false);
    const editor = firstEditor(page);
    await expect(editor).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(WAITING_FI)).toHaveCount(0);
    expect(await page.evaluate(() => Reflect.get(window, 'waitingMark'))).toBe(true);
    await editor.click();
    await page.keyboard.type('Yhteys palasi.');
    await expect(editor).toContainText('Yhteys palasi.');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});
