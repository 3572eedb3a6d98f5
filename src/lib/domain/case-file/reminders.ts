/**
 * Home-view reminders and the register's "next action", computed from case snapshots and a
 * passed-in today (a Finnish calendar date), so they work offline from the device's cache and
 * run in tests with a fixed day.
 *
 * - releases: release day within the next 30 days (today included) for cases not ended, with
 *   the gate meeting (or the need to plan one);
 * - steps: open steps of open goals due by the end of this ISO week (Monday–Sunday), overdue
 *   ones included and flagged;
 * - follow-ups: 4-week and 6-month follow-ups of the counted exit, not done, due within 7 days
 *   or overdue, unless the person is active again;
 * - quiet cases: active or returned cases with no meeting held with the participant for more
 *   than 30 days (counting from the episode's start when nothing was held yet).
 */
import { addDays, daysBetween, endOfIsoWeek, type IsoDate } from '../dates.ts';
import type { FollowUpKind, StepOwner } from './vocabulary.ts';
import type { CaseFile } from './read.ts';

export const RELEASE_WINDOW_DAYS = 30;
export const QUIET_AFTER_DAYS = 30;
export const FOLLOW_UP_LEAD_DAYS = 7;

/** A case snapshot with the id it is known by (the participant/doc id). */
export interface CaseRef {
  caseId: string;
  file: CaseFile;
}

export interface ReleaseReminder {
  caseId: string;
  displayName: string;
  releaseDate: IsoDate;
  daysToRelease: number;
  prison: string;
  gateMeeting: { id: string; date: IsoDate; time: string | null; place: string } | null;
  needsGateMeeting: boolean;
}

export interface StepReminder {
  caseId: string;
  displayName: string;
  goalId: string;
  goalTitle: string;
  stepId: string;
  text: string;
  owner: StepOwner;
  dueDate: IsoDate;
  overdue: boolean;
}

export interface FollowUpReminder {
  caseId: string;
  displayName: string;
  episodeId: string;
  kind: FollowUpKind;
  exitDate: IsoDate;
  dueOn: IsoDate;
  overdue: boolean;
}

export interface QuietCaseReminder {
  caseId: string;
  displayName: string;
  /** The last meeting held with the participant, or null. */
  lastMeeting: IsoDate | null;
  /** Days since that meeting (or since the episode started when there was none). */
  daysSince: number;
  /** The next planned meeting, if one is already agreed. */
  nextPlanned: IsoDate | null;
}

export interface HomeReminders {
  releases: ReleaseReminder[];
  steps: StepReminder[];
  followUps: FollowUpReminder[];
  quietCases: QuietCaseReminder[];
}

const byDate =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

function releaseReminder({ caseId, file }: CaseRef, today: IsoDate): ReleaseReminder | null {
  const r = file.release;
  if (file.status === 'ended' || r.releaseDate === null) return null;
  const days = daysBetween(today, r.releaseDate);
  if (days < 0 || days > RELEASE_WINDOW_DAYS) return null;
  const g = r.gateMeeting;
  return {
    caseId,
    displayName: file.profile.displayName,
    releaseDate: r.releaseDate,
    daysToRelease: days,
    prison: r.prison,
    gateMeeting: g ? { id: g.id, date: g.date, time: g.time, place: g.place } : null,
    needsGateMeeting: g === null
  };
}

function stepReminders({ caseId, file }: CaseRef, today: IsoDate): StepReminder[] {
  if (file.status === 'ended') return [];
  const weekEnd = endOfIsoWeek(today);
  const out: StepReminder[] = [];
  for (const goal of file.goals) {
    if (goal.status === 'reached' || goal.status === 'dropped') continue;
    for (const step of goal.steps) {
      if (step.status === 'done' || step.status === 'dropped' || step.dueDate === null) continue;
      if (step.dueDate > weekEnd) continue;
      out.push({
        caseId,
        displayName: file.profile.displayName,
        goalId: goal.id,
        goalTitle: goal.title,
        stepId: step.id,
        text: step.text,
        owner: step.owner,
        dueDate: step.dueDate,
        overdue: step.dueDate < today
      });
    }
  }
  return out;
}

