/**
 * A refused socket in the browser. A browser sees a refused sync upgrade (403) only as close code
 * 1006, like a server that is down; without help the case would say "connecting" forever. Here a
 * worker with the case page open is offline while the case's team is changed without them; when
 * the device is back online the socket is refused, the sync client asks
 * `GET /api/docs/:docId/access`, and the page says there is no access. Then the worker is put back
 * on the team (the removal was a mistake): the sync client, still asking, reconnects, the case
 * comes back without a reload, and the goal added while offline reaches the server.
 *
 * The worker's register is held at its old answer (as it would be between two refreshes), so that
 * only the sync layer can notice the removal: that is what this test is about.
 */
import type { ConsoleMessage, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { createStaff, login, registerParticipant, visit } from './case-support.ts';

// Two logins (each derives a device key: PBKDF2, 600 000 rounds) on a busy 2-core machine.
test.setTimeout(120_000);

/**
 * Console errors that are not part of the story. A refused websocket upgrade and the API's own
 * 403 are logged by Chromium as errors; they are what this test provokes.
 */
function unexpectedConsoleErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/^WebSocket connection to '.*\/sync\/.*' failed/.test(text)) return;
    if (/^Failed to load resource: the server responded with a status of (401|403|404)/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

test('a worker taken off the team while offline sees "no access" when back online, and the case again once put back', async ({
  page,
  browser,
  server
}) => {
  const { worker } = await createStaff(server);
  const colleague = await server.createUser({ role: 'worker', displayName: 'Vilma Vierailija', ready: true });
  await login(page, worker);
  const caseId = await registerParticipant(page, 'Pekka Poistettava');
  const owner = await server.api().login(worker.username, worker.password);
  await owner.expect(200, 'PUT', `/api/participants/${caseId}/team`, {
    workers: [worker.id, colleague.id],
    experts: []
  });

  // The colleague's own browser, watched with the filter above (the fixture's would fail on the
  // refused socket this test is about).
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki'
  });
  const tab = await context.newPage();
  const problems = unexpectedConsoleErrors(tab);
  try {
    // Hold the register at its first answer: the removal must be noticed by the sync layer.
    let heldRegister: { status: number; body: string } | null = null;
    await tab.route('**/api/participants', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      if (!heldRegister) {
        const res = await route.fetch();
        heldRegister = { status: res.status(), body: await res.text() };
      }
      await route.fulfill({
        status: heldRegister.status,
        contentType: 'application/json',
        body: heldRegister.body
      });
    });

    await login(tab, colleague);
    await visit(tab, colleague, `/participants/${caseId}`);
    await expect(tab.getByRole('heading', { level: 1, name: 'Pekka Poistettava' })).toBeVisible();
    const caseStatus = tab.locator('.case-header .sync-status');
    await expect(caseStatus).toHaveAttribute('data-kind', 'saved', { timeout: 15_000 });

    // The note editors load their code lazily; this first visit is not yet under the service
    // worker, so going offline mid-download would fail that load (a console error).
    await expect(tab.locator('.rich-text .loading')).toHaveCount(0, { timeout: 15_000 });
    await context.setOffline(true);
    await expect(caseStatus).toHaveAttribute('data-kind', 'offline');
    // An edit made offline: kept on the device while access is gone, sent once it is back.
    const addGoal = tab.getByRole('form', { name: 'Lisää tavoite' });
    await addGoal.getByLabel('Teema').selectOption({ label: 'Päivärytmi ja uni' });
    await addGoal.getByLabel('Tavoite').fill('Herätys kahdeksalta');
    await addGoal.getByRole('button', { name: 'Lisää tavoite' }).click();
    await expect(tab.getByRole('listitem', { name: 'Tavoite: Herätys kahdeksalta' })).toBeVisible();
    await owner.expect(200, 'PUT', `/api/participants/${caseId}/team`, { workers: [worker.id], experts: [] });

    const asked = tab.waitForResponse(
      (res) => res.url().endsWith(`/api/docs/${caseId}/access`) && res.status() === 403
    );
    await context.setOffline(false);
    await asked;
    // The case page reacts to the doc's `forbidden` status with its "no access" view.
    await expect(tab.getByRole('heading', { level: 1, name: 'Ei pääsyä' })).toBeVisible();
    await expect(tab.getByText('Yhdistetään…')).toHaveCount(0);

    // Put back: the sync client asks again (5 s after the refusal, then 15 s, …) and reconnects.
    const granted = tab.waitForResponse(
      (res) => res.url().endsWith(`/api/docs/${caseId}/access`) && res.status() === 200,
      { timeout: 30_000 }
    );
    await owner.expect(200, 'PUT', `/api/participants/${caseId}/team`, {
      workers: [worker.id, colleague.id],
      experts: []
    });
    await granted;
    await expect(tab.getByRole('heading', { level: 1, name: 'Pekka Poistettava' })).toBeVisible();
    await expect(tab.getByRole('listitem', { name: 'Tavoite: Herätys kahdeksalta' })).toBeVisible();
    await expect(caseStatus).toHaveAttribute('data-kind', 'saved', { timeout: 15_000 });
    // "Saved" means on the server: the worker, who never lost access, sees the offline goal.
    await visit(page, worker, `/participants/${caseId}`);
    await expect(page.getByRole('listitem', { name: 'Tavoite: Herätys kahdeksalta' })).toBeVisible({
      timeout: 15_000
    });
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});
