import { describe, expect, it } from 'vitest';
import { endReview } from './end-review.ts';
import { addNextPath, endParticipation, reopenCase, startParticipation } from './episodes.ts';
import { addGoal, setGoalStatus } from './goals.ts';
import { readCaseFile } from './read.ts';
import { newCaseDoc, testContext } from './test-support.ts';

describe('endReview', () => {
  it('lists the goals reached during the episode, the open ones and the next paths', () => {
    const doc = newCaseDoc({ contactedOn: '2025-01-05' });
    startParticipation(doc, testContext(), '2025-01-10');
    const early = addGoal(doc, testContext(), { theme: 'documents-id', title: 'Henkilökortti' });
    const open = addGoal(doc, testContext(), { theme: 'work', title: 'Työ' });
    const dropped = addGoal(doc, testContext(), { theme: 'other', title: 'Pois' });
    setGoalStatus(doc, testContext('w', '2025-03-01T10:00:00Z'), early, 'reached');
    setGoalStatus(doc, testContext('w', '2025-03-01T10:00:00Z'), dropped, 'dropped');
    endParticipation(doc, testContext(), '2025-05-31');
    const first = readCaseFile(doc).episodes[0]!.id;
    addNextPath(doc, testContext(), first, 'Työllisyyspalvelut');
    reopenCase(doc, testContext(), '2025-09-01');
    startParticipation(doc, testContext(), '2025-09-02');
    const later = addGoal(doc, testContext(), { theme: 'study', title: 'Opinnot' });
    setGoalStatus(doc, testContext('w', '2025-10-01T10:00:00Z'), later, 'reached');
    const file = readCaseFile(doc);

    const r1 = endReview(file, first)!;
    expect(r1.goalsReached.map((g) => g.id)).toEqual([early]);
    expect(r1.goalsOpen.map((g) => g.id)).toEqual([open]);
    expect(r1.nextPaths.map((p) => p.text)).toEqual(['Työllisyyspalvelut']);
    expect([r1.startDate, r1.exitDate]).toEqual(['2025-01-10', '2025-05-31']);

    const r2 = endReview(file)!;
    expect(r2.goalsReached.map((g) => g.id)).toEqual([later]);
    expect(r2.exitDate).toBe(null);
    expect(endReview(file, 'nope')).toBe(null);
  });
});
