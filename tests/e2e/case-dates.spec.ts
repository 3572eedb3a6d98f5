/**
 * Dates follow the app's language, not the browser's: in an English-locale (US) Chromium a
 * Finnish worker types and reads pp.kk.vvvv, an impossible day is refused next to the field,
 * ISO typed in is accepted, and switching the app to English shows dd/mm/yyyy. The case file
 * keeps ISO dates throughout (the meeting heading is formatted from the stored value).
 */
import { expect, expectAccessible, test } from './fixtures.ts';
import { createStaff, login, registerParticipant } from './case-support.ts';

// A US browser: a native date input would show mm/dd/yyyy here.
test.use({ locale: 'en-US' });
// Login derives the device key (PBKDF2) and axe scans the long case page: slow on 2 busy cores.
test.setTimeout(120_000);

test('a Finnish worker in an English-locale browser types and reads dates as pp.kk.vvvv', async ({
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

  // The same stored date in English: dd/mm/yyyy.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  const englishMeeting = page.getByRole('listitem', { name: /One-to-one .*5 Feb 2026/ });
  await expect(englishMeeting.getByLabel('Date')).toHaveValue('05/02/2026');
  await expect(englishMeeting.getByLabel('Date')).toHaveAccessibleDescription('Format dd/mm/yyyy');
});
