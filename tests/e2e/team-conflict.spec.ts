/**
 * A stale team draft must not replace a colleague's team. A worker starts editing the team on
 * the participant's page; meanwhile a coordinator changes the team through the API, and the
 * worker's page refreshes its directory (here: the network comes back, which pulls the
 * directory). The picker keeps the worker's draft and says the team changed; Save is sent based
 * on the version the edit started from, so the server refuses it, the coordinator's team stays,
 * and the page shows the current team beside the draft. "Käytä omaa muutostani" then applies the
 * draft knowingly, based on the version shown.
 */
import { expect, expectAccessible, test } from './fixtures.ts';
import { createStaff, login, registerParticipant } from './case-support.ts';

// A login derives the device key (PBKDF2, 600 000 rounds): slow on a busy 2-core machine.
test.setTimeout(120_000);

interface ListedTeam {
  id: string;
  team: { workers: string[]; experts: string[] };
  teamVersion: number;
}

test('a team draft made before a colleague’s change is refused on save, shown beside the current team, and applied only on request', async ({
  page,
  server
}) => {
  const { worker, expert } = await createStaff(server);
  const colleague = await server.createUser({ role: 'worker', displayName: 'Vilma Vierailija', ready: true });
  const coordinator = await server.createUser({
    role: 'coordinator',
    displayName: 'Kaisa Koordinaattori',
    ready: true
  });
  const coordinatorApi = await server.api().login(coordinator.username, coordinator.password);
  const serverTeam = async () => {
    const list = await coordinatorApi.expect<ListedTeam[]>(200, 'GET', '/api/participants');
    return list.find((p) => p.id === caseId);
  };

  await login(page, worker);
  const caseId = await registerParticipant(page, 'Tiina Tiimitesti');
  const registered = await serverTeam();
  expect(registered?.team).toMatchObject({ workers: [worker.id], experts: [] });

  // The worker starts editing: adds the experience expert (not saved yet).
  const experts = page.getByRole('group', { name: 'Kokemusasiantuntijat' });
  const workers = page.getByRole('group', { name: 'Ohjaajat' });
  await experts.getByRole('checkbox', { name: expert.displayName }).check();

  // The coordinator changes the team meanwhile: adds a second worker, no expert.
  await coordinatorApi.expect(200, 'PUT', `/api/participants/${caseId}/team`, {
    workers: [worker.id, colleague.id],
    experts: [],
    basedOn: registered!.teamVersion
  });
  const theirs = await serverTeam();
  expect(theirs?.teamVersion).toBe(registered!.teamVersion + 1);

  // The worker's directory refreshes (the network comes back: the device pulls the directory).
  await page.context().setOffline(true);
  await page.context().setOffline(false);
  await expect(page.getByText('Kollega muutti tiimiä sillä välin, kun muokkasit sitä.')).toBeVisible({
    timeout: 20_000
  });
  // The picker still shows the worker's draft, not the refreshed team.
  await expect(experts.getByRole('checkbox', { name: expert.displayName })).toBeChecked();
  await expect(workers.getByRole('checkbox', { name: colleague.displayName })).not.toBeChecked();
  await expectAccessible(page, 'team changed while editing');

  await page.getByRole('button', { name: 'Tallenna tiimi' }).click();
  const conflict = page.getByRole('status').filter({ hasText: 'Tiimiä muutettiin sillä välin' });
  await expect(conflict).toBeVisible();
  // The current team (the coordinator's) beside the worker's own choice.
  await expect(conflict.getByRole('listitem')).toHaveText([
    `Ohjaajat: ${worker.displayName}, ${colleague.displayName}`,
    'Kokemusasiantuntijat: ei ketään',
    `Ohjaajat: ${worker.displayName}`,
    `Kokemusasiantuntijat: ${expert.displayName}`
  ]);
  await expect(conflict.getByText('Nykyinen tiimi', { exact: true })).toBeVisible();
  await expect(conflict.getByText('Oma valintasi', { exact: true })).toBeVisible();
  await expectAccessible(page, 'team change refused');
  // Nothing was replaced: the coordinator's team is the server's.
  // (Compared by team and version: the projected register fields may change meanwhile.)
  expect(await serverTeam()).toMatchObject({
    team: { workers: [worker.id, colleague.id], experts: [] },
    teamVersion: theirs!.teamVersion
  });

  // Applied knowingly: sent again based on the version shown, and saved.
  await conflict.getByRole('button', { name: 'Käytä omaa muutostani' }).click();
  await expect(page.getByText('Tiimi tallennettu.')).toBeVisible();
  await expect(conflict).toBeHidden();
  const mine = await serverTeam();
  expect(mine).toMatchObject({
    team: { workers: [worker.id], experts: [expert.id] },
    teamVersion: theirs!.teamVersion + 1
  });
});
