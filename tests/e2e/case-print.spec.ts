/**
 * The participant's printable plan and the accessibility of the case pages: the print view shows
 * the goals and steps and none of the internal notes or assessments; the register, the case
 * page's new-participant form, the home view (with a reminder) and the print view pass axe.
 */
import { expect, expectAccessible, test } from './fixtures.ts';
import { createStaff, login, registerParticipant } from './case-support.ts';

// axe over five pages, light and dark: more than the default minute on a busy 2-core machine.
test.setTimeout(150_000);

test('the print view holds the plan and nothing internal; the case pages pass axe', async ({
  page,
  server
}) => {
  const { worker } = await createStaff(server);
  await login(page, worker);
  await expectAccessible(page, 'home (empty)');
  await page
    .getByRole('navigation', { name: 'Päävalikko' })
    .getByRole('link', { name: 'Osallistujat' })
    .click();
  await page.getByRole('link', { name: 'Uusi osallistuja' }).click();
  await expectAccessible(page, 'new participant form');
  const name = 'Pekka Printtinen';
  await registerParticipant(page, name, { tp3: true });

  // A plan with a goal and a step due today, and internal content that must never print.
  const addGoal = page.getByRole('form', { name: 'Lisää tavoite' });
  await addGoal.getByLabel('Tavoite').fill('Oma asunto Mikkelistä');
  await addGoal.getByRole('button', { name: 'Lisää tavoite' }).click();
  const goal = page.getByRole('listitem', { name: 'Tavoite: Oma asunto Mikkelistä' });
  // Undo and redo are the user's own: the goal goes and comes back.
  await expect(goal).toBeVisible();
  await page.getByRole('button', { name: 'Kumoa' }).click();
  await expect(goal).toBeHidden();
  await page.getByRole('button', { name: 'Tee uudelleen' }).click();
  await expect(goal).toBeVisible();
  const addStep = goal.getByRole('form', { name: 'Lisää askel' });
  await addStep.getByLabel('Askel').fill('Täytä asuntohakemus');
  const today = await page.evaluate(() =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())
  );
  await addStep.getByLabel('Määräpäivä').fill(today);
  await addStep.getByRole('button', { name: 'Lisää askel' }).click();
  await expect(page.getByRole('listitem', { name: 'Askel: Täytä asuntohakemus' })).toBeVisible();

  await page.getByLabel('Uusi kohta: Voimavarat').fill('SISÄINEN-ARVIO hyvä huumorintaju');
  await page.getByLabel('Uusi kohta: Voimavarat').press('Enter');
  const addMeeting = page.getByRole('form', { name: 'Lisää tapaaminen' });
  await addMeeting.getByLabel('Paikka').fill('Kohtaamispaikka');
  await addMeeting.getByRole('button', { name: 'Lisää tapaaminen' }).click();
  const notes = page.getByRole('textbox', { name: /Muistiinpanot/ });
  await notes.click();
  await page.keyboard.type('SISÄINEN-MUISTIINPANO ei tulosteeseen');
  await expect(page.getByText('SISÄINEN-ARVIO hyvä huumorintaju')).toHaveCount(0); // an input's value, not text
  await expect(page.getByLabel('Kohta').first()).toHaveValue('SISÄINEN-ARVIO hyvä huumorintaju');

  // The home view reminds of the step due this week.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Etusivu' }).click();
  const steps = page.getByRole('region', { name: 'Tämän viikon askeleet' });
  await expect(steps).toContainText('Täytä asuntohakemus');
  await expect(steps.getByRole('link', { name })).toBeVisible();
  await expectAccessible(page, 'home with reminders');

  await page
    .getByRole('navigation', { name: 'Päävalikko' })
    .getByRole('link', { name: 'Osallistujat' })
    .click();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Yhteydessä');
  await expect(row).toContainText('Tapaaminen');
  await expectAccessible(page, 'register');

  await page.getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Tulosta suunnitelmani' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${name}: suunnitelmani` })).toBeVisible();
  const plan = page.getByRole('article');
  await expect(plan).toContainText('Oma asunto Mikkelistä');
  await expect(plan).toContainText('Täytä asuntohakemus');
  await expect(plan).toContainText('Olli Ohjaaja, ohjaaja');
  await expect(plan).toContainText('Seuraava tapaaminen');
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('SISÄINEN');
  expect(text).not.toContain('huumorintaju');
  await expectAccessible(page, 'print view');

  // The print stylesheet drops the app's header: the PDF holds the plan alone.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(plan).toBeVisible();
});
