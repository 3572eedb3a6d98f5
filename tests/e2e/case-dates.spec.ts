/**
 * Dates and times follow the app's language, not the browser's: in an English-locale (US)
 * Chromium a Finnish worker types and reads pp.kk.vvvv and a 24-hour tt.mm, an impossible day
 * or time is refused next to the field, ISO and `1430` typed in are accepted, and switching the
 * app to English shows dd/mm/yyyy and hh:mm. The case file keeps ISO dates and `HH:MM` times
 * throughout (the meeting heading is formatted from the stored value). The new-participant form
 * types its dates the same way.
 */
import { expect, expectAccessible, test } from './fixtures.ts';
import { createStaff, login, registerParticipant } from './case-support.ts';

// A US browser: a native date input would show mm/dd/yyyy here.
test.use({ locale: 'en-US' });
// Login derives the device key (PBKDF2) and axe scans the long case page: slow on 2 busy cores.
test.setTimeout(120_000);

test('a Finnish worker in an English-locale browser types and reads dates as pp.kk.vvvv and times as tt.mm', async ({
  page,
  server
}) => {
  const { worker } = await createStaff(server);
  await login(page, worker);
  await registerParticipant(page, 'Päivi Päivämäärä');

  const addMeeting = page.getByRole('form', { name: 'Lisää tapaaminen' });
  const date = addMeeting.getByLabel('Päivä');
  // Today, in the Finnish format and not the browser's.
  await expect(date).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
  await expect(date).toHaveAccessibleDescription('Muoto pp.kk.vvvv');

  // A day the calendar lacks: said next to the field once the user leaves it, and not saved.
  await date.fill('31.2.2026');
  await date.press('Tab');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(date).toHaveAccessibleDescription(/Päivää 31\.2\.2026 ei ole kalenterissa/);
  await expectAccessible(page, 'case page with a date error');
  await addMeeting.getByRole('button', { name: 'Lisää tapaaminen' }).click();
  await expect(page.getByRole('listitem', { name: /Yksilötapaaminen/ })).toHaveCount(0);

  // A short Finnish date is accepted, stored as ISO and shown back in full.
  await date.fill('3.2.2026');
  await addMeeting.getByRole('button', { name: 'Lisää tapaaminen' }).click();
  const meeting = page.getByRole('listitem', { name: 'Yksilötapaaminen 3.2.2026' });
  await expect(meeting).toBeVisible();
  await expect(date).not.toHaveAttribute('aria-invalid');
  const meetingDate = meeting.getByLabel('Päivä');
  await expect(meetingDate).toHaveValue('03.02.2026');

  // ISO typed into a saved meeting's date: saved on Enter, shown in the Finnish format.
  await meetingDate.fill('2026-02-05');
  await meetingDate.press('Enter');
  const moved = page.getByRole('listitem', { name: 'Yksilötapaaminen 5.2.2026' });
  await expect(moved.getByLabel('Päivä')).toHaveValue('05.02.2026');

  // Times: a 24-hour clock in the Finnish format, not the browser's 12-hour one. A time past
  // the clock is refused next to the field, and the meeting is not added.
  const time = addMeeting.getByLabel('Kellonaika');
  await expect(time).toHaveValue('');
  await expect(time).toHaveAccessibleDescription('Muoto tt.mm');
  await date.fill('6.2.2026');
  await time.fill('25.61');
  await time.press('Tab');
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  await expect(time).toHaveAccessibleDescription(/Kellonaikaa 25\.61 ei ole/);
  await addMeeting.getByRole('button', { name: 'Lisää tapaaminen' }).click();
  const timed = page.getByRole('listitem', { name: 'Yksilötapaaminen 6.2.2026' });
  await expect(timed).toHaveCount(0);

  // Digits alone are accepted, stored as HH:MM and shown as tt.mm; the add form empties.
  await time.fill('1430');
  await addMeeting.getByRole('button', { name: 'Lisää tapaaminen' }).click();
  await expect(timed.getByLabel('Kellonaika')).toHaveValue('14.30');
  await expect(time).toHaveValue('');
  await expect(time).not.toHaveAttribute('aria-invalid');

  // A saved meeting's time typed as hh:mm is saved on Enter and shown in the Finnish format.
  await timed.getByLabel('Kellonaika').fill('9:05');
  await timed.getByLabel('Kellonaika').press('Enter');
  await expect(timed.getByLabel('Kellonaika')).toHaveValue('09.05');
  await expect(timed.getByLabel('Kellonaika')).not.toHaveAttribute('aria-invalid');

  // The same stored date and time in English: dd/mm/yyyy and hh:mm.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  const englishMeeting = page.getByRole('listitem', { name: /One-to-one .*5 Feb 2026/ });
  await expect(englishMeeting.getByLabel('Date')).toHaveValue('05/02/2026');
  await expect(englishMeeting.getByLabel('Date')).toHaveAccessibleDescription('Format dd/mm/yyyy');
  const englishTimed = page.getByRole('listitem', { name: /One-to-one .*6 Feb 2026/ });
  await expect(englishTimed.getByLabel('Time', { exact: true })).toHaveValue('09:05');
  await expect(englishTimed.getByLabel('Time', { exact: true })).toHaveAccessibleDescription('Format hh:mm');
});

test('the new-participant form types its dates as pp.kk.vvvv too, and points at a day the calendar lacks', async ({
  page,
  server
}) => {
  const { worker } = await createStaff(server);
  await login(page, worker);
  await page
    .getByRole('navigation', { name: 'Päävalikko' })
    .getByRole('link', { name: 'Osallistujat' })
    .click();
  await page.getByRole('link', { name: 'Uusi osallistuja' }).click();

  const contacted = page.getByLabel('Ensimmäinen yhteydenotto');
  // Today, in the Finnish format and not the browser's.
  await expect(contacted).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
  await expect(contacted).toHaveAccessibleDescription('Muoto pp.kk.vvvv');
  await page.getByLabel('Nimi tai peitenimi').fill('Pekka Päivämäärä');
  await page.getByLabel('TP1 Elämänmuutoksen tuki').check();
  // The consent date is a Finnish date field as well.
  await expect(page.getByLabel('Päivämäärä', { exact: true })).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
  await page.getByLabel('Suostumus kirjataan myöhemmin').check();

  // An impossible day: the form is not sent, and the focus goes to the field that says why.
  await contacted.fill('31.2.2026');
  await page.getByRole('button', { name: 'Rekisteröi' }).click();
  await expect(contacted).toBeFocused();
  await expect(contacted).toHaveAttribute('aria-invalid', 'true');
  await expect(contacted).toHaveAccessibleDescription(/Päivää 31\.2\.2026 ei ole kalenterissa/);
  await expect(page).toHaveURL(/\/participants\/new$/);
  await expectAccessible(page, 'new participant with a date error');

  // A short Finnish date goes through.
  await contacted.fill('5.1.2026');
  await page.getByRole('button', { name: 'Rekisteröi' }).click();
  await expect(page).toHaveURL(/\/participants\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Pekka Päivämäärä' })).toBeVisible();
});
