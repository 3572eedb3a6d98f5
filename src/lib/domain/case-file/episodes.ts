/**
 * Episodes and exit data. `episodes` is a Y.Array of Y.Map, one per period with the project
 * (see status.ts for how they give the status). Each episode also carries its end review and
 * exit data: results, EURA end form, follow-ups, next paths (jatkopolut) and the review text.
 *
 * Episode keys: id, openedOn, startDate, exitDate, `result.<ExitResult>` (date the situation
 * held), euraEndDone, euraEndDate, `followUp.<kind>.done`, `followUp.<kind>.doneOn`,
 * employedAtSixMonths, nextPaths (Y.Array of Y.Map {id, text}), review (Y.XmlFragment).
 */
import * as Y from 'yjs';
import { addDays, addMonths, type IsoDate } from '../dates.ts';
import { richTextToPlain } from '../rich-text.ts';
import {
  findById,
  mapsOf,
  readBoolean,
  readDate,
  readShared,
  readString,
  writeField,
  type YRecord
} from '../y-fields.ts';
import { edit, nextId, type EditContext } from './context.ts';
import {
  CaseFileError,
  invalid,
  LONG_TEXT_MAX,
  notFound,
  optionalDate,
  requireDate,
  requireEnum,
  requireText
} from './errors.ts';
import { episodesArray } from './shape.ts';
import { canTransition, deriveStatus, STATUS_TRANSITIONS, type EpisodeDates } from './status.ts';
import {
  EXIT_RESULTS,
  FOLLOW_UPS,
  type CaseStatus,
  type ExitResult,
  type FollowUpKind
} from './vocabulary.ts';

/** Days from the exit to the first follow-up (ESF+ results hold "within 4 weeks after leaving"). */
export const FOUR_WEEKS_DAYS = 28;
/** Months from the exit to the longer-term follow-up. */
export const SIX_MONTHS = 6;

export interface NextPath {
  id: string;
  text: string;
}

export interface FollowUp {
  kind: FollowUpKind;
  /** Null until the episode has an exit date. */
  dueOn: IsoDate | null;
  done: boolean;
  doneOn: IsoDate | null;
}

export interface Episode extends EpisodeDates {
  id: string;
  /** Result → the date the situation held (started or was confirmed). */
  results: Partial<Record<ExitResult, IsoDate>>;
  euraEndDone: boolean;
  euraEndDate: IsoDate | null;
  followUps: Record<FollowUpKind, FollowUp>;
  /** Answer of the 6-month follow-up: employed then? Null when not asked yet. */
  employedAtSixMonths: boolean | null;
  nextPaths: NextPath[];
  /** The end review (päättöarvio) as plain text. */
  reviewText: string;
}

/** The follow-up due dates of an exit: 4 weeks (28 days) and 6 months (month-end clamped). */
export function followUpDueDates(exitDate: IsoDate): Record<FollowUpKind, IsoDate> {
  return { 'four-weeks': addDays(exitDate, FOUR_WEEKS_DAYS), 'six-months': addMonths(exitDate, SIX_MONTHS) };
}

const resultKey = (r: ExitResult) => `result.${r}`;
const followUpKey = (k: FollowUpKind, field: 'done' | 'doneOn') => `followUp.${k}.${field}`;

/**
 * Appends a new episode with its nested types (next paths, review) made in the same transaction,
 * so no device ever has to create them later. Call inside a transaction.
 */
export function pushEpisode(doc: Y.Doc, id: string, openedOn: IsoDate): void {
  const episode = new Y.Map<unknown>();
  episodesArray(doc).push([episode]);
  episode.set('id', id);
  episode.set('openedOn', openedOn);
  episode.set('nextPaths', new Y.Array<unknown>());
  episode.set('review', new Y.XmlFragment());
}

