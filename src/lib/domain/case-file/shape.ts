/**
 * Root shared types of a case-file doc. Everything with a fixed place is a ROOT type (got by
 * name), never a nested type created on demand: two offline devices that both create a nested
 * Y.Map under the same key would each make their own, and one of them would be lost when they
 * meet. Nested types exist only inside list items, created together with the item.
 */
import * as Y from 'yjs';
import type { AssessmentArea, SectionKey } from './vocabulary.ts';

/** The current shape version, written at creation (`meta.schemaVersion`). */
export const CASE_FILE_SCHEMA_VERSION = 1;

export const ROOT = {
  meta: 'meta',
  profile: 'profile',
  entry: 'entry',
  episodes: 'episodes',
  strengths: 'strengths',
  strengthsNotes: 'strengthsNotes',
  everydaySkills: 'everydaySkills',
  everydaySkillsNotes: 'everydaySkillsNotes',
  obstacles: 'obstacles',
  obstaclesNotes: 'obstaclesNotes',
  goals: 'goals',
  meetings: 'meetings',
  referrals: 'referrals',
  release: 'release',
  releaseChecklist: 'releaseChecklist',
  actionPlan: 'actionPlan',
  changes: 'changes'
} as const;

/** The section each root type belongs to ("changed since I last looked", change stamps). */
export const SECTION_OF_ROOT: Readonly<Record<string, SectionKey>> = {
  [ROOT.profile]: 'profile',
  [ROOT.entry]: 'entry',
  [ROOT.episodes]: 'exit',
  [ROOT.strengths]: 'assessment',
  [ROOT.strengthsNotes]: 'assessment',
  [ROOT.everydaySkills]: 'assessment',
  [ROOT.everydaySkillsNotes]: 'assessment',
  [ROOT.obstacles]: 'assessment',
  [ROOT.obstaclesNotes]: 'assessment',
  [ROOT.goals]: 'goals',
  [ROOT.meetings]: 'meetings',
  [ROOT.referrals]: 'referrals',
  [ROOT.release]: 'release',
  [ROOT.releaseChecklist]: 'release',
  [ROOT.actionPlan]: 'release'
};

export const metaMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.meta);
export const profileMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.profile);
export const entryMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.entry);
export const episodesArray = (doc: Y.Doc) => doc.getArray<unknown>(ROOT.episodes);
export const goalsArray = (doc: Y.Doc) => doc.getArray<unknown>(ROOT.goals);
export const meetingsArray = (doc: Y.Doc) => doc.getArray<unknown>(ROOT.meetings);
export const referralsArray = (doc: Y.Doc) => doc.getArray<unknown>(ROOT.referrals);
export const releaseMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.release);
export const releaseChecklistMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.releaseChecklist);
export const changesMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.changes);

/** The structured list of an assessment area. */
export function assessmentArray(doc: Y.Doc, area: AssessmentArea): Y.Array<unknown> {
  return doc.getArray<unknown>(ROOT[area]);
}

/** The free-text notes of an assessment area: bind Tiptap's Collaboration `fragment` to it. */
export function assessmentNotes(doc: Y.Doc, area: AssessmentArea): Y.XmlFragment {
  return doc.getXmlFragment(ROOT[`${area}Notes`]);
}

/** The TP3 action plan (toimintasuunnitelma) as rich text: bind Tiptap to it. */
export function actionPlanFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(ROOT.actionPlan);
}

/**
 * The root types a per-user Y.UndoManager should track: every section's roots, but not `meta`
 * and not the `changes` stamps (undoing an edit is itself a change, so its stamp stays).
 * Use: `new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ctx.origin]) })`.
 */
export function undoScope(doc: Y.Doc): Array<Y.Map<unknown> | Y.Array<unknown> | Y.XmlFragment> {
  return [
    profileMap(doc),
    entryMap(doc),
    episodesArray(doc),
    assessmentArray(doc, 'strengths'),
    assessmentArray(doc, 'everydaySkills'),
    assessmentArray(doc, 'obstacles'),
    assessmentNotes(doc, 'strengths'),
    assessmentNotes(doc, 'everydaySkills'),
    assessmentNotes(doc, 'obstacles'),
    goalsArray(doc),
    meetingsArray(doc),
    referralsArray(doc),
    releaseMap(doc),
    releaseChecklistMap(doc),
    actionPlanFragment(doc)
  ];
}
