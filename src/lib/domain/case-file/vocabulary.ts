/**
 * The closed word lists of the case file, as stored in the doc (kebab-case English codes). The UI
 * translates them (Finnish first); reports count them. Add new values at the end; never rename a
 * stored one (old docs keep it), and readers map unknown values to null or `other`.
 */

/** Työpaketit. TP4 (outreach) is team work, not a participant's work package. */
export const WORK_PACKAGES = ['TP1', 'TP2', 'TP3'] as const;
export type WorkPackage = (typeof WORK_PACKAGES)[number];

/** How the participant was reached (tavoitettu): own contact, a partner, social media, in prison. */
export const REACHED_VIA = ['own-contact', 'partner', 'social-media', 'prison'] as const;
export type ReachedVia = (typeof REACHED_VIA)[number];

/** How consent / the privacy information was given. */
export const CONSENT_METHODS = ['written', 'verbal', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * Case status (derived from the episodes, see status.ts): yhteydessä / aktiivinen / päättynyt /
 * palannut.
 */
export const CASE_STATUSES = ['contacted', 'active', 'ended', 'returned'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** ESF+ gender; reports break every figure down by women, men and non-binary. */
export const GENDERS = ['woman', 'man', 'non-binary', 'not-stated'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * Labour-market status at entry, exactly one of three (ESF+). Long-term unemployment is a flag on
 * `unemployed`, not a fourth status, so that "unemployed incl. long-term" counts each person once.
 */
export const LABOUR_STATUSES = ['unemployed', 'inactive', 'employed'] as const;
export type LabourStatus = (typeof LABOUR_STATUSES)[number];

/** Highest education (ISCED 2011 groups as ESF+ reports them), or not stated. */
export const EDUCATION_LEVELS = ['isced-0-2', 'isced-3-4', 'isced-5-8', 'not-stated'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Assessment areas: voimavarat, arjenhallinta, työllisyyden polkua estävät tekijät. */
export const ASSESSMENT_AREAS = ['strengths', 'everydaySkills', 'obstacles'] as const;
export type AssessmentArea = (typeof ASSESSMENT_AREAS)[number];

/** Goal themes from the plan (TP1 and TP3). */
export const GOAL_THEMES = [
  'documents-id',
  'daily-rhythm',
  'digital-skills-cv',
  'housing',
  'finances',
  'health-substance-use',
  'relationships',
  'study',
  'work',
  'card-trainings',
  'other'
] as const;
export type GoalTheme = (typeof GOAL_THEMES)[number];

/** Goal status: avoin, työn alla, saavutettu, tauolla, luovuttu. */
export const GOAL_STATUSES = ['open', 'in-progress', 'reached', 'paused', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Who takes a step: the participant, the worker, or the experience expert. */
export const STEP_OWNERS = ['participant', 'worker', 'expert'] as const;
export type StepOwner = (typeof STEP_OWNERS)[number];

/** Step status: tekemättä, työn alla, tehty, jätetty pois. */
export const STEP_STATUSES = ['todo', 'in-progress', 'done', 'dropped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Meeting kinds: yksilötapaaminen, vankilatapaaminen, porttitapaaminen, puhelu, ryhmä, jalkautuminen. */
export const MEETING_KINDS = [
  'one-to-one',
  'prison-visit',
  'gate-meeting',
  'phone',
  'group',
  'outreach'
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Meeting status: planned ahead, held, or cancelled (kept: a cancelled prison visit is part of the path). */
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Services a participant is referred (ohjattu, saatettu) to. */
export const REFERRAL_SERVICES = [
  'adult-social-work',
  'family-counselling',
  'mens-support-work',
  'employment-services',
  'health-substance-services',
  'housing',
  'kela',
  'debt-advice',
  'other'
] as const;
export type ReferralService = (typeof REFERRAL_SERVICES)[number];

/** Referral status: suunniteltu, ohjattu, toteutunut, ei toteutunut. */
export const REFERRAL_STATUSES = ['planned', 'referred', 'realised', 'not-realised'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * The practical checklist before and after release, in the plan's order: ID card; bank account
 * and online banking ID; Kela benefits; housing; health care and medication; registration with
 * employment services; phone; school and job applications sent together.
 */
export const RELEASE_CHECKLIST_ITEMS = [
  'id-card',
  'bank-account',
  'kela-benefits',
  'housing',
  'health-care',
  'employment-services',
  'phone',
  'applications'
] as const;
export type ReleaseChecklistItem = (typeof RELEASE_CHECKLIST_ITEMS)[number];

/**
 * Situation within 4 weeks after leaving, the ESF+ results EECR01–04, or none. A person may hold
 * several (e.g. a qualification and a job); `none` excludes the others.
 */
export const EXIT_RESULTS = ['job-search', 'education', 'qualification', 'employment', 'none'] as const;
export type ExitResult = (typeof EXIT_RESULTS)[number];

/** Follow-ups after leaving: 4 weeks (results EECR01–04) and 6 months (longer-term, EECR05). */
export const FOLLOW_UPS = ['four-weeks', 'six-months'] as const;
export type FollowUpKind = (typeof FOLLOW_UPS)[number];

/** The sections of the case file, the unit of "changed since I last looked". */
export const SECTIONS = [
  'profile',
  'entry',
  'assessment',
  'goals',
  'meetings',
  'referrals',
  'release',
  'exit'
] as const;
export type SectionKey = (typeof SECTIONS)[number];
