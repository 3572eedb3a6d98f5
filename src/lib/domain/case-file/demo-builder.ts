/**
 * Plays a demo case script (demo-script.ts) into a case doc through the real mutators, so the
 * fictional data obeys every rule a real case file does. One branch per kind of action; each
 * turns day offsets into dates relative to `today` and runs as the role's staff member at
 * mid-morning of that day.
 *
 * Rich text (meeting notes, assessment notes, action plan, end review) is written as plain
 * paragraphs straight into its fragment, as Tiptap would, under the origin {@link DEMO_ORIGIN}.
 */
import type * as Y from 'yjs';
import { addDays, type IsoDate } from '../dates.ts';
import { writePlainParagraphs } from '../rich-text.ts';
import { addAssessmentItem } from './assessment.ts';
import type { EditContext } from './context.ts';
import { updateEntry } from './entry.ts';
import { CaseFileError, invalid } from './errors.ts';
import {
  addNextPath,
  endParticipation,
  endReviewFragment,
  recordFollowUp,
  reopenCase,
  setEuraEndForm,
  setExitResult,
  startParticipation
} from './episodes.ts';
import { addGoal, addStep, setGoalStatus, updateStep } from './goals.ts';
import { addMeeting, meetingNotes } from './meetings.ts';
import { createCaseFile } from './profile.ts';
import { readCaseFile } from './read.ts';
import { addReferral } from './referrals.ts';
import { setChecklistItem, updateReleasePath } from './release.ts';
import { actionPlanFragment, assessmentNotes } from './shape.ts';
import { ASSESSMENT_AREAS } from './vocabulary.ts';
import type { DayOffset, DemoAction, DemoRole, DemoStaff, GoalAction } from './demo-script.ts';

/** The transaction origin of every demo edit. */
export const DEMO_ORIGIN = 'demo';

/** Days after adding a goal when a reached goal is marked in progress. */
const GOAL_IN_PROGRESS_AFTER_DAYS = 7;
/** Days after adding a goal when its final status is set (never later than today). */
const GOAL_STATUS_AFTER_DAYS = 14;

/** What a script is played against: the day it is relative to, the id source and the staff. */
export interface DemoEnv {
  today: IsoDate;
  ids: () => string;
  staff: DemoStaff;
}

/** A case being built: its doc and the helpers every action uses. */
class DemoCaseDoc {
  constructor(
    readonly doc: Y.Doc,
    private readonly env: DemoEnv
  ) {}

  date(offset: DayOffset): IsoDate {
    return addDays(this.env.today, offset);
  }

  user(role: DemoRole): string {
    return this.env.staff[role];
  }

  /** The role's edit context on that day, mid-morning in Helsinki. */
  ctx(role: DemoRole, offset: DayOffset): EditContext {
    return {
      actor: this.user(role),
      origin: DEMO_ORIGIN,
      now: new Date(`${this.date(offset)}T08:00:00Z`),
      newId: this.env.ids
    };
  }

  /** Writes `text` (one paragraph a line) into a rich-text fragment, if it exists. */
  write(fragment: Y.XmlFragment | null, text: string | undefined): void {
    if (fragment && text) this.doc.transact(() => writePlainParagraphs(fragment, text), DEMO_ORIGIN);
  }

  /** The id of the newest episode (the one an exit or follow-up is about). */
  latestEpisode(): string {
    const episode = readCaseFile(this.doc).episodes.at(-1);
    if (!episode) throw new CaseFileError('not_found', 'A demo script ends or follows up before creating');
    return episode.id;
  }
}

