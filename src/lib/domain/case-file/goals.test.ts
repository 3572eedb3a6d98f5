import { describe, expect, it } from 'vitest';
import { CaseFileError } from './errors.ts';
import { addGoal, addStep, removeGoal, removeStep, setGoalStatus, updateGoal, updateStep } from './goals.ts';
import { readCaseFile } from './read.ts';
import { docState, newCaseDoc, testContext } from './test-support.ts';

describe('goals and steps', () => {
  it('adds a goal with steps; each keeps a stable id', () => {
    const ctx = testContext('worker-1', '2025-06-02T09:00:00Z');
    const doc = newCaseDoc();
    const g = addGoal(doc, ctx, { theme: 'documents-id', title: 'Henkilökortti voimaan' });
    const s1 = addStep(doc, ctx, g, {
      text: 'Varataan aika poliisille',
      owner: 'worker',
      dueDate: '2025-06-06'
    });
    const s2 = addStep(doc, ctx, g, { text: 'Passikuva', owner: 'participant' });
    const goal = readCaseFile(doc).goals[0]!;
    expect(goal).toMatchObject({
      id: g,
      theme: 'documents-id',
      title: 'Henkilökortti voimaan',
      status: 'open',
      createdBy: 'worker-1',
      reachedOn: null
    });
    expect(goal.steps.map((s) => [s.id, s.owner, s.dueDate, s.status])).toEqual([
      [s1, 'worker', '2025-06-06', 'todo'],
      [s2, 'participant', null, 'todo']
    ]);
    expect(goal.history).toEqual([
      { from: null, to: 'open', at: '2025-06-02T09:00:00.000Z', by: 'worker-1' }
    ]);
  });

  it('keeps a history of status changes: who, when, from, to', () => {
    const doc = newCaseDoc();
    const g = addGoal(doc, testContext('worker-1', '2025-06-02T09:00:00Z'), {
      theme: 'housing',
      title: 'Oma asunto'
    });
    setGoalStatus(doc, testContext('expert-1', '2025-06-10T12:00:00Z'), g, 'in-progress');
    setGoalStatus(doc, testContext('worker-1', '2025-07-01T21:30:00Z'), g, 'reached');
    // Setting the same status again is not a change.
    setGoalStatus(doc, testContext('worker-1', '2025-07-02T08:00:00Z'), g, 'reached');
    const goal = readCaseFile(doc).goals[0]!;
    expect(goal.status).toBe('reached');
    expect(goal.history.map((h) => [h.from, h.to, h.by])).toEqual([
      [null, 'open', 'worker-1'],
      ['open', 'in-progress', 'expert-1'],
      ['in-progress', 'reached', 'worker-1']
    ]);
    // 21:30 UTC is already the next day in Helsinki.
    expect(goal.reachedOn).toBe('2025-07-02');
    setGoalStatus(doc, testContext(), g, 'in-progress');
    expect(readCaseFile(doc).goals[0]!.reachedOn).toBe(null);
  });

  it('edits and removes goals and steps', () => {
    const ctx = testContext();
    const doc = newCaseDoc();
    const g = addGoal(doc, ctx, { theme: 'other', title: 'Alku' });
    const s = addStep(doc, ctx, g, { text: 'Soitto', owner: 'expert', dueDate: '2025-06-03' });
    updateGoal(doc, ctx, g, { theme: 'digital-skills-cv', title: 'CV valmiiksi' });
    updateStep(doc, ctx, g, s, { status: 'done', dueDate: null, owner: 'participant' });
    let goal = readCaseFile(doc).goals[0]!;
    expect([goal.theme, goal.title]).toEqual(['digital-skills-cv', 'CV valmiiksi']);
    expect(goal.steps[0]).toMatchObject({
      status: 'done',
      dueDate: null,
      owner: 'participant',
      text: 'Soitto'
    });
    removeStep(doc, ctx, g, s);
    goal = readCaseFile(doc).goals[0]!;
    expect(goal.steps).toEqual([]);
    removeGoal(doc, ctx, g);
    expect(readCaseFile(doc).goals).toEqual([]);
    expect(() => removeGoal(doc, ctx, g)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it.each([
    ['unknown theme', () => ({ theme: 'hobbies', title: 'x' })],
    ['empty title', () => ({ theme: 'work', title: ' ' })]
  ])('rejects a goal with %s', (_name, make) => {
    const doc = newCaseDoc();
    const before = docState(doc);
    expect(() => addGoal(doc, testContext(), make() as never)).toThrow(CaseFileError);
    expect(docState(doc)).toBe(before);
  });

  it.each([
    [{ text: 'x', owner: 'boss' }],
    [{ text: '', owner: 'worker' }],
    [{ text: 'x', owner: 'worker', dueDate: '2025-06-31' }]
  ])('rejects step %j', (step) => {
    const doc = newCaseDoc();
    const g = addGoal(doc, testContext(), { theme: 'work', title: 'Työ' });
    expect(() => addStep(doc, testContext(), g, step as never)).toThrow(CaseFileError);
    expect(() => updateStep(doc, testContext(), g, 'missing', { status: 'done' })).toThrow(
      expect.objectContaining({ code: 'not_found' })
    );
  });
});