function readEpisode(m: YRecord): Episode | null {
  const id = readString(m, 'id');
  if (id === null) return null;
  const exitDate = readDate(m, 'exitDate');
  const due = exitDate ? followUpDueDates(exitDate) : null;
  const results: Partial<Record<ExitResult, IsoDate>> = {};
  for (const r of EXIT_RESULTS) {
    const d = readDate(m, resultKey(r));
    if (d) results[r] = d;
  }
  const followUps = {} as Record<FollowUpKind, FollowUp>;
  for (const kind of FOLLOW_UPS) {
    followUps[kind] = {
      kind,
      dueOn: due ? due[kind] : null,
      done: readBoolean(m, followUpKey(kind, 'done')),
      doneOn: readDate(m, followUpKey(kind, 'doneOn'))
    };
  }
  const employed = m.get('employedAtSixMonths');
  const nextPaths = readShared(m, 'nextPaths', Y.Array);
  const review = readShared(m, 'review', Y.XmlFragment);
  return {
    id,
    openedOn: readDate(m, 'openedOn'),
    startDate: readDate(m, 'startDate'),
    exitDate,
    results,
    euraEndDone: readBoolean(m, 'euraEndDone'),
    euraEndDate: readDate(m, 'euraEndDate'),
    followUps,
    employedAtSixMonths: typeof employed === 'boolean' ? employed : null,
    nextPaths: nextPaths
      ? mapsOf(nextPaths).flatMap((p) => {
          const pid = readString(p, 'id');
          return pid === null ? [] : [{ id: pid, text: readString(p, 'text') ?? '' }];
        })
      : [],
    reviewText: review ? richTextToPlain(review) : ''
  };
}

/** The episodes in doc order (the order they were opened). */
export function readEpisodes(doc: Y.Doc): Episode[] {
  return mapsOf(episodesArray(doc)).flatMap((m) => readEpisode(m) ?? []);
}

function lastEpisode(doc: Y.Doc): {
  map: YRecord;
  dates: EpisodeDates;
  count: number;
  prev: EpisodeDates | null;
} {
  const maps = mapsOf(episodesArray(doc));
  const map = maps.at(-1);
  if (!map)
    throw new CaseFileError('not_found', 'This doc has no episodes; create the case file first.', 'episodes');
  const dates = (e: YRecord): EpisodeDates => ({
    openedOn: readDate(e, 'openedOn'),
    startDate: readDate(e, 'startDate'),
    exitDate: readDate(e, 'exitDate')
  });
  const prevMap = maps.at(-2);
  return { map, dates: dates(map), count: maps.length, prev: prevMap ? dates(prevMap) : null };
}

function currentStatus(doc: Y.Doc): CaseStatus {
  return deriveStatus(
    mapsOf(episodesArray(doc)).map((e) => ({
      openedOn: readDate(e, 'openedOn'),
      startDate: readDate(e, 'startDate'),
      exitDate: readDate(e, 'exitDate')
    }))
  );
}

function assertTransition(doc: Y.Doc, to: CaseStatus): void {
  const from = currentStatus(doc);
  if (!canTransition(from, to)) {
    const allowed = STATUS_TRANSITIONS[from].join(', ');
    throw new CaseFileError(
      'invalid_transition',
      `A ${from} case cannot become ${to} (it may become: ${allowed}).`,
      'status'
    );
  }
}

function notBefore(date: IsoDate, earliest: IsoDate | null, field: string, what: string): void {
  if (earliest !== null && date < earliest) {
    throw new CaseFileError('invalid_value', `${field}: ${date} is before ${what} ${earliest}`, field);
  }
}

/**
 * Starts the work (contacted → active, or returned → active): sets the ESF+ start date of the
 * current episode. The first start date is the one ESF+ counts; a later start after a return
 * never replaces it.
 */
export function startParticipation(doc: Y.Doc, ctx: EditContext, startDate: IsoDate): void {
  const date = requireDate(startDate, 'startDate');
  assertTransition(doc, 'active');
  const { map, dates } = lastEpisode(doc);
  notBefore(date, dates.openedOn, 'startDate', 'the contact date');
  edit(doc, ctx, 'exit', () => map.set('startDate', date));
}

