/**
 * The read side: one plain, typed snapshot of a case-file doc for the UI, the reminders, the
 * printable plan and the server's projections. One pass over the doc, O(size); rich text is
 * flattened to plain text. Never throws on odd data: unknown values read as null or a default.
 */
import type * as Y from 'yjs';
import { readAssessment, type Assessment } from './assessment.ts';
import { readStamps } from './changes.ts';
import type { SectionStamp } from './context.ts';
import { readEntry, type EntryData } from './entry.ts';
import { readEpisodes, type Episode } from './episodes.ts';
import { readGoals, type Goal } from './goals.ts';
import { readMeetings, type Meeting } from './meetings.ts';
import { readMeta, readProfile, type CaseMeta, type Profile } from './profile.ts';
import { readReferrals, type Referral } from './referrals.ts';
import { readReleasePath, type ReleasePath } from './release.ts';
import { releaseMap } from './shape.ts';
import { readDate } from '../y-fields.ts';
import { countedExitEpisode, deriveStatus, firstStartDate } from './status.ts';
import type { CaseStatus, SectionKey } from './vocabulary.ts';

export interface CaseFile {
  meta: CaseMeta;
  profile: Profile;
  /** Derived from the episodes (status.ts). */
  status: CaseStatus;
  /** Oldest first; the last is the current one. */
  episodes: Episode[];
  /** Entry data; `startDate` is the first start over all episodes. */
  entry: EntryData;
  /** The episode whose exit ESF+ counts (the latest completed participation), or null. */
  countedExit: Episode | null;
  assessment: Assessment;
  goals: Goal[];
  /** Chronological. */
  meetings: Meeting[];
  referrals: Referral[];
  release: ReleasePath;
  /** Last change of each section (who, when), for display. */
  changes: Partial<Record<SectionKey, SectionStamp>>;
}

/** A snapshot of the whole case file. Cheap enough to call on every doc update. */
export function readCaseFile(doc: Y.Doc): CaseFile {
  const episodes = readEpisodes(doc);
  const meetings = readMeetings(doc);
  return {
    meta: readMeta(doc),
    profile: readProfile(doc),
    status: deriveStatus(episodes),
    episodes,
    entry: readEntry(doc, firstStartDate(episodes)),
    countedExit: countedExitEpisode(episodes),
    assessment: readAssessment(doc),
    goals: readGoals(doc),
    meetings,
    referrals: readReferrals(doc),
    release: readReleasePath(doc, meetings),
    changes: readStamps(doc)
  };
}

/** The fields a register row or the server's directory projection needs. */
export interface DirectoryFields {
  displayName: string;
  alias: string | null;
  status: CaseStatus;
  workPackages: Profile['workPackages'];
  releaseDate: string | null;
}

/**
 * Just the register/directory fields, without reading goals, meetings or notes: for projecting
 * on every persisted update.
 */
export function readDirectoryFields(doc: Y.Doc): DirectoryFields {
  const profile = readProfile(doc);
  const release = readDate(releaseMap(doc), 'releaseDate');
  return {
    displayName: profile.displayName,
    alias: profile.alias,
    status: deriveStatus(readEpisodes(doc)),
    workPackages: profile.workPackages,
    releaseDate: release
  };
}
