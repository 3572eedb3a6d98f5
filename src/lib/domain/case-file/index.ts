/**
 * The participant's case file: one Y.Doc per participant (doc id = participant id), modelled as
 * pure TypeScript over Yjs. No Svelte, DOM, storage or network: clocks and ids come in through
 * an {@link EditContext}, so every rule runs in Node under Vitest.
 *
 * ## Modules
 *   vocabulary.ts      closed word lists (stored codes) and their types
 *   shape.ts           root type names, section of each root, accessors for Tiptap fragments
 *   context.ts         EditContext, `edit` (one transaction + section stamp), `stampSection`
 *   errors.ts          CaseFileError (codes) and input validators
 *   profile.ts         createCaseFile, profile, work packages, consent
 *   status.ts          status derived from episodes, allowed transitions, counted start/exit
 *   episodes.ts        start / end / reopen, exit data, follow-up due dates, end review
 *   end-review.ts      the end review of an episode: goals reached, open goals, next paths
 *   entry.ts           ESF+ entry data
 *   assessment.ts      strengths, everyday skills, obstacles
 *   goals.ts           goals, steps, goal status history
 *   meetings.ts        meetings with co-edited notes
 *   referrals.ts       referrals to services
 *   release.ts         TP3 release path, checklist, countdown
 *   read.ts            readCaseFile (the snapshot), readDirectoryFields
 *   changes.ts         "changed since I last looked": fingerprints, stamps, sectionsChangedBy
 *   indicators.ts      ESF+ indicator record of a case, totals
 *   reminders.ts       home-view reminders, next action
 *   printable-plan.ts  the participant's printable plan (nothing internal)
 *   demo.ts            fictional demo cases
 * Shared helpers one level up: ../dates.ts, ../age-bands.ts, ../rich-text.ts, ../y-fields.ts.
 *
 * ## Doc shape (schema version 1). Only ROOT types have fixed places; nested types exist only
 * inside list items and are created in the same transaction as their item.
 *
 *   meta              Y.Map   schemaVersion, createdAt (ISO instant), createdBy (user id)
 *   profile           Y.Map   displayName, alias, phone, email, contactNote, reachedVia,
 *                             workPackage.TP1 / .TP2 / .TP3 (true or absent),
 *                             consentDate, consentNoticeVersion, consentMethod
 *                             (the server projects `displayName` and `alias` into the directory)
 *   entry             Y.Map   gender, birthYear, labourStatus, longTermUnemployed, education,
 *                             euraStartDone, euraStartDate   (start date: first episode start)
 *   episodes          Y.Array<Y.Map>  one per period with the project:
 *                             id, openedOn, startDate, exitDate,
 *                             result.<job-search|education|qualification|employment|none> = date,
 *                             euraEndDone, euraEndDate,
 *                             followUp.<four-weeks|six-months>.done / .doneOn,
 *                             employedAtSixMonths,
 *                             nextPaths: Y.Array<Y.Map {id, text}>, review: Y.XmlFragment
 *   strengths | everydaySkills | obstacles
 *                     Y.Array<Y.Map>  id, text, createdAt, createdBy
 *   strengthsNotes | everydaySkillsNotes | obstaclesNotes
 *                     Y.XmlFragment   free text (Tiptap)
 *   goals             Y.Array<Y.Map>  id, theme, title, status, createdAt, createdBy,
 *                             steps: Y.Array<Y.Map {id, text, owner, dueDate, status,
 *                                                   createdAt, createdBy}>,
 *                             history: Y.Array<{from, to, at, by}>  (append-only)
 *   meetings          Y.Array<Y.Map>  id, date, time, kind, status, place,
 *                             presentStaff: Y.Map<userId, true>, presentOther, internal,
 *                             notes: Y.XmlFragment (Tiptap: `fragment: meetingNotes(doc, id)`),
 *                             createdAt, createdBy
 *   referrals         Y.Array<Y.Map>  id, service, serviceOther, date, accompanied, status,
 *                             outcome, createdAt, createdBy
 *   release           Y.Map   prison, specialInstructorName, specialInstructorContact,
 *                             releaseDate
 *   releaseChecklist  Y.Map   <item>.done, <item>.date for each RELEASE_CHECKLIST_ITEMS
 *   actionPlan        Y.XmlFragment   the TP3 action plan (Tiptap)
 *   changes           Y.Map   <section> → {at, by}: the last change of each section
 *
 * Not in the doc, by design: the team (who is assigned: the server's directory decides access),
 * the case status (derived from `episodes`), and any personal identity code (never collected).
 *
 * Dates are calendar dates `YYYY-MM-DD` (Finnish days); `…At` fields are ISO instants.
 * Enumerated values are the codes in vocabulary.ts. Every list is a Y.Array of Y.Map with a
 * stable `id`, so concurrent edits to different items never collide and concurrent edits of one
 * field converge (last writer wins per key; rich text merges character by character).
 *
 * ## Writing
 * Every mutator is `fn(doc, ctx, …)`: it validates first (throws {@link CaseFileError} and writes
 * nothing), then makes ONE `doc.transact(…, ctx.origin)` that also stamps the section. A
 * Y.UndoManager over `undoScope(doc)` with `trackedOrigins: new Set([ctx.origin])` therefore
 * undoes one user's edits (Tiptap's own undo covers the notes it edits, by its own origin).
 * Status is never written: it follows from the episodes (status.ts).
 *
 * ## Reading
 * `readCaseFile(doc)` gives a plain snapshot (O(size)); rules take snapshots and a `today`.
 */
