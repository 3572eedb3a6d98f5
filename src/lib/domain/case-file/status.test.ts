import { describe, expect, it } from 'vitest';
import {
  canTransition,
  countedExitEpisode,
  deriveStatus,
  firstStartDate,
  type EpisodeDates
} from './status.ts';
import { CASE_STATUSES, type CaseStatus } from './vocabulary.ts';

const ep = (
  openedOn: string | null,
  startDate: string | null = null,
  exitDate: string | null = null
): EpisodeDates => ({
  openedOn,
  startDate,
  exitDate
});

describe('canTransition', () => {
  const allowed: Array<[CaseStatus, CaseStatus]> = [
    ['contacted', 'active'],
    ['contacted', 'ended'],
    ['active', 'ended'],
    ['ended', 'returned'],
    ['returned', 'active'],
    ['returned', 'ended']
  ];
  const pairs = CASE_STATUSES.flatMap((from) =>
    CASE_STATUSES.map((to) => [from, to] as [CaseStatus, CaseStatus])
  );
  it.each(pairs)('%s → %s', (from, to) => {
    const want = allowed.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(want);
  });

  it('allows the full cycle contacted → active → ended → returned → active → ended', () => {
    const path: CaseStatus[] = ['contacted', 'active', 'ended', 'returned', 'active', 'ended'];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });
});

describe('deriveStatus', () => {
  it.each<[string, EpisodeDates[], CaseStatus]>([
    ['no episodes (tolerated)', [], 'contacted'],
    ['first contact', [ep('2025-01-10')], 'contacted'],
    ['started', [ep('2025-01-10', '2025-01-20')], 'active'],
    ['ended', [ep('2025-01-10', '2025-01-20', '2025-06-01')], 'ended'],
    ['did not start', [ep('2025-01-10', null, '2025-02-01')], 'ended'],
    ['returned', [ep('2025-01-10', '2025-01-20', '2025-06-01'), ep('2025-09-01')], 'returned'],
    [
      'active again',
      [ep('2025-01-10', '2025-01-20', '2025-06-01'), ep('2025-09-01', '2025-09-03')],
      'active'
    ],
    [
      'ended again',
      [ep('2025-01-10', '2025-01-20', '2025-06-01'), ep('2025-09-01', '2025-09-03', '2025-12-01')],
      'ended'
    ]
  ])('%s', (_name, episodes, want) => expect(deriveStatus(episodes)).toBe(want));
});

describe('firstStartDate and countedExitEpisode', () => {
  it('keeps the first start date over returns', () => {
    const eps = [ep('2025-01-10', '2025-01-20', '2025-06-01'), ep('2025-09-01', '2025-09-03')];
    expect(firstStartDate(eps)).toBe('2025-01-20');
    expect(firstStartDate([ep('2025-01-10')])).toBe(null);
  });

  it.each<[string, EpisodeDates[], number | null]>([
    ['never started', [ep('2025-01-10')], null],
    ['active', [ep('2025-01-10', '2025-01-20')], null],
    ['ended', [ep('2025-01-10', '2025-01-20', '2025-06-01')], 0],
    ['returned, not restarted: the earlier exit stands', [ep('a', 'b', 'c'), ep('d')], 0],
    ['returned and left again without restarting', [ep('a', 'b', 'c'), ep('d', null, 'e')], 0],
    ['participating again: exit pending', [ep('a', 'b', 'c'), ep('d', 'e')], null],
    ['ended again: the latest exit counts', [ep('a', 'b', 'c'), ep('d', 'e', 'f')], 1]
  ])('%s', (_name, episodes, index) => {
    expect(countedExitEpisode(episodes)).toBe(index === null ? null : episodes[index]);
  });
});
