import { describe, expect, it } from 'vitest';
import { writePlainParagraphs } from '../rich-text.ts';
import { addMeeting } from './meetings.ts';
import { readCaseFile } from './read.ts';
import { releaseCountdown, setChecklistItem, updateReleasePath } from './release.ts';
import { actionPlanFragment } from './shape.ts';
import { newCaseDoc, testContext } from './test-support.ts';
import { RELEASE_CHECKLIST_ITEMS } from './vocabulary.ts';

const ctx = testContext();

describe('releaseCountdown', () => {
  it.each([
    ['2025-06-20', '2025-06-02', { state: 'upcoming', days: 18 }],
    ['2025-06-03', '2025-06-02', { state: 'upcoming', days: 1 }],
    ['2025-06-02', '2025-06-02', { state: 'today', days: 0 }],
    ['2025-06-01', '2025-06-02', { state: 'past', days: 1 }],
    ['2025-03-30', '2025-03-29', { state: 'upcoming', days: 1 }], // DST night
    ['2024-12-31', '2025-01-02', { state: 'past', days: 2 }]
  ])('release %s seen on %s', (release, today, want) => {
    expect(releaseCountdown(release, today)).toEqual(want);
  });
});

describe('release path', () => {
  it('records the prison, the special instructor, the date, the checklist and the action plan', () => {
    const doc = newCaseDoc({ workPackages: ['TP3'] });
    updateReleasePath(doc, ctx, {
      prison: 'Mikkelin vankila',
      specialInstructorName: 'Erityisohjaaja E. Esimerkki',
      specialInstructorContact: '029 000 0000',
      releaseDate: '2025-06-20'
    });
    setChecklistItem(doc, ctx, 'id-card', true, '2025-06-05');
    setChecklistItem(doc, ctx, 'phone', true);
    setChecklistItem(doc, ctx, 'phone', false, '2025-06-06');
    writePlainParagraphs(actionPlanFragment(doc), 'Asunto haussa.\nKela-hakemus tehdään yhdessä.');
    const r = readCaseFile(doc).release;
    expect(r.prison).toBe('Mikkelin vankila');
    expect(r.specialInstructor).toEqual({ name: 'Erityisohjaaja E. Esimerkki', contact: '029 000 0000' });
    expect(r.releaseDate).toBe('2025-06-20');
    expect(r.checklist.map((c) => c.item)).toEqual([...RELEASE_CHECKLIST_ITEMS]);
    expect(r.checklist[0]).toEqual({ item: 'id-card', done: true, date: '2025-06-05' });
    expect(r.checklist.find((c) => c.item === 'phone')).toEqual({ item: 'phone', done: false, date: null });
    expect(r.actionPlanText).toBe('Asunto haussa.\nKela-hakemus tehdään yhdessä.');
    updateReleasePath(doc, ctx, { releaseDate: null });
    expect(readCaseFile(doc).release.releaseDate).toBe(null);
    expect(() => setChecklistItem(doc, ctx, 'passport' as never, true)).toThrow();
  });

  it('reads visits, the gate meeting and follow-ups from the meetings', () => {
    const doc = newCaseDoc({ workPackages: ['TP3'] });
    updateReleasePath(doc, ctx, { releaseDate: '2025-06-20' });
    const v1 = addMeeting(doc, ctx, { date: '2025-05-10', kind: 'prison-visit', status: 'held' });
    const v2 = addMeeting(doc, ctx, { date: '2025-06-12', kind: 'prison-visit' });
    addMeeting(doc, ctx, { date: '2025-06-20', kind: 'gate-meeting', status: 'cancelled' });
    const gate = addMeeting(doc, ctx, { date: '2025-06-20', time: '08:00', kind: 'gate-meeting' });
    const after = addMeeting(doc, ctx, { date: '2025-06-23', kind: 'one-to-one' });
    addMeeting(doc, ctx, { date: '2025-06-24', kind: 'one-to-one', internal: true });
    const r = readCaseFile(doc).release;
    expect(r.preReleaseVisits.map((m) => m.id)).toEqual([v1, v2]);
    expect(r.gateMeeting?.id).toBe(gate);
    expect(r.followUpMeetings.map((m) => m.id)).toEqual([after]);
  });
});
