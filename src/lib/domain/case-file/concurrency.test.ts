import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { richTextToPlain, writePlainParagraphs } from '../rich-text.ts';
import { endParticipation, reopenCase, startParticipation } from './episodes.ts';
import { addGoal, addStep, setGoalStatus, updateGoal, updateStep } from './goals.ts';
import { addMeeting, meetingNotes, setMeetingStaff } from './meetings.ts';
import { setWorkPackage, updateProfile } from './profile.ts';
import { readCaseFile } from './read.ts';
import { setChecklistItem } from './release.ts';
import { undoScope } from './shape.ts';
import { newCaseDoc, testContext } from './test-support.ts';

const worker = testContext('worker-1', '2025-06-02T09:00:00Z', 'local-worker');
const expert = testContext('expert-1', '2025-06-02T09:00:05Z', 'local-expert');

/** A second replica of `doc`, as a second tablet that has synced once. */
function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Exchanges the missing updates both ways (what the sync protocol does on reconnect). */
function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, 'remote');
  Y.applyUpdate(a, toA, 'remote');
}

describe('two people editing one case offline', () => {
  it('concurrent edits to different items never collide; same-field edits converge', () => {
    const a = newCaseDoc({}, worker);
    const goal = addGoal(a, worker, { theme: 'documents-id', title: 'Henkilökortti' });
    const s1 = addStep(a, worker, goal, { text: 'Aika poliisille', owner: 'worker' });
    const s2 = addStep(a, worker, goal, { text: 'Passikuva', owner: 'participant' });
    const meeting = addMeeting(a, worker, { date: '2025-06-05', kind: 'one-to-one' });
    const b = replica(a);

    // Offline, at the same time:
    updateStep(a, worker, goal, s1, { status: 'done' }); // different items
    updateStep(b, expert, goal, s2, { dueDate: '2025-06-09' });
    updateStep(a, worker, goal, s2, { text: 'Passikuva kuvaamosta' }); // same item, different fields
    updateStep(b, expert, goal, s2, { owner: 'expert' });
    updateGoal(a, worker, goal, { title: 'Henkilökortti voimaan' }); // same field
    updateGoal(b, expert, goal, { title: 'Uusi henkilökortti' });
    setGoalStatus(a, worker, goal, 'in-progress'); // same field, both logged
    setGoalStatus(b, expert, goal, 'paused');
    addGoal(a, worker, { theme: 'housing', title: 'Asunto' }); // concurrent appends
    addGoal(b, expert, { theme: 'finances', title: 'Velkaneuvonta' });
    setMeetingStaff(a, worker, meeting, 'worker-1', true); // set semantics
    setMeetingStaff(b, expert, meeting, 'expert-1', true);
    setWorkPackage(a, worker, 'TP3', true);
    setWorkPackage(b, expert, 'TP2', true);
    setChecklistItem(a, worker, 'id-card', true, '2025-06-02');
    setChecklistItem(b, expert, 'phone', true, '2025-06-02');
    updateProfile(a, worker, { phone: '040 1' });
    updateProfile(b, expert, { email: 'x@example.invalid' });
    meetingNotes(a, meeting)!.insert(0, [paragraph('Työntekijän rivi')]);
    meetingNotes(b, meeting)!.insert(0, [paragraph('Kokemusasiantuntijan rivi')]);

    sync(a, b);
    const fa = readCaseFile(a);
    const fb = readCaseFile(b);
    expect(fa).toEqual(fb);
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));

    const g = fa.goals.find((x) => x.id === goal)!;
    expect(g.steps.find((s) => s.id === s1)!.status).toBe('done');
    expect(g.steps.find((s) => s.id === s2)).toMatchObject({
      text: 'Passikuva kuvaamosta',
      owner: 'expert',
      dueDate: '2025-06-09'
    });
    expect(['Henkilökortti voimaan', 'Uusi henkilökortti']).toContain(g.title);
    expect(['in-progress', 'paused']).toContain(g.status);
    expect(g.history.map((h) => h.to).sort()).toEqual(['in-progress', 'open', 'paused']);
    expect(fa.goals.map((x) => x.title)).toEqual(expect.arrayContaining(['Asunto', 'Velkaneuvonta']));
    expect(fa.goals).toHaveLength(3);
    expect(fa.meetings[0]!.presentStaff).toEqual(['expert-1', 'worker-1']);
    expect(fa.profile.workPackages).toEqual(['TP1', 'TP2', 'TP3']);
    expect(fa.profile).toMatchObject({ phone: '040 1', email: 'x@example.invalid' });
    expect(fa.release.checklist.filter((c) => c.done).map((c) => c.item)).toEqual(['id-card', 'phone']);
    expect(fa.meetings[0]!.notesText.split('\n').sort()).toEqual([
      'Kokemusasiantuntijan rivi',
      'Työntekijän rivi'
    ]);
  });

  it('an edit to an item removed meanwhile is dropped on merge, never resurrecting it', () => {
    const a = newCaseDoc({}, worker);
    const goal = addGoal(a, worker, { theme: 'work', title: 'Työ' });
    const step = addStep(a, worker, goal, { text: 'Hae', owner: 'participant' });
    const b = replica(a);
    b.transact(() => {
      const goals = b.getArray('goals');
      goals.delete(0, 1);
    });
    updateStep(a, worker, goal, step, { status: 'done' });
    sync(a, b);
    expect(readCaseFile(a).goals).toEqual([]);
    expect(readCaseFile(a)).toEqual(readCaseFile(b));
  });

  it('concurrent status changes on two devices still give one consistent status', () => {
    const a = newCaseDoc({ contactedOn: '2025-01-10' }, worker);
    startParticipation(a, worker, '2025-01-20');
    endParticipation(a, worker, '2025-05-01');
    const b = replica(a);
    reopenCase(a, worker, '2025-06-01');
    reopenCase(b, expert, '2025-06-02');
    sync(a, b);
    const fa = readCaseFile(a);
    expect(fa).toEqual(readCaseFile(b));
    // Two return episodes (one per device); the status and the ESF+ start are still well defined.
    expect(fa.status).toBe('returned');
    expect(fa.entry.startDate).toBe('2025-01-20');
    expect(fa.countedExit?.exitDate).toBe('2025-05-01');
  });
});