function followUpReminders({ caseId, file }: CaseRef, today: IsoDate): FollowUpReminder[] {
  const x = file.countedExit;
  if (!x || x.exitDate === null || file.status === 'active') return [];
  const horizon = addDays(today, FOLLOW_UP_LEAD_DAYS);
  const out: FollowUpReminder[] = [];
  for (const f of Object.values(x.followUps)) {
    if (f.done || f.dueOn === null || f.dueOn > horizon) continue;
    out.push({
      caseId,
      displayName: file.profile.displayName,
      episodeId: x.id,
      kind: f.kind,
      exitDate: x.exitDate,
      dueOn: f.dueOn,
      overdue: f.dueOn < today
    });
  }
  return out;
}

function quietCase({ caseId, file }: CaseRef, today: IsoDate): QuietCaseReminder | null {
  if (file.status !== 'active' && file.status !== 'returned') return null;
  const withParticipant = file.meetings.filter((m) => !m.internal);
  const held = withParticipant.filter((m) => m.status === 'held' && m.date <= today);
  const last = held.at(-1)?.date ?? null;
  const current = file.episodes.at(-1);
  const since = last ?? current?.startDate ?? current?.openedOn ?? null;
  if (since === null) return null;
  const days = daysBetween(since, today);
  if (days <= QUIET_AFTER_DAYS) return null;
  const next = withParticipant.find((m) => m.status === 'planned' && m.date >= today);
  return {
    caseId,
    displayName: file.profile.displayName,
    lastMeeting: last,
    daysSince: days,
    nextPlanned: next?.date ?? null
  };
}

/** Everything the home view lists for these cases on `today`, each list sorted by date. */
export function homeReminders(cases: readonly CaseRef[], today: IsoDate): HomeReminders {
  const releases = cases.flatMap((c) => releaseReminder(c, today) ?? []);
  const steps = cases.flatMap((c) => stepReminders(c, today));
  const followUps = cases.flatMap((c) => followUpReminders(c, today));
  const quietCases = cases.flatMap((c) => quietCase(c, today) ?? []);
  releases.sort(byDate((r) => r.releaseDate));
  steps.sort(byDate((s) => s.dueDate));
  followUps.sort(byDate((f) => f.dueOn));
  quietCases.sort((a, b) => b.daysSince - a.daysSince);
  return { releases, steps, followUps, quietCases };
}

export type NextActionKind = 'meeting' | 'step' | 'release' | 'follow-up';

export interface NextAction {
  date: IsoDate;
  kind: NextActionKind;
}

/**
 * The earliest thing to do in a case, for sorting the register: a planned meeting from today on,
 * an open step's due date (overdue ones are earliest), the release day from today on, or a
 * follow-up not done. Null when nothing is scheduled.
 */
export function nextAction(file: CaseFile, today: IsoDate): NextAction | null {
  const candidates: NextAction[] = [];
  const meeting = file.meetings.find((m) => m.status === 'planned' && m.date >= today);
  if (meeting) candidates.push({ date: meeting.date, kind: 'meeting' });
  if (file.status !== 'ended') {
    for (const g of file.goals) {
      if (g.status === 'reached' || g.status === 'dropped') continue;
      for (const s of g.steps) {
        if (s.dueDate && s.status !== 'done' && s.status !== 'dropped')
          candidates.push({ date: s.dueDate, kind: 'step' });
      }
    }
    const rd = file.release.releaseDate;
    if (rd && rd >= today) candidates.push({ date: rd, kind: 'release' });
  }
  if (file.status !== 'active' && file.countedExit) {
    for (const f of Object.values(file.countedExit.followUps)) {
      if (!f.done && f.dueOn) candidates.push({ date: f.dueOn, kind: 'follow-up' });
    }
  }
  candidates.sort(byDate((c) => c.date));
  return candidates[0] ?? null;
}
