import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { endParticipation, recordFollowUp, reopenCase, startParticipation } from './episodes.ts';
import { addGoal, addStep, setGoalStatus, updateStep } from './goals.ts';
import { addMeeting } from './meetings.ts';
import { readCaseFile } from './read.ts';
import { updateReleasePath } from './release.ts';
import { homeReminders, nextAction, type CaseRef } from './reminders.ts';
import { newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext();
// A Wednesday; its ISO week runs Mon 2 June – Sun 8 June 2025.
const TODAY = '2025-06-04';

const ref = (caseId: string, doc: Y.Doc): CaseRef => ({ caseId, file: readCaseFile(doc) });

function activeCase(name: string, start = '2025-04-01'): Y.Doc {
  const doc = newCaseDoc({ displayName: name, contactedOn: '2024-03-01' });
  startParticipation(doc, ctx, start);
  return doc;
}

function endedCase(exitDate: string): Y.Doc {
  const doc = activeCase('Ended', '2024-06-01');
  endParticipation(doc, ctx, exitDate);
  return doc;
}

describe('releases in the next 30 days', () => {
  it.each([
    ['in 16 days, no gate meeting', '2025-06-20', false, true, 16],
    ['in 30 days, gate meeting planned', '2025-07-04', true, true, 30],
    ['today', '2025-06-04', false, true, 0],
    ['in 31 days', '2025-07-05', false, false, null],
    ['yesterday', '2025-06-03', false, false, null]
  ])('%s', (_name, releaseDate, withGate, listed, days) => {
    const doc = newCaseDoc({ displayName: 'Vapautuva', workPackages: ['TP3'] });
    updateReleasePath(doc, ctx, { prison: 'Mikkelin vankila', releaseDate });
    if (withGate)
      addMeeting(doc, ctx, { date: releaseDate, time: '08:00', kind: 'gate-meeting', place: 'Portti' });
    const { releases } = homeReminders([ref('c1', doc)], TODAY);
    if (!listed) return expect(releases).toEqual([]);
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({
      caseId: 'c1',
      displayName: 'Vapautuva',
      releaseDate,
      daysToRelease: days,
      prison: 'Mikkelin vankila',
      needsGateMeeting: !withGate
    });
    expect(releases[0]!.gateMeeting === null).toBe(!withGate);
  });

  it('skips ended cases and sorts by date', () => {
    const a = newCaseDoc();
    updateReleasePath(a, ctx, { releaseDate: '2025-06-30' });
    const b = newCaseDoc();
    updateReleasePath(b, ctx, { releaseDate: '2025-06-10' });
    const ended = newCaseDoc();
    updateReleasePath(ended, ctx, { releaseDate: '2025-06-12' });
    endParticipation(ended, ctx, '2025-06-01');
    const { releases } = homeReminders([ref('a', a), ref('b', b), ref('x', ended)], TODAY);
    expect(releases.map((r) => r.caseId)).toEqual(['b', 'a']);
  });
});

describe('steps due this week', () => {
  it('lists open steps due by Sunday, overdue ones flagged', () => {
    const doc = activeCase('Aktiivinen');
    const g = addGoal(doc, ctx, { theme: 'documents-id', title: 'Henkilökortti' });
    const sunday = addStep(doc, ctx, g, { text: 'Sunnuntaina', owner: 'participant', dueDate: '2025-06-08' });
    addStep(doc, ctx, g, { text: 'Ensi maanantaina', owner: 'worker', dueDate: '2025-06-09' });
    const overdue = addStep(doc, ctx, g, { text: 'Myöhässä', owner: 'expert', dueDate: '2025-05-20' });
    const today = addStep(doc, ctx, g, { text: 'Tänään', owner: 'worker', dueDate: TODAY });
    const done = addStep(doc, ctx, g, { text: 'Tehty', owner: 'worker', dueDate: '2025-06-03' });
    updateStep(doc, ctx, g, done, { status: 'done' });
    const dropped = addStep(doc, ctx, g, { text: 'Pois', owner: 'worker', dueDate: '2025-06-03' });
    updateStep(doc, ctx, g, dropped, { status: 'dropped' });
    addStep(doc, ctx, g, { text: 'Ei päivää', owner: 'worker' });
    const reached = addGoal(doc, ctx, { theme: 'housing', title: 'Asunto' });
    addStep(doc, ctx, reached, { text: 'Saavutetun tavoitteen askel', owner: 'worker', dueDate: TODAY });
    setGoalStatus(doc, ctx, reached, 'reached');
    const { steps } = homeReminders([ref('c', doc)], TODAY);
    expect(steps.map((s) => [s.stepId, s.overdue])).toEqual([
      [overdue, true],
      [today, false],
      [sunday, false]
    ]);
    expect(steps[0]).toMatchObject({
      goalId: g,
      goalTitle: 'Henkilökortti',
      owner: 'expert',
      text: 'Myöhässä'
    });
  });

  it('ignores ended cases', () => {
    const doc = activeCase('X');
    const g = addGoal(doc, ctx, { theme: 'work', title: 'Työ' });
    addStep(doc, ctx, g, { text: 'Hae', owner: 'participant', dueDate: TODAY });
    endParticipation(doc, ctx, '2025-06-01');
    expect(homeReminders([ref('c', doc)], TODAY).steps).toEqual([]);
  });
});

describe('follow-ups due', () => {
  it.each([
    ['4 weeks due today', '2025-05-07', 'four-weeks', '2025-06-04', false],
    ['4 weeks overdue', '2025-05-01', 'four-weeks', '2025-05-29', true],
    ['4 weeks due in 7 days', '2025-05-14', 'four-weeks', '2025-06-11', false],
    ['6 months due today', '2024-12-04', 'six-months', '2025-06-04', false],
    ['6 months from 30 Nov: month end', '2024-11-30', 'six-months', '2025-05-30', true]
  ])('%s', (_name, exit, kind, dueOn, overdue) => {
    const doc = endedCase(exit);
    const followUps = homeReminders([ref('c', doc)], TODAY).followUps.filter((f) => f.kind === kind);
    expect(followUps).toEqual([
      {
        caseId: 'c',
        displayName: 'Ended',
        episodeId: expect.any(String),
        kind,
        exitDate: exit,
        dueOn,
        overdue
      }
    ]);
  });

  it('skips follow-ups not yet near, done, or of a person active again', () => {
    const notYet = endedCase('2025-05-15'); // due 12 June: 8 days ahead
    const done = endedCase('2025-05-07');
    recordFollowUp(done, ctx, readCaseFile(done).episodes[0]!.id, 'four-weeks', '2025-06-03');
    const again = endedCase('2025-05-07');
    reopenCase(again, ctx, '2025-05-20');
    startParticipation(again, ctx, '2025-05-21');
    const returned = endedCase('2025-05-07');
    reopenCase(returned, ctx, '2025-05-20');
    const r = homeReminders([ref('n', notYet), ref('d', done), ref('a', again), ref('r', returned)], TODAY);
    expect(r.followUps.map((f) => [f.caseId, f.kind])).toEqual([['r', 'four-weeks']]);
  });
});

describe('cases with no meeting in 30 days', () => {
  it.each([
    ['last meeting 31 days ago', '2025-05-04', true],
    ['last meeting 30 days ago', '2025-05-05', false],
    ['met today', TODAY, false]
  ])('%s', (_name, held, listed) => {
    const doc = activeCase('Hiljainen');
    addMeeting(doc, ctx, { date: held, kind: 'one-to-one', status: 'held' });
    const quiet = homeReminders([ref('c', doc)], TODAY).quietCases;
    expect(quiet.length).toBe(listed ? 1 : 0);
    if (listed) expect(quiet[0]).toMatchObject({ lastMeeting: held, daysSince: 31, nextPlanned: null });
  });

  it('counts from the start when nothing was held, ignores internal and planned meetings', () => {
    const doc = activeCase('Uusi', '2025-04-01');
    addMeeting(doc, ctx, { date: '2025-06-01', kind: 'one-to-one', status: 'held', internal: true });
    addMeeting(doc, ctx, { date: '2025-06-02', kind: 'one-to-one', status: 'cancelled' });
    addMeeting(doc, ctx, { date: '2025-06-10', kind: 'one-to-one' });
    const quiet = homeReminders([ref('c', doc)], TODAY).quietCases;
    expect(quiet).toEqual([
      { caseId: 'c', displayName: 'Uusi', lastMeeting: null, daysSince: 64, nextPlanned: '2025-06-10' }
    ]);
  });

  it('lists returned cases, not contacted or ended ones', () => {
    const contacted = newCaseDoc({ contactedOn: '2025-01-01' });
    const ended = endedCase('2025-03-01');
    const returned = endedCase('2025-03-01');
    reopenCase(returned, ctx, '2025-04-01');
    const quiet = homeReminders([ref('c', contacted), ref('e', ended), ref('r', returned)], TODAY).quietCases;
    expect(quiet.map((q) => [q.caseId, q.daysSince])).toEqual([['r', 64]]);
  });
});

describe('nextAction', () => {
  it('picks the earliest of meetings, steps, release and follow-ups', () => {
    const doc = activeCase('N');
    expect(nextAction(readCaseFile(doc), TODAY)).toBe(null);
    updateReleasePath(doc, ctx, { releaseDate: '2025-06-30' });
    expect(nextAction(readCaseFile(doc), TODAY)).toEqual({ date: '2025-06-30', kind: 'release' });
    addMeeting(doc, ctx, { date: '2025-06-12', kind: 'phone' });
    addMeeting(doc, ctx, { date: '2025-06-01', kind: 'phone' }); // past, still "planned": not next
    expect(nextAction(readCaseFile(doc), TODAY)).toEqual({ date: '2025-06-12', kind: 'meeting' });
    const g = addGoal(doc, ctx, { theme: 'work', title: 'Työ' });
    addStep(doc, ctx, g, { text: 'Myöhässä', owner: 'worker', dueDate: '2025-05-30' });
    expect(nextAction(readCaseFile(doc), TODAY)).toEqual({ date: '2025-05-30', kind: 'step' });
  });

  it('for an ended case it is the follow-up', () => {
    const doc = endedCase('2025-05-20');
    expect(nextAction(readCaseFile(doc), TODAY)).toEqual({ date: '2025-06-17', kind: 'follow-up' });
  });
});
