/**
 * Meetings (tapaamiset). `meetings` is a root Y.Array of Y.Map:
 * {id, date, time, kind, status, place, presentStaff, presentOther, internal, notes,
 *  createdAt, createdBy}
 *  - presentStaff: Y.Map staffUserId → true (a set that two devices can edit at once)
 *  - notes: Y.XmlFragment, the co-edited rich text. Bind Tiptap's Collaboration extension with
 *    `fragment: meetingNotes(doc, id)` (key `notes` of the meeting map).
 *  - internal: a staff-only meeting ABOUT the participant without them (e.g. planning with the
 *    prison's special instructor): never shown as the participant's own next meeting.
 * Pre-release prison visits, the gate meeting and follow-up meetings are meetings of their kind;
 * the release path reads them from here (one truth for dates).
 */
import * as Y from 'yjs';
import { isClockTime, type IsoDate } from '../dates.ts';
import { richTextToPlain } from '../rich-text.ts';
import {
  findById,
  mapsOf,
  readBoolean,
  readDate,
  readEnum,
  readShared,
  readString,
  readText,
  writeField,
  type YRecord
} from '../y-fields.ts';
import { edit, nextId, type EditContext } from './context.ts';
import { invalid, notFound, requireDate, requireEnum, requireText, SHORT_TEXT_MAX } from './errors.ts';
import { meetingsArray } from './shape.ts';
import { MEETING_KINDS, MEETING_STATUSES, type MeetingKind, type MeetingStatus } from './vocabulary.ts';

export interface Meeting {
  id: string;
  date: IsoDate;
  /** `HH:MM`, or null when no time was agreed. */
  time: string | null;
  kind: MeetingKind;
  status: MeetingStatus;
  place: string;
  /** Staff user ids, sorted. */
  presentStaff: string[];
  /** Others present, as free text ("erityisohjaaja", "sisko"). */
  presentOther: string;
  internal: boolean;
  /** The notes as plain text (internal: never printed for the participant). */
  notesText: string;
  createdAt: string | null;
  createdBy: string | null;
}

export interface NewMeeting {
  date: IsoDate;
  time?: string | null;
  kind: MeetingKind;
  status?: MeetingStatus;
  place?: string;
  presentStaff?: string[];
  presentOther?: string;
  internal?: boolean;
}

export type MeetingPatch = Partial<Omit<NewMeeting, 'presentStaff'>>;

function validTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!isClockTime(value)) throw invalid('time', 'a time HH:MM', value);
  return value;
}

function validStaff(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw invalid('presentStaff', 'a list of user ids', ids);
  }
  return ids as string[];
}

/** Adds a meeting (default status `planned`) with empty notes; returns its id. */
export function addMeeting(doc: Y.Doc, ctx: EditContext, meeting: NewMeeting): string {
  const date = requireDate(meeting.date, 'date');
  const time = validTime(meeting.time);
  const kind = requireEnum(meeting.kind, MEETING_KINDS, 'kind');
  const status =
    meeting.status === undefined ? 'planned' : requireEnum(meeting.status, MEETING_STATUSES, 'status');
  const place = requireText(meeting.place ?? '', 'place', SHORT_TEXT_MAX);
  const presentOther = requireText(meeting.presentOther ?? '', 'presentOther', SHORT_TEXT_MAX);
  const staff = validStaff(meeting.presentStaff ?? []);
  const id = nextId(ctx);
  edit(doc, ctx, 'meetings', () => {
    const m = new Y.Map<unknown>();
    meetingsArray(doc).push([m]);
    m.set('id', id);
    m.set('date', date);
    if (time) m.set('time', time);
    m.set('kind', kind);
    m.set('status', status);
    m.set('place', place);
    const present = new Y.Map<boolean>();
    m.set('presentStaff', present);
    for (const s of staff) present.set(s, true);
    m.set('presentOther', presentOther);
    if (meeting.internal) m.set('internal', true);
    m.set('notes', new Y.XmlFragment());
    m.set('createdAt', ctx.now.toISOString());
    m.set('createdBy', ctx.actor);
  });
  return id;
}

