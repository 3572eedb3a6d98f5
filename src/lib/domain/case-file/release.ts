/**
 * The release path (TP3, vapautumisen tukipolku). Root map `release`: prison,
 * specialInstructorName, specialInstructorContact (the prison's erityisohjaaja: an outside
 * contact, not a user), releaseDate. Root map `releaseChecklist`: flat keys `<item>.done` and
 * `<item>.date` per checklist item, so two people ticking different items never collide.
 * Root fragment `actionPlan`: the action plan (toimintasuunnitelma) as rich text.
 * Pre-release visits, the gate meeting and follow-up meetings are read from the meetings.
 */
import type * as Y from 'yjs';
import { daysBetween, type IsoDate } from '../dates.ts';
import { richTextToPlain } from '../rich-text.ts';
import { readBoolean, readDate, readText, writeField } from '../y-fields.ts';
import { edit, type EditContext } from './context.ts';
import { optionalDate, requireEnum, requireText, SHORT_TEXT_MAX } from './errors.ts';
import type { Meeting } from './meetings.ts';
import { actionPlanFragment, releaseChecklistMap, releaseMap } from './shape.ts';
import { RELEASE_CHECKLIST_ITEMS, type ReleaseChecklistItem } from './vocabulary.ts';

export interface ChecklistEntry {
  item: ReleaseChecklistItem;
  done: boolean;
  date: IsoDate | null;
}

export interface ReleasePath {
  prison: string;
  specialInstructor: { name: string; contact: string };
  releaseDate: IsoDate | null;
  /** Every checklist item, in the plan's order. */
  checklist: ChecklistEntry[];
  actionPlanText: string;
  /** Prison visits (planned, held, cancelled), chronological. */
  preReleaseVisits: Meeting[];
  /** The first gate meeting that is not cancelled, or null: one to plan. */
  gateMeeting: Meeting | null;
  /** Meetings with the participant after the release day (not cancelled, not internal). */
  followUpMeetings: Meeting[];
}

export interface ReleasePatch {
  prison?: string;
  specialInstructorName?: string;
  specialInstructorContact?: string;
  releaseDate?: IsoDate | null;
}

/** Countdown to the release day from `today`: days to go, the day itself, or days since. */
export type ReleaseCountdown =
  { state: 'upcoming'; days: number } | { state: 'today'; days: 0 } | { state: 'past'; days: number };

/** Days to the release (`upcoming`, days ≥ 1), `today`, or days since it (`past`, days ≥ 1). */
export function releaseCountdown(releaseDate: IsoDate, today: IsoDate): ReleaseCountdown {
  const d = daysBetween(today, releaseDate);
  if (d > 0) return { state: 'upcoming', days: d };
  if (d === 0) return { state: 'today', days: 0 };
  return { state: 'past', days: -d };
}

export function updateReleasePath(doc: Y.Doc, ctx: EditContext, patch: ReleasePatch): void {
  const writes: Array<[string, string | null | undefined]> = [
    ['prison', patch.prison === undefined ? undefined : requireText(patch.prison, 'prison', SHORT_TEXT_MAX)],
    [
      'specialInstructorName',
      patch.specialInstructorName === undefined
        ? undefined
        : requireText(patch.specialInstructorName, 'specialInstructorName', SHORT_TEXT_MAX)
    ],
    [
      'specialInstructorContact',
      patch.specialInstructorContact === undefined
        ? undefined
        : requireText(patch.specialInstructorContact, 'specialInstructorContact', SHORT_TEXT_MAX)
    ]
  ];
  const releaseDate =
    patch.releaseDate === undefined ? undefined : optionalDate(patch.releaseDate, 'releaseDate');
  const map = releaseMap(doc);
  edit(doc, ctx, 'release', () => {
    for (const [key, value] of writes) writeField(map, key, value);
    if (releaseDate !== undefined) writeField(map, 'releaseDate', releaseDate);
  });
}

/** Ticks (or unticks) a checklist item; the date is when it was done (cleared when not done). */
export function setChecklistItem(
  doc: Y.Doc,
  ctx: EditContext,
  item: ReleaseChecklistItem,
  done: boolean,
  date: IsoDate | null = null
): void {
  const i = requireEnum(item, RELEASE_CHECKLIST_ITEMS, 'item');
  const d = optionalDate(date, 'date');
  const map = releaseChecklistMap(doc);
  edit(doc, ctx, 'release', () => {
    writeField(map, `${i}.done`, done ? true : null);
    writeField(map, `${i}.date`, done ? d : null);
  });
}

/**
 * The release-path meetings: prison visits, the gate meeting, and follow-ups after the release
 * day. Expects `meetings` in chronological order.
 */
export function releasePathMeetings(
  meetings: readonly Meeting[],
  releaseDate: IsoDate | null
): Pick<ReleasePath, 'preReleaseVisits' | 'gateMeeting' | 'followUpMeetings'> {
  const gateMeeting = meetings.find((m) => m.kind === 'gate-meeting' && m.status !== 'cancelled') ?? null;
  return {
    preReleaseVisits: meetings.filter((m) => m.kind === 'prison-visit'),
    gateMeeting,
    followUpMeetings:
      releaseDate === null
        ? []
        : meetings.filter(
            (m) => m.date > releaseDate && m !== gateMeeting && m.status !== 'cancelled' && !m.internal
          )
  };
}

/** The release path, with its meetings taken from the (chronological) meeting list. */
export function readReleasePath(doc: Y.Doc, meetings: readonly Meeting[]): ReleasePath {
  const m = releaseMap(doc);
  const c = releaseChecklistMap(doc);
  const releaseDate = readDate(m, 'releaseDate');
  return {
    prison: readText(m, 'prison'),
    specialInstructor: {
      name: readText(m, 'specialInstructorName'),
      contact: readText(m, 'specialInstructorContact')
    },
    releaseDate,
    checklist: RELEASE_CHECKLIST_ITEMS.map((item) => {
      const done = readBoolean(c, `${item}.done`);
      return { item, done, date: done ? readDate(c, `${item}.date`) : null };
    }),
    actionPlanText: richTextToPlain(actionPlanFragment(doc)),
    ...releasePathMeetings(meetings, releaseDate)
  };
}