describe('per-user undo', () => {
  it('undoes only the local user’s edits, leaving the other person’s intact', () => {
    const a = newCaseDoc({}, worker);
    const b = replica(a);
    const undo = new Y.UndoManager(undoScope(a), {
      trackedOrigins: new Set([worker.origin]),
      captureTimeout: 0
    });
    // Concurrent appends order by client id, so compare titles as sets.
    const titles = (doc: Y.Doc) =>
      readCaseFile(doc)
        .goals.map((g) => g.title)
        .sort();
    const mine = addGoal(a, worker, { theme: 'housing', title: 'Oma' });
    addGoal(b, expert, { theme: 'work', title: 'Kokemusasiantuntijan' });
    sync(a, b);
    updateGoal(a, worker, mine, { title: 'Oma asunto' });
    expect(titles(a)).toEqual(['Kokemusasiantuntijan', 'Oma asunto']);
    undo.undo();
    expect(titles(a)).toEqual(['Kokemusasiantuntijan', 'Oma']);
    undo.undo();
    expect(titles(a)).toEqual(['Kokemusasiantuntijan']);
    undo.redo();
    sync(a, b);
    expect(titles(b)).toEqual(['Kokemusasiantuntijan', 'Oma']);
    undo.destroy();
  });

  it('undoes a rich-text edit of the notes by its origin', () => {
    const a = newCaseDoc({}, worker);
    const id = addMeeting(a, worker, { date: '2025-06-01', kind: 'phone' });
    const notes = meetingNotes(a, id)!;
    const undo = new Y.UndoManager(notes, { trackedOrigins: new Set(['editor-a']), captureTimeout: 0 });
    a.transact(() => writePlainParagraphs(notes, 'Ensimmäinen'), 'editor-a');
    a.transact(() => writePlainParagraphs(notes, 'Toinen'), 'editor-a');
    undo.undo();
    expect(richTextToPlain(notes)).toBe('Ensimmäinen');
    undo.destroy();
  });
});

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}
