/**
 * Case status is DERIVED from the episodes, never stored on its own: a stored status next to the
 * episodes could disagree after two offline devices merge (one ends the case, the other starts
 * it), while a status computed from the merged episodes is always consistent with them.
 *
 * An episode is one period with the project: opened on first contact (or on return), started on
 * the ESF+ start date, closed on the exit date. The last episode decides:
 *
 *   no start, no exit, first episode  → contacted
 *   no start, no exit, later episode  → returned   (came back; work not yet restarted)
 *   started, no exit                  → active
 *   exit date set                     → ended      (also "did not start": exit without start)
 *
 * Allowed changes: contacted→active, contacted→ended (did not start), active→ended,
 * ended→returned (reopen: a new episode), returned→active, returned→ended.
 */
import type { IsoDate } from '../dates.ts';
import type { CaseStatus } from './vocabulary.ts';

/** The episode fields the status depends on. */
export interface EpisodeDates {
  openedOn: IsoDate | null;
  startDate: IsoDate | null;
  exitDate: IsoDate | null;
}

export const STATUS_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  contacted: ['active', 'ended'],
  active: ['ended'],
  ended: ['returned'],
  returned: ['active', 'ended']
};

/** True when a case in status `from` may change to `to`. */
export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** The status given by the episodes in order (see the module header). */
export function deriveStatus(episodes: readonly EpisodeDates[]): CaseStatus {
  const last = episodes.at(-1);
  if (!last) return 'contacted';
  if (last.exitDate !== null) return 'ended';
  if (last.startDate !== null) return 'active';
  return episodes.length === 1 ? 'contacted' : 'returned';
}

/** The first ESF+ start date over all episodes: a returning person keeps their first start. */
export function firstStartDate(episodes: readonly EpisodeDates[]): IsoDate | null {
  let first: IsoDate | null = null;
  for (const e of episodes) {
    if (e.startDate !== null && (first === null || e.startDate < first)) first = e.startDate;
  }
  return first;
}

/**
 * The episode whose exit counts for ESF+ (the latest exit is the one reported): the last episode
 * that started, if it has ended. Null while that episode is still open (the person is
 * participating again, so their exit is not known yet) or when nobody ever started.
 * An episode that ended without starting (came back, then left before restarting) leaves the
 * previous exit in force.
 */
export function countedExitEpisode<E extends EpisodeDates>(episodes: readonly E[]): E | null {
  for (let i = episodes.length - 1; i >= 0; i--) {
    const e = episodes[i]!;
    if (e.startDate !== null) return e.exitDate !== null ? e : null;
  }
  return null;
}
