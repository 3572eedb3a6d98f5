/**
 * "Print my plan": the participant's own copy. A projection that copies ONLY what the participant
 * should carry on paper: goals and steps (without dropped ones), the contact persons and the next
 * meeting. Nothing internal leaves through here: no meeting notes, no assessment, no referrals or
 * their outcomes, no entry/exit data, no release checklist, no internal meetings. Built field by
 * field (never by spreading a snapshot), so a field added to the case file later cannot leak.
 */
import type { IsoDate } from '../dates.ts';
import type { CaseFile } from './read.ts';
import type { GoalStatus, GoalTheme, MeetingKind, StepOwner, StepStatus } from './vocabulary.ts';

export interface ContactPerson {
  name: string;
  /** e.g. "ohjaaja" / "kokemusasiantuntija", already in the print language. */
  role: string;
  phone?: string;
}

export interface PrintableStep {
  text: string;
  owner: StepOwner;
  dueDate: IsoDate | null;
  done: boolean;
}

export interface PrintableGoal {
  title: string;
  theme: GoalTheme;
  status: Exclude<GoalStatus, 'dropped'>;
  steps: PrintableStep[];
}

export interface PrintablePlan {
  participantName: string;
  printedOn: IsoDate;
  goals: PrintableGoal[];
  contactPersons: ContactPerson[];
  nextMeeting: { date: IsoDate; time: string | null; kind: MeetingKind; place: string } | null;
}

/**
 * The printable plan on `today`. `contactPersons` come from the directory (the team), which the
 * case file does not hold.
 */
export function toPrintablePlan(
  file: CaseFile,
  options: { today: IsoDate; contactPersons: readonly ContactPerson[] }
): PrintablePlan {
  const goals: PrintableGoal[] = [];
  for (const g of file.goals) {
    if (g.status === 'dropped') continue;
    goals.push({
      title: g.title,
      theme: g.theme,
      status: g.status,
      steps: g.steps
        .filter((s) => s.status !== 'dropped')
        .map((s: { text: string; owner: StepOwner; dueDate: IsoDate | null; status: StepStatus }) => ({
          text: s.text,
          owner: s.owner,
          dueDate: s.dueDate,
          done: s.status === 'done'
        }))
    });
  }
  const next = file.meetings.find((m) => m.status === 'planned' && !m.internal && m.date >= options.today);
  return {
    participantName: file.profile.displayName,
    printedOn: options.today,
    goals,
    contactPersons: options.contactPersons.map((c) => ({
      name: c.name,
      role: c.role,
      ...(c.phone ? { phone: c.phone } : {})
    })),
    nextMeeting: next ? { date: next.date, time: next.time, kind: next.kind, place: next.place } : null
  };
}
