/**
 * Seeded property test in the style of Yjs's own: three replicas of one case file take random
 * edits through the mutators, with random pairwise syncs in between; after a final full sync
 * every replica reads the same snapshot. Along the way: a rejected edit (CaseFileError) never
 * writes anything, and nothing but CaseFileError is ever thrown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDays } from '../dates.ts';
import { writePlainParagraphs } from '../rich-text.ts';
import type { EditContext } from './context.ts';
import { changeStatus } from './episodes.ts';
import { CaseFileError } from './errors.ts';
import { addGoal, addStep, removeGoal, setGoalStatus, updateStep } from './goals.ts';
import { addMeeting, meetingNotes } from './meetings.ts';
import { updateProfile } from './profile.ts';
import { readCaseFile } from './read.ts';
import { setChecklistItem } from './release.ts';
import { newCaseDoc } from './test-support.ts';
import { CASE_STATUSES, GOAL_STATUSES, RELEASE_CHECKLIST_ITEMS, STEP_STATUSES } from './vocabulary.ts';

const REPLICAS = 3;

type Op =
  | { kind: 'addGoal'; r: number; title: string }
  | { kind: 'addStep'; r: number; pick: number; text: string }
  | { kind: 'stepStatus'; r: number; pick: number; status: (typeof STEP_STATUSES)[number] }
  | { kind: 'goalStatus'; r: number; pick: number; status: (typeof GOAL_STATUSES)[number] }
  | { kind: 'removeGoal'; r: number; pick: number }
  | { kind: 'addMeeting'; r: number; day: number }
  | { kind: 'notes'; r: number; pick: number; text: string }
  | { kind: 'phone'; r: number; text: string }
  | { kind: 'checklist'; r: number; item: number; done: boolean }
  | { kind: 'status'; r: number; to: (typeof CASE_STATUSES)[number]; day: number }
  | { kind: 'sync'; from: number; to: number };

const replicaIndex = fc.integer({ min: 0, max: REPLICAS - 1 });
const word = fc.constantFrom('asunto', 'Kela', 'CV', 'työ', 'kortti', 'uni', 'äiti', '');

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('addGoal' as const), r: replicaIndex, title: word }),
  fc.record({ kind: fc.constant('addStep' as const), r: replicaIndex, pick: fc.nat(), text: word }),
  fc.record({
    kind: fc.constant('stepStatus' as const),
    r: replicaIndex,
    pick: fc.nat(),
    status: fc.constantFrom(...STEP_STATUSES)
  }),
  fc.record({
    kind: fc.constant('goalStatus' as const),
    r: replicaIndex,
    pick: fc.nat(),
    status: fc.constantFrom(...GOAL_STATUSES)
  }),
  fc.record({ kind: fc.constant('removeGoal' as const), r: replicaIndex, pick: fc.nat() }),
  fc.record({
    kind: fc.constant('addMeeting' as const),
    r: replicaIndex,
    day: fc.integer({ min: 0, max: 60 })
  }),
  fc.record({ kind: fc.constant('notes' as const), r: replicaIndex, pick: fc.nat(), text: word }),
  fc.record({ kind: fc.constant('phone' as const), r: replicaIndex, text: word }),
  fc.record({
    kind: fc.constant('checklist' as const),
    r: replicaIndex,
    item: fc.nat({ max: RELEASE_CHECKLIST_ITEMS.length - 1 }),
    done: fc.boolean()
  }),
  fc.record({
    kind: fc.constant('status' as const),
    r: replicaIndex,
    to: fc.constantFrom(...CASE_STATUSES),
    day: fc.integer({ min: -5, max: 60 })
  }),
  fc.record({ kind: fc.constant('sync' as const), from: replicaIndex, to: replicaIndex })
);

function pickId(ids: string[], n: number): string {
  return ids.length === 0 ? 'missing' : ids[n % ids.length]!;
}

function apply(doc: Y.Doc, ctx: EditContext, o: Exclude<Op, { kind: 'sync' }>): void {
  const file = readCaseFile(doc);
  const goals = file.goals.map((g) => g.id);
  switch (o.kind) {
    case 'addGoal':
      addGoal(doc, ctx, { theme: 'other', title: o.title });
      return;
    case 'addStep':
      addStep(doc, ctx, pickId(goals, o.pick), { text: o.text, owner: 'participant', dueDate: '2025-06-10' });
      return;
    case 'stepStatus': {
      const goal = file.goals[o.pick % Math.max(1, goals.length)];
      const step = goal?.steps[o.pick % Math.max(1, goal.steps.length)];
      updateStep(doc, ctx, goal?.id ?? 'missing', step?.id ?? 'missing', { status: o.status });
      return;
    }
    case 'goalStatus':
      setGoalStatus(doc, ctx, pickId(goals, o.pick), o.status);
      return;
    case 'removeGoal':
      removeGoal(doc, ctx, pickId(goals, o.pick));
      return;
    case 'addMeeting':
      addMeeting(doc, ctx, { date: addDays('2025-05-01', o.day), kind: 'one-to-one' });
      return;
    case 'notes': {
      const id = pickId(
        file.meetings.map((m) => m.id),
        o.pick
      );
      const notes = meetingNotes(doc, id);
      if (notes) doc.transact(() => writePlainParagraphs(notes, o.text), ctx.origin);
      return;
    }
    case 'phone':
      updateProfile(doc, ctx, { phone: o.text });
      return;
    case 'checklist':
      setChecklistItem(doc, ctx, RELEASE_CHECKLIST_ITEMS[o.item]!, o.done, '2025-06-01');
      return;
    case 'status':
      changeStatus(doc, ctx, o.to, addDays('2025-05-01', o.day));
      return;
  }
}

function syncPair(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('case file convergence (property)', () => {
  it('random edits on three replicas with random syncs converge, and rejected edits write nothing', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const first = newCaseDoc({ contactedOn: '2025-05-01' });
        const docs = [first, ...Array.from({ length: REPLICAS - 1 }, () => new Y.Doc())];
        for (const d of docs.slice(1)) syncPair(first, d);
        const ctxs = docs.map((_, i): EditContext => ({
          actor: `user-${i}`,
          origin: `origin-${i}`,
          now: new Date('2025-06-02T09:00:00Z'),
          newId: (() => {
            let n = 0;
            return () => `r${i}-${++n}`;
          })()
        }));
        for (const o of ops) {
          if (o.kind === 'sync') {
            syncPair(docs[o.from]!, docs[o.to]!);
            continue;
          }
          const doc = docs[o.r]!;
          const before = Y.encodeStateVector(doc);
          try {
            apply(doc, ctxs[o.r]!, o);
          } catch (e) {
            if (!(e instanceof CaseFileError)) throw e;
            expect(Y.encodeStateVector(doc)).toEqual(before);
          }
        }
        for (const a of docs) for (const b of docs) if (a !== b) syncPair(a, b);
        const snapshots = docs.map(readCaseFile);
        for (const s of snapshots.slice(1)) expect(s).toEqual(snapshots[0]);
      }),
      { seed: 20250602, numRuns: 60 }
    );
  });
});
