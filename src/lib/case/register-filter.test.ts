import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { ParticipantSummary } from '$lib/api/schemas';
import {
  addGoal,
  addStep,
  createCaseFile,
  readCaseFile,
  updateReleasePath,
  type CaseFile,
  type EditContext
} from '$lib/domain/case-file';
import { EMPTY_FILTER, registerRows } from './register-filter.ts';

const ctx: EditContext = { origin: 'test', actor: 'w1', now: new Date('2026-03-02T10:00:00Z') };
const TODAY = '2026-03-02';

function summary(
  id: string,
  displayName: string,
  alias: string | null,
  experts: string[] = []
): ParticipantSummary {
  return {
    id,
    docId: id,
    displayName,
    alias,
    team: { workers: ['w1'], experts, readers: [] },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z'
  };
}

function caseFile(build: (doc: Y.Doc) => void): CaseFile {
  const doc = new Y.Doc();
  createCaseFile(doc, ctx, { displayName: 'x', contactedOn: '2026-01-10', workPackages: ['TP1'] });
  build(doc);
  return readCaseFile(doc);
}

const people = [
  summary('a', 'Äijälä Matti', null),
  summary('b', 'Bertta', 'Pupu', ['e1']),
  summary('c', 'Cecilia', null)
];
const files = new Map<string, CaseFile>([
  [
    'a',
    caseFile((doc) => {
      const g = addGoal(doc, ctx, { theme: 'housing', title: 'Asunto' });
      addStep(doc, ctx, g, { text: 'Hae', owner: 'participant', dueDate: '2026-03-10' });
    })
  ],
  [
    'b',
    caseFile((doc) => {
      updateReleasePath(doc, ctx, { releaseDate: '2026-03-05' });
    })
  ]
]);

describe('registerRows', () => {
  it('sorts by the next action, cases without one (or without a doc) last by name', () => {
    const rows = registerRows(people, files, EMPTY_FILTER, TODAY);
    expect(rows.map((r) => r.summary.id)).toEqual(['b', 'a', 'c']);
    expect(rows[0]!.next).toEqual({ date: '2026-03-05', kind: 'release' });
    expect(rows[2]!.file).toBeNull();
  });

  it('finds by name or alias ignoring case and accents', () => {
    expect(
      registerRows(people, files, { ...EMPTY_FILTER, query: 'aijala' }, TODAY).map((r) => r.summary.id)
    ).toEqual(['a']);
    expect(
      registerRows(people, files, { ...EMPTY_FILTER, query: 'PUPU' }, TODAY).map((r) => r.summary.id)
    ).toEqual(['b']);
  });

  it('uses the server’s projected fields for a case whose doc the device does not have', () => {
    const projected = {
      ...summary('d', 'Daniel', null),
      status: 'active' as const,
      workPackages: ['TP3' as const],
      releaseDate: '2026-03-04',
      nextActionDate: '2026-03-04',
      nextActionKind: 'release' as const
    };
    const rows = registerRows([...people, projected], files, EMPTY_FILTER, TODAY);
    expect(rows.map((r) => r.summary.id)).toEqual(['d', 'b', 'a', 'c']);
    expect(rows[0]).toMatchObject({ file: null, status: 'active', workPackages: ['TP3'] });
    expect(
      registerRows(
        [...people, projected],
        files,
        { ...EMPTY_FILTER, workPackage: 'TP3', releaseWithinDays: 7 },
        TODAY
      ).map((r) => r.summary.id)
    ).toEqual(['d']);
  });

  it('filters by staff member, release window, work package and status', () => {
    expect(
      registerRows(people, files, { ...EMPTY_FILTER, staffId: 'e1' }, TODAY).map((r) => r.summary.id)
    ).toEqual(['b']);
    expect(
      registerRows(people, files, { ...EMPTY_FILTER, releaseWithinDays: 7 }, TODAY).map((r) => r.summary.id)
    ).toEqual(['b']);
    expect(registerRows(people, files, { ...EMPTY_FILTER, releaseWithinDays: 2 }, TODAY)).toEqual([]);
    expect(registerRows(people, files, { ...EMPTY_FILTER, workPackage: 'TP3' }, TODAY)).toEqual([]);
    expect(
      registerRows(people, files, { ...EMPTY_FILTER, workPackage: 'TP1', status: 'contacted' }, TODAY).map(
        (r) => r.summary.id
      )
    ).toEqual(['b', 'a']);
    expect(registerRows(people, files, { ...EMPTY_FILTER, status: 'active' }, TODAY)).toEqual([]);
  });
});