/** Ends the work (active → ended; contacted/returned → ended = left without starting). */
export function endParticipation(doc: Y.Doc, ctx: EditContext, exitDate: IsoDate): void {
  const date = requireDate(exitDate, 'exitDate');
  assertTransition(doc, 'ended');
  const { map, dates } = lastEpisode(doc);
  notBefore(date, dates.startDate ?? dates.openedOn, 'exitDate', 'the start');
  edit(doc, ctx, 'exit', () => map.set('exitDate', date));
}

/**
 * Reopens an ended case (ended → returned): a NEW episode opened on `returnedOn`. Earlier
 * episodes, their exit data and the entry data are untouched; the person stays one participant.
 * Returns the new episode's id.
 */
export function reopenCase(doc: Y.Doc, ctx: EditContext, returnedOn: IsoDate): string {
  const date = requireDate(returnedOn, 'returnedOn');
  assertTransition(doc, 'returned');
  const { dates } = lastEpisode(doc);
  notBefore(date, dates.exitDate, 'returnedOn', 'the last exit');
  const id = nextId(ctx);
  edit(doc, ctx, 'exit', () => pushEpisode(doc, id, date));
  return id;
}

/**
 * Moves the case to `to` on `date` through the one allowed step (see status.ts). Throws
 * `invalid_transition` for any other change.
 */
export function changeStatus(doc: Y.Doc, ctx: EditContext, to: CaseStatus, date: IsoDate): void {
  switch (to) {
    case 'active':
      return startParticipation(doc, ctx, date);
    case 'ended':
      return endParticipation(doc, ctx, date);
    case 'returned':
      reopenCase(doc, ctx, date);
      return;
    case 'contacted':
      throw new CaseFileError(
        'invalid_transition',
        'A case never goes back to contacted; use undo instead.',
        'status'
      );
  }
}

function episodeMap(doc: Y.Doc, episodeId: string): YRecord {
  const found = findById(episodesArray(doc), episodeId);
  if (!found) throw notFound('episode', episodeId);
  return found.map;
}

/**
 * Corrects an episode's dates (a typo in the start or exit date). Keeps the order
 * openedOn ≤ startDate ≤ exitDate; does not change the status (a null here cannot reopen or
 * un-start a case: use the status changes or undo for that).
 */
export function correctEpisodeDates(
  doc: Y.Doc,
  ctx: EditContext,
  episodeId: string,
  patch: { openedOn?: IsoDate; startDate?: IsoDate; exitDate?: IsoDate }
): void {
  const map = episodeMap(doc, episodeId);
  const next = {
    openedOn:
      patch.openedOn !== undefined ? requireDate(patch.openedOn, 'openedOn') : readDate(map, 'openedOn'),
    startDate:
      patch.startDate !== undefined ? requireDate(patch.startDate, 'startDate') : readDate(map, 'startDate'),
    exitDate:
      patch.exitDate !== undefined ? requireDate(patch.exitDate, 'exitDate') : readDate(map, 'exitDate')
  };
  if (patch.startDate !== undefined && readDate(map, 'startDate') === null) {
    throw invalid('startDate', 'an episode that has started (use startParticipation)', patch.startDate);
  }
  if (patch.exitDate !== undefined && readDate(map, 'exitDate') === null) {
    throw invalid('exitDate', 'an episode that has ended (use endParticipation)', patch.exitDate);
  }
  if (next.startDate) notBefore(next.startDate, next.openedOn, 'startDate', 'the contact date');
  if (next.exitDate) notBefore(next.exitDate, next.startDate ?? next.openedOn, 'exitDate', 'the start');
  edit(doc, ctx, 'exit', () => {
    writeField(map, 'openedOn', next.openedOn);
    writeField(map, 'startDate', next.startDate);
    writeField(map, 'exitDate', next.exitDate);
  });
}

/**
 * Records (date) or clears (null) a result of the episode: the date the situation held.
 * `none` clears the other results and any other result clears `none`.
 */
