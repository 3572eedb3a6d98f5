/**
 * Fictional demo participants for the demo workspace: eight case files that look like real work
 * in Mikkeli — some in TP1 at the drop-in meeting place, some on a TP3 release path with the
 * release in the coming weeks, one who has ended, one who has returned. Every person, note and
 * phone-free contact line here is invented; names carry "(demo)" like the demo users.
 *
 * Pure and seeded: all dates are offsets from `today`, ids come from the passed generator, so the
 * same inputs give the same case files (the Yjs client ids differ, the content does not).
 *
 * The people and what happened to them are data (demo-cases/, one script a participant, in the
 * vocabulary of demo-script.ts); demo-builder.ts plays the scripts through the case-file
 * mutators. demo-output.test.ts pins the result, id for id.
 */
import * as Y from 'yjs';
import type { IsoDate } from '../dates.ts';
import { uuidv7 } from '../ids.ts';
import { playDemoActions, type DemoEnv } from './demo-builder.ts';
import { HEIDI_PELTONEN } from './demo-cases/heidi-peltonen.ts';
import { JANNE_LINDQVIST } from './demo-cases/janne-lindqvist.ts';
import { KARI_NIEMINEN } from './demo-cases/kari-nieminen.ts';
import { LAURA_VIRTANEN } from './demo-cases/laura-virtanen.ts';
import { MIKKO_MAKELA } from './demo-cases/mikko-makela.ts';
import { PETRI_HEIKKINEN } from './demo-cases/petri-heikkinen.ts';
import { SANNA_RANTANEN } from './demo-cases/sanna-rantanen.ts';
import { TUOMAS_KOSKINEN } from './demo-cases/tuomas-koskinen.ts';
import type { DemoCaseScript, DemoStaff } from './demo-script.ts';
import { readCaseFile } from './read.ts';

export type { DemoStaff } from './demo-script.ts';

/** The demo users' usernames (server/demo/demo-workspace.ts), the default when no ids are given. */
export const DEMO_STAFF_USERNAMES: DemoStaff = {
  worker: 'demo.ohjaaja',
  worker2: 'demo.ohjaaja2',
  expert: 'demo.kokemus',
  expert2: 'demo.kokemus2'
};

/** One built demo participant: the case doc and who should be on its team. */
export interface DemoCase {
  /** Participant id = case doc id. */
  caseId: string;
  displayName: string;
  doc: Y.Doc;
  /** Who should be on the team (for `PUT /api/participants/:id/team`). */
  team: { workers: string[]; experts: string[] };
}

/**
 * The demo participants in the order they are built (and their ids drawn): three on a TP3
 * release path, one back from rehabilitation, one gone quiet, one only contacted, one ended, one
 * returned.
 */
const DEMO_CASE_SCRIPTS: readonly DemoCaseScript[] = [
  MIKKO_MAKELA,
  TUOMAS_KOSKINEN,
  JANNE_LINDQVIST,
  SANNA_RANTANEN,
  PETRI_HEIKKINEN,
  LAURA_VIRTANEN,
  KARI_NIEMINEN,
  HEIDI_PELTONEN
];

/**
 * A deterministic UUIDv7 generator: times count up from `startMs` one millisecond per id, and the
 * random bits come from a seeded PRNG (mulberry32), so a seed always gives the same ids.
 */
export function seededIds(seed: number, startMs: number): () => string {
  let state = seed >>> 0;
  let ms = startMs;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return () => uuidv7(ms++, (bytes) => bytes.forEach((_, i) => (bytes[i] = next())));
}

/**
 * The eight fictional participants' case files relative to `today`, assigned to the demo staff,
 * in {@link DEMO_CASE_SCRIPTS} order. `ids` makes participant and item ids (use {@link seededIds}
 * for repeatable demo data): each case's actions draw theirs, then its participant id; the
 * scripts' `later` actions run last of all.
 */
export function buildDemoCases(
  today: IsoDate,
  ids: () => string,
  staff: DemoStaff = DEMO_STAFF_USERNAMES
): DemoCase[] {
  const env: DemoEnv = { today, ids, staff };
  const cases = DEMO_CASE_SCRIPTS.map((script): DemoCase => {
    const doc = new Y.Doc();
    playDemoActions(doc, script.actions, env);
    return {
      caseId: ids(),
      displayName: readCaseFile(doc).profile.displayName,
      doc,
      team: {
        workers: script.team.workers.map((role) => staff[role]),
        experts: script.team.experts.map((role) => staff[role])
      }
    };
  });
  DEMO_CASE_SCRIPTS.forEach((script, i) => playDemoActions(cases[i]!.doc, script.later ?? [], env));
  return cases;
}