function meetingMap(doc: Y.Doc, id: string): YRecord {
  const found = findById(meetingsArray(doc), id);
  if (!found) throw notFound('meeting', id);
  return found.map;
}

/** Sets the given fields of a meeting. */
export function updateMeeting(doc: Y.Doc, ctx: EditContext, id: string, patch: MeetingPatch): void {
  const date = patch.date === undefined ? undefined : requireDate(patch.date, 'date');
  const time = patch.time === undefined ? undefined : validTime(patch.time);
  const kind = patch.kind === undefined ? undefined : requireEnum(patch.kind, MEETING_KINDS, 'kind');
  const status =
    patch.status === undefined ? undefined : requireEnum(patch.status, MEETING_STATUSES, 'status');
  const place = patch.place === undefined ? undefined : requireText(patch.place, 'place', SHORT_TEXT_MAX);
  const other =
    patch.presentOther === undefined
      ? undefined
      : requireText(patch.presentOther, 'presentOther', SHORT_TEXT_MAX);
  const m = meetingMap(doc, id);
  edit(doc, ctx, 'meetings', () => {
    writeField(m, 'date', date);
    if (time !== undefined) writeField(m, 'time', time);
    writeField(m, 'kind', kind);
    writeField(m, 'status', status);
    writeField(m, 'place', place);
    writeField(m, 'presentOther', other);
    if (patch.internal !== undefined) writeField(m, 'internal', patch.internal ? true : null);
  });
}

/** Marks a staff member present at (or absent from) a meeting. */
export function setMeetingStaff(
  doc: Y.Doc,
  ctx: EditContext,
  id: string,
  staffId: string,
  present: boolean
): void {
  validStaff([staffId]);
  const m = meetingMap(doc, id);
  const set = readShared(m, 'presentStaff', Y.Map);
  if (!set) throw notFound('present staff of meeting', id);
  edit(doc, ctx, 'meetings', () => writeField(set as YRecord, staffId, present ? true : null));
}

export function removeMeeting(doc: Y.Doc, ctx: EditContext, id: string): void {
  const arr = meetingsArray(doc);
  const found = findById(arr, id);
  if (!found) throw notFound('meeting', id);
  edit(doc, ctx, 'meetings', () => arr.delete(found.index, 1));
}

/** The meeting's notes for Tiptap's Collaboration `fragment` option; null for an unknown meeting. */
export function meetingNotes(doc: Y.Doc, id: string): Y.XmlFragment | null {
  const found = findById(meetingsArray(doc), id);
  return found ? readShared(found.map, 'notes', Y.XmlFragment) : null;
}

function readMeeting(m: YRecord): Meeting | null {
  const id = readString(m, 'id');
  const date = readDate(m, 'date');
  if (id === null || date === null) return null;
  const present = readShared(m, 'presentStaff', Y.Map);
  const notes = readShared(m, 'notes', Y.XmlFragment);
  const time = readString(m, 'time');
  return {
    id,
    date,
    time: isClockTime(time) ? time : null,
    kind: readEnum(m, 'kind', MEETING_KINDS) ?? 'one-to-one',
    status: readEnum(m, 'status', MEETING_STATUSES) ?? 'planned',
    place: readText(m, 'place'),
    presentStaff: present
      ? [...(present as YRecord).entries()]
          .filter(([, v]) => v === true)
          .map(([k]) => k)
          .sort()
      : [],
    presentOther: readText(m, 'presentOther'),
    internal: readBoolean(m, 'internal'),
    notesText: notes ? richTextToPlain(notes) : '',
    createdAt: readString(m, 'createdAt'),
    createdBy: readString(m, 'createdBy')
  };
}

/** Chronological order: date, then time (untimed first), then id. */
export function compareMeetings(a: Meeting, b: Meeting): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const at = a.time ?? '';
  const bt = b.time ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The meetings in chronological order. */
export function readMeetings(doc: Y.Doc): Meeting[] {
  return mapsOf(meetingsArray(doc))
    .flatMap((m) => readMeeting(m) ?? [])
    .sort(compareMeetings);
}