export * from './vocabulary.ts';
export { CaseFileError, type CaseFileErrorCode } from './errors.ts';
export { DISPLAY_NAME_MAX, SHORT_TEXT_MAX, LONG_TEXT_MAX } from './errors.ts';
export { type EditContext, type SectionStamp, edit, stampSection } from './context.ts';
export {
  CASE_FILE_SCHEMA_VERSION,
  ROOT,
  SECTION_OF_ROOT,
  actionPlanFragment,
  assessmentNotes,
  undoScope
} from './shape.ts';
export {
  type CaseMeta,
  type Consent,
  type NewCaseFile,
  type Profile,
  type ProfilePatch,
  PROFILE_KEYS,
  createCaseFile,
  setConsent,
  setWorkPackage,
  updateProfile,
  workPackageKey
} from './profile.ts';
export {
  type EpisodeDates,
  STATUS_TRANSITIONS,
  canTransition,
  countedExitEpisode,
  deriveStatus,
  firstStartDate
} from './status.ts';
export {
  type Episode,
  type FollowUp,
  type NextPath,
  FOUR_WEEKS_DAYS,
  SIX_MONTHS,
  addNextPath,
  changeStatus,
  correctEpisodeDates,
  endParticipation,
  endReviewFragment,
  followUpDueDates,
  recordFollowUp,
  removeNextPath,
  reopenCase,
  setEuraEndForm,
  setExitResult,
  startParticipation,
  updateNextPath
} from './episodes.ts';
export {
  type EntryData,
  type EntryPatch,
  type RequiredEntryField,
  REQUIRED_ENTRY_FIELDS,
  missingEntryFields,
  updateEntry
} from './entry.ts';
export {
  type Assessment,
  type AssessmentItem,
  type AssessmentSection,
  addAssessmentItem,
  removeAssessmentItem,
  updateAssessmentItem
} from './assessment.ts';
export {
  type Goal,
  type GoalStatusChange,
  type NewGoal,
  type NewStep,
  type Step,
  type StepPatch,
  addGoal,
  addStep,
  removeGoal,
  removeStep,
  setGoalStatus,
  updateGoal,
  updateStep
} from './goals.ts';
export {
  type Meeting,
  type MeetingPatch,
  type NewMeeting,
  addMeeting,
  compareMeetings,
  meetingNotes,
  removeMeeting,
  setMeetingStaff,
  updateMeeting
} from './meetings.ts';
export { type NewReferral, type Referral, addReferral, removeReferral, updateReferral } from './referrals.ts';
export {
  type ChecklistEntry,
  type ReleaseCountdown,
  type ReleasePatch,
  type ReleasePath,
  releaseCountdown,
  releasePathMeetings,
  setChecklistItem,
  updateReleasePath
} from './release.ts';
export { type CaseFile, type DirectoryFields, readCaseFile, readDirectoryFields } from './read.ts';
export {
  type SectionFingerprints,
  changedSections,
  readStamps,
  sectionFingerprints,
  sectionsChangedBy
} from './changes.ts';
export {
  type Breakdown,
  type EsfEntryRecord,
  type EsfExitRecord,
  type EsfIndicatorRecord,
  type IndicatorTotals,
  type ResultIndicator,
  INDICATOR_OF_RESULT,
  RESULT_INDICATORS,
  aggregateIndicators,
  esfIndicatorRecord
} from './indicators.ts';
export {
  type CaseRef,
  type FollowUpReminder,
  type HomeReminders,
  type NextAction,
  type NextActionKind,
  type QuietCaseReminder,
  type ReleaseReminder,
  type StepReminder,
  FOLLOW_UP_LEAD_DAYS,
  QUIET_AFTER_DAYS,
  RELEASE_WINDOW_DAYS,
  homeReminders,
  nextAction
} from './reminders.ts';
export {
  type ContactPerson,
  type PrintableGoal,
  type PrintablePlan,
  type PrintableStep,
  toPrintablePlan
} from './printable-plan.ts';
export { type DemoCase, type DemoStaff, DEMO_STAFF_USERNAMES, buildDemoCases, seededIds } from './demo.ts';
export { type EndReview, endReview } from './end-review.ts';