export function setExitResult(
  doc: Y.Doc,
  ctx: EditContext,
  episodeId: string,
  result: ExitResult,
  date: IsoDate | null
): void {
  const r = requireEnum(result, EXIT_RESULTS, 'result');
  const d = optionalDate(date, 'date');
  const map = episodeMap(doc, episodeId);
  edit(doc, ctx, 'exit', () => {
    if (d !== null) {
      for (const other of EXIT_RESULTS) {
        if (other !== r && (r === 'none' || other === 'none')) writeField(map, resultKey(other), null);
      }
    }
    writeField(map, resultKey(r), d);
  });
}

/** Whether the participant has filled the EURA end form, and when. */
export function setEuraEndForm(
  doc: Y.Doc,
  ctx: EditContext,
  episodeId: string,
  done: boolean,
  date: IsoDate | null
): void {
  const d = optionalDate(date, 'euraEndDate');
  const map = episodeMap(doc, episodeId);
  edit(doc, ctx, 'exit', () => {
    writeField(map, 'euraEndDone', done ? true : null);
    writeField(map, 'euraEndDate', done ? d : null);
  });
}

/**
 * Marks a follow-up done on `doneOn` (or not done with null). For the 6-month follow-up,
 * `employed` records whether the person was employed then.
 */
export function recordFollowUp(
  doc: Y.Doc,
  ctx: EditContext,
  episodeId: string,
  kind: FollowUpKind,
  doneOn: IsoDate | null,
  employed?: boolean | null
): void {
  const k = requireEnum(kind, FOLLOW_UPS, 'kind');
  const d = optionalDate(doneOn, 'doneOn');
  if (employed !== undefined && k !== 'six-months')
    throw invalid('employed', 'only on the six-month follow-up', employed);
  const map = episodeMap(doc, episodeId);
  edit(doc, ctx, 'exit', () => {
    writeField(map, followUpKey(k, 'done'), d !== null ? true : null);
    writeField(map, followUpKey(k, 'doneOn'), d);
    if (employed !== undefined) writeField(map, 'employedAtSixMonths', employed);
  });
}

function nextPathsOf(map: YRecord): Y.Array<unknown> {
  const arr = readShared(map, 'nextPaths', Y.Array);
  if (arr) return arr as Y.Array<unknown>;
  // pushEpisode makes it; only a malformed episode (another app version) lacks it, and then a
  // concurrent creation on two devices could lose one side's paths — acceptable for a repair.
  const created = new Y.Array<unknown>();
  map.set('nextPaths', created);
  return created;
}

/** Adds a next path (jatkopolku) to the episode's end review; returns its id. */
export function addNextPath(doc: Y.Doc, ctx: EditContext, episodeId: string, text: string): string {
  const t = requireText(text, 'text', LONG_TEXT_MAX, { allowEmpty: false });
  const map = episodeMap(doc, episodeId);
  const id = nextId(ctx);
  edit(doc, ctx, 'exit', () => {
    const item = new Y.Map<unknown>();
    nextPathsOf(map).push([item]);
    item.set('id', id);
    item.set('text', t);
  });
  return id;
}

export function updateNextPath(
  doc: Y.Doc,
  ctx: EditContext,
  episodeId: string,
  pathId: string,
  text: string
): void {
  const t = requireText(text, 'text', LONG_TEXT_MAX, { allowEmpty: false });
  const found = findById(nextPathsOf(episodeMap(doc, episodeId)), pathId);
  if (!found) throw notFound('next path', pathId);
  edit(doc, ctx, 'exit', () => writeField(found.map, 'text', t));
}

export function removeNextPath(doc: Y.Doc, ctx: EditContext, episodeId: string, pathId: string): void {
  const arr = nextPathsOf(episodeMap(doc, episodeId));
  const found = findById(arr, pathId);
  if (!found) throw notFound('next path', pathId);
  edit(doc, ctx, 'exit', () => arr.delete(found.index, 1));
}

/**
 * The end review (päättöarvio) of an episode as rich text, for Tiptap. Made with the episode;
 * null for an unknown episode.
 */
export function endReviewFragment(doc: Y.Doc, episodeId: string): Y.XmlFragment | null {
  const found = findById(episodesArray(doc), episodeId);
  return found ? readShared(found.map, 'review', Y.XmlFragment) : null;
}
