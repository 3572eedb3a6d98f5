/**
 * The end review (päättöarvio) of an episode as one view: which goals were reached during the
 * episode, which are still open, the next paths (jatkopolut) and the review text. Goals are not
 * tied to episodes in the doc (a returning person keeps working on old goals), so "reached during
 * the episode" is read from each goal's status history.
 */
import type { IsoDate } from '../dates.ts';
import type { Episode, NextPath } from './episodes.ts';
import type { Goal } from './goals.ts';
import type { CaseFile } from './read.ts';

export interface EndReview {
  episodeId: string;
  startDate: IsoDate | null;
  exitDate: IsoDate | null;
  /** Goals reached (and still reached) whose last change to `reached` falls in the episode. */
  goalsReached: Goal[];
  /** Goals neither reached nor dropped: what the next paths should pick up. */
  goalsOpen: Goal[];
  nextPaths: NextPath[];
  reviewText: string;
}

function inEpisode(day: IsoDate | null, e: Episode): boolean {
  if (day === null) return false;
  const from = e.startDate ?? e.openedOn;
  return (from === null || day >= from) && (e.exitDate === null || day <= e.exitDate);
}

/** The end review of `episodeId` (default: the latest episode); null for an unknown episode. */
export function endReview(file: CaseFile, episodeId?: string): EndReview | null {
  const e = episodeId === undefined ? file.episodes.at(-1) : file.episodes.find((x) => x.id === episodeId);
  if (!e) return null;
  return {
    episodeId: e.id,
    startDate: e.startDate,
    exitDate: e.exitDate,
    goalsReached: file.goals.filter((g) => g.status === 'reached' && inEpisode(g.reachedOn, e)),
    goalsOpen: file.goals.filter((g) => g.status !== 'reached' && g.status !== 'dropped'),
    nextPaths: e.nextPaths,
    reviewText: e.reviewText
  };
}
