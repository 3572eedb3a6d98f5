/**
 * The vocabulary of the demo workspace's fictional case files: each demo participant is written
 * as a script, an ordered list of the actions staff took on the case (create the file, fill in
 * entry data, add goals, hold meetings…), every action dated as a day offset from "today" and
 * attributed to a demo staff role. demo-builder.ts plays a script through the real case-file
 * mutators; the scripts themselves live in demo-cases/, one file a participant.
 *
 * Order matters: the actions run in the order written, and every new id comes from one seeded
 * sequence, so reordering a script changes the ids (and what demo-output.test.ts pins).
 */
import type { NewCaseFile, Consent } from './profile.ts';
import type { EntryPatch } from './entry.ts';
import type { NewMeeting } from './meetings.ts';
import type { NewReferral } from './referrals.ts';
import type {
  ExitResult,
  FollowUpKind,
  GoalStatus,
  GoalTheme,
  ReleaseChecklistItem,
  StepOwner,
  StepStatus
} from './vocabulary.ts';

/** The staff a demo case is assigned to, by user id (the server maps its demo users here). */
export interface DemoStaff {
  worker: string;
  worker2: string;
  expert: string;
  expert2: string;
}

/** One of the four demo staff members, by role; a script names people only this way. */
export type DemoRole = keyof DemoStaff;

/** Days from "today" (negative: in the past). The builder turns them into dates. */
export type DayOffset = number;

/** Who did an action and on which day; the day also sets the edit's clock. */
interface Acted {
  by: DemoRole;
  day: DayOffset;
}

/** Creates the case file; the day is the day of first contact. */
export interface CreateAction extends Acted, Omit<NewCaseFile, 'contactedOn' | 'consent'> {
  do: 'create';
  consent: Omit<Consent, 'date'> & { day: DayOffset };
}

/** Fills in ESF+ entry data; `euraStartDay` becomes the EURA start form's date. */
export interface EntryAction extends Acted, Omit<EntryPatch, 'euraStartDate'> {
  do: 'entry';
  euraStartDay?: DayOffset;
}

/** Starts participation on the day. */
export interface StartAction extends Acted {
  do: 'start';
}

/** Adds assessment items per area, in the order given, and optional notes (as plain paragraphs). */
export interface AssessAction extends Acted {
  do: 'assess';
  strengths: string[];
  everydaySkills: string[];
  obstacles: string[];
  notes?: string;
}

/** Fills in the release path and its action plan, then ticks checklist items on their days. */
export interface ReleaseAction extends Acted {
  do: 'release';
  prison: string;
  instructor: string;
  contact: string;
  releaseDay: DayOffset;
  /** The action plan, one paragraph a line. */
  plan: string;
  done: Array<[ReleaseChecklistItem, DayOffset]>;
}

/** A step of a demo goal; `due` is a day offset, `status` is set right after adding it. */
export interface DemoGoalStep {
  text: string;
  owner: StepOwner;
  due?: DayOffset;
  status?: StepStatus;
}

/**
 * Adds a goal with its steps. A `status` other than open is set two weeks later (capped at
 * today); `reached` goes through in-progress one week after the goal was added.
 */
export interface GoalAction extends Acted {
  do: 'goal';
  theme: GoalTheme;
  title: string;
  status?: GoalStatus;
  steps: DemoGoalStep[];
}

/**
 * Adds a meeting with the staff present and optional notes (one paragraph a line). The first
 * staff member records it, on the meeting day or today for a future meeting.
 */
export interface MeetingAction extends Omit<NewMeeting, 'date' | 'presentStaff'> {
  do: 'meeting';
  day: DayOffset;
  staff: DemoRole[];
  notes?: string;
}

/** Adds a referral dated on the day. */
export interface ReferralAction extends Acted, Omit<NewReferral, 'date'> {
  do: 'referral';
}

/** Ends participation on the day, with exit results (on their days), next paths and review. */
export interface EndAction extends Acted {
  do: 'end';
  results: Array<[Exclude<ExitResult, 'none'>, DayOffset]>;
  paths: string[];
  /** The end review, one paragraph a line. */
  review: string;
  /** Whether the EURA end form was done (on the exit day). */
  euraEnd: boolean;
}

/** Records a follow-up of the latest episode as done on the day. */
export interface FollowUpAction extends Acted {
  do: 'follow-up';
  kind: FollowUpKind;
  /** Only for the six-month follow-up: employed then? */
  employed?: boolean;
}

/** Reopens an ended case: the person returned on the day. */
export interface ReopenAction extends Acted {
  do: 'reopen';
}

/** Anything staff can do to a demo case file. */
export type DemoAction =
  | CreateAction
  | EntryAction
  | StartAction
  | AssessAction
  | ReleaseAction
  | GoalAction
  | MeetingAction
  | ReferralAction
  | EndAction
  | FollowUpAction
  | ReopenAction;

/** One fictional participant: who is on the team and what happened, in order. */
export interface DemoCaseScript {
  team: { workers: DemoRole[]; experts: DemoRole[] };
  /** Played first; the participant id is drawn right after. */
  actions: DemoAction[];
  /**
   * Played only after every demo case has been built and given its id. The demo has always
   * drawn these actions' ids last; keeping them apart keeps the seeded ids as they were.
   */
  later?: DemoAction[];
}
