import { describe, expect, it } from 'vitest';
import { writePlainParagraphs } from '../rich-text.ts';
import { addAssessmentItem } from './assessment.ts';
import { updateEntry } from './entry.ts';
import { startParticipation } from './episodes.ts';
import { addGoal, addStep, setGoalStatus, updateStep } from './goals.ts';
import { addMeeting, meetingNotes } from './meetings.ts';
import { toPrintablePlan } from './printable-plan.ts';
import { readCaseFile } from './read.ts';
import { addReferral } from './referrals.ts';
import { setChecklistItem, updateReleasePath } from './release.ts';
import { actionPlanFragment, assessmentNotes } from './shape.ts';
import { newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext();
const SECRET = 'SALAINEN-MERKINTÄ';

function richCase() {
  const doc = newCaseDoc({ displayName: 'Sanna S.', contactedOn: '2025-05-01', phone: '040 111' });
  startParticipation(doc, ctx, '2025-05-02');
  updateEntry(doc, ctx, {
    gender: 'woman',
    birthYear: 1988,
    labourStatus: 'unemployed',
    education: 'isced-0-2'
  });
  const g1 = addGoal(doc, ctx, { theme: 'digital-skills-cv', title: 'CV valmiiksi' });
  addStep(doc, ctx, g1, { text: 'Kirjoitetaan CV yhdessä', owner: 'worker', dueDate: '2025-06-10' });
  const done = addStep(doc, ctx, g1, { text: 'Valokuva', owner: 'participant' });
  updateStep(doc, ctx, g1, done, { status: 'done' });
  const dropped = addStep(doc, ctx, g1, { text: `Pois jätetty ${SECRET}`, owner: 'worker' });
  updateStep(doc, ctx, g1, dropped, { status: 'dropped' });
  const g2 = addGoal(doc, ctx, { theme: 'health-substance-use', title: `Luovuttu ${SECRET}` });
  setGoalStatus(doc, ctx, g2, 'dropped');
  const g3 = addGoal(doc, ctx, { theme: 'documents-id', title: 'Henkilökortti' });
  setGoalStatus(doc, ctx, g3, 'reached');
  // Internal content in every other section:
  addAssessmentItem(doc, ctx, 'obstacles', `Este ${SECRET}`);
  writePlainParagraphs(assessmentNotes(doc, 'strengths'), `Arvio ${SECRET}`);
  const held = addMeeting(doc, ctx, { date: '2025-05-20', kind: 'one-to-one', status: 'held' });
  writePlainParagraphs(meetingNotes(doc, held)!, `Muistiinpano ${SECRET}`);
  addMeeting(doc, ctx, {
    date: '2025-06-05',
    kind: 'one-to-one',
    internal: true,
    place: `Verkosto ${SECRET}`
  });
  addMeeting(doc, ctx, { date: '2025-06-09', time: '13:00', kind: 'one-to-one', place: 'Kohtaamispaikka' });
  addMeeting(doc, ctx, { date: '2025-06-20', kind: 'phone' });
  addReferral(doc, ctx, { service: 'health-substance-services', outcome: `Tulos ${SECRET}` });
  updateReleasePath(doc, ctx, { prison: `Vankila ${SECRET}`, specialInstructorName: SECRET });
  setChecklistItem(doc, ctx, 'kela-benefits', true, '2025-05-15');
  writePlainParagraphs(actionPlanFragment(doc), `Suunnitelma ${SECRET}`);
  return doc;
}

describe('toPrintablePlan', () => {
  it('contains goals, steps, contact persons and the next meeting', () => {
    const plan = toPrintablePlan(readCaseFile(richCase()), {
      today: '2025-06-04',
      contactPersons: [
        { name: 'Olli Ohjaaja', role: 'ohjaaja', phone: '044 000' },
        { name: 'Kalle K.', role: 'kokemusasiantuntija' }
      ]
    });
    expect(plan).toEqual({
      participantName: 'Sanna S.',
      printedOn: '2025-06-04',
      goals: [
        {
          title: 'CV valmiiksi',
          theme: 'digital-skills-cv',
          status: 'open',
          steps: [
            { text: 'Kirjoitetaan CV yhdessä', owner: 'worker', dueDate: '2025-06-10', done: false },
            { text: 'Valokuva', owner: 'participant', dueDate: null, done: true }
          ]
        },
        { title: 'Henkilökortti', theme: 'documents-id', status: 'reached', steps: [] }
      ],
      contactPersons: [
        { name: 'Olli Ohjaaja', role: 'ohjaaja', phone: '044 000' },
        { name: 'Kalle K.', role: 'kokemusasiantuntija' }
      ],
      nextMeeting: { date: '2025-06-09', time: '13:00', kind: 'one-to-one', place: 'Kohtaamispaikka' }
    });
  });

  it('leaks nothing internal: notes, assessment, referrals, release details, dropped items', () => {
    const plan = toPrintablePlan(readCaseFile(richCase()), { today: '2025-06-04', contactPersons: [] });
    const text = JSON.stringify(plan);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('040 111'); // the participant's own contact details are not needed
    expect(text).not.toMatch(/isced|unemployed|1988|kela/);
  });

  it('has no next meeting when none is planned from today on', () => {
    const plan = toPrintablePlan(readCaseFile(richCase()), { today: '2025-06-21', contactPersons: [] });
    expect(plan.nextMeeting).toBe(null);
  });
});