/** Plays one action into the case. */
function play(c: DemoCaseDoc, a: DemoAction): void {
  switch (a.do) {
    case 'create': {
      const { do: _, by, day, consent, ...file } = a;
      const { day: consentDay, ...consentRest } = consent;
      createCaseFile(c.doc, c.ctx(by, day), {
        ...file,
        consent: { date: c.date(consentDay), ...consentRest },
        contactedOn: c.date(day)
      });
      return;
    }
    case 'entry': {
      const { do: _, by, day, euraStartDay, ...patch } = a;
      const euraStart = euraStartDay === undefined ? {} : { euraStartDate: c.date(euraStartDay) };
      updateEntry(c.doc, c.ctx(by, day), { ...patch, ...euraStart });
      return;
    }
    case 'start':
      startParticipation(c.doc, c.ctx(a.by, a.day), c.date(a.day));
      return;
    case 'assess': {
      const ctx = c.ctx(a.by, a.day);
      for (const area of ASSESSMENT_AREAS)
        for (const text of a[area]) addAssessmentItem(c.doc, ctx, area, text);
      c.write(assessmentNotes(c.doc, 'strengths'), a.notes);
      return;
    }
    case 'release':
      updateReleasePath(c.doc, c.ctx(a.by, a.day), {
        prison: a.prison,
        specialInstructorName: a.instructor,
        specialInstructorContact: a.contact,
        releaseDate: c.date(a.releaseDay)
      });
      c.write(actionPlanFragment(c.doc), a.plan);
      for (const [item, day] of a.done) setChecklistItem(c.doc, c.ctx(a.by, day), item, true, c.date(day));
      return;
    case 'goal':
      playGoal(c, a);
      return;
    case 'meeting': {
      const { do: _, day, staff, notes, ...meeting } = a;
      const recorder = staff[0] ?? 'worker';
      const id = addMeeting(c.doc, c.ctx(recorder, Math.min(day, 0)), {
        ...meeting,
        date: c.date(day),
        presentStaff: staff.map((role) => c.user(role))
      });
      c.write(meetingNotes(c.doc, id), notes);
      return;
    }
    case 'referral': {
      const { do: _, by, day, ...referral } = a;
      addReferral(c.doc, c.ctx(by, day), { ...referral, date: c.date(day) });
      return;
    }
    case 'end': {
      const ctx = c.ctx(a.by, a.day);
      endParticipation(c.doc, ctx, c.date(a.day));
      const episode = c.latestEpisode();
      for (const [result, day] of a.results) setExitResult(c.doc, ctx, episode, result, c.date(day));
      for (const path of a.paths) addNextPath(c.doc, ctx, episode, path);
      c.write(endReviewFragment(c.doc, episode), a.review);
      if (a.euraEnd) setEuraEndForm(c.doc, ctx, episode, true, c.date(a.day));
      return;
    }
    case 'follow-up':
      recordFollowUp(c.doc, c.ctx(a.by, a.day), c.latestEpisode(), a.kind, c.date(a.day), a.employed);
      return;
    case 'reopen':
      reopenCase(c.doc, c.ctx(a.by, a.day), c.date(a.day));
      return;
    default: {
      const unknown: never = a;
      throw invalid('do', 'a demo action', unknown);
    }
  }
}

/** Adds a goal and its steps, then walks its status forward (see {@link GoalAction}). */
function playGoal(c: DemoCaseDoc, a: GoalAction): void {
  const ctx = c.ctx(a.by, a.day);
  const goalId = addGoal(c.doc, ctx, { theme: a.theme, title: a.title });
  for (const s of a.steps) {
    const dueDate = s.due === undefined ? null : c.date(s.due);
    const stepId = addStep(c.doc, ctx, goalId, { text: s.text, owner: s.owner, dueDate });
    if (s.status) updateStep(c.doc, ctx, goalId, stepId, { status: s.status });
  }
  if (!a.status || a.status === 'open') return;
  if (a.status === 'reached') {
    setGoalStatus(c.doc, c.ctx(a.by, a.day + GOAL_IN_PROGRESS_AFTER_DAYS), goalId, 'in-progress');
  }
  setGoalStatus(c.doc, c.ctx(a.by, Math.min(0, a.day + GOAL_STATUS_AFTER_DAYS)), goalId, a.status);
}

/**
 * Plays `actions` into `doc` in order, through the case-file mutators. Throws whatever a mutator
 * throws (a `CaseFileError` when a script breaks a rule), leaving the earlier actions applied.
 */
export function playDemoActions(doc: Y.Doc, actions: readonly DemoAction[], env: DemoEnv): void {
  const c = new DemoCaseDoc(doc, env);
  for (const action of actions) play(c, action);
}
