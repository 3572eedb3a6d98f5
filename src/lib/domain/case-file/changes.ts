/**
 * "Changed since I last looked", per section.
 *
 * Two parts, because each alone is wrong somewhere:
 *  1. WHAT changed: a fingerprint (53-bit hash) of each section's snapshot. The UI keeps, per user
 *     and case on the device, the fingerprints of the sections the user last saw (updated while a
 *     section is on screen, so the user's own edits never mark it). A section whose fingerprint
 *     differs was changed by someone else since. This needs no clock (offline tablets' clocks
 *     drift; an edit made offline yesterday and synced today must still show as new), catches
 *     every kind of edit (Tiptap writes notes without our mutators), and writes nothing to the doc.
 *  2. WHO and WHEN: each mutator stamps its section in the root map `changes`
 *     (section → {at, by}) in its own transaction; editors that write rich text directly call
 *     `stampSection`, e.g. from an `afterTransaction` listener using {@link sectionsChangedBy}.
 *     The stamp is for display ("muokannut Olli 12.3. klo 14.05"), not for detection.
 */
import * as Y from 'yjs';
import type { SectionStamp } from './context.ts';
import type { CaseFile } from './read.ts';
import { changesMap, SECTION_OF_ROOT } from './shape.ts';
import { SECTIONS, type SectionKey } from './vocabulary.ts';

/** Section → fingerprint, as the UI stores "what I saw". */
export type SectionFingerprints = Record<SectionKey, string>;

/** The last change stamp of each section that has one. */
export function readStamps(doc: Y.Doc): Partial<Record<SectionKey, SectionStamp>> {
  const out: Partial<Record<SectionKey, SectionStamp>> = {};
  const map = changesMap(doc);
  for (const section of SECTIONS) {
    const v = map.get(section);
    if (typeof v === 'object' && v !== null && !(v instanceof Y.AbstractType)) {
      const rec = v as Record<string, unknown>;
      if (typeof rec.at === 'string' && typeof rec.by === 'string') out[section] = { at: rec.at, by: rec.by };
    }
  }
  return out;
}

/** cyrb53: a fast, well-mixed 53-bit string hash (not cryptographic; change detection only). */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The stored content of each section (derived values and stamps left out). */
function sectionContent(file: CaseFile, section: SectionKey): unknown {
  switch (section) {
    case 'profile':
      return file.profile;
    case 'entry': {
      // startDate and ageBand come from the episodes: a change there belongs to `exit`.
      const { startDate: _s, ageBand: _a, ...stored } = file.entry;
      return stored;
    }
    case 'assessment':
      return file.assessment;
    case 'goals':
      return file.goals;
    case 'meetings':
      return file.meetings;
    case 'referrals':
      return file.referrals;
    case 'release': {
      const r = file.release;
      return [r.prison, r.specialInstructor, r.releaseDate, r.checklist, r.actionPlanText];
    }
    case 'exit':
      return file.episodes;
  }
}

/** The fingerprint of every section. O(size of the case). */
export function sectionFingerprints(file: CaseFile): SectionFingerprints {
  const out = {} as SectionFingerprints;
  for (const section of SECTIONS) out[section] = hash53(JSON.stringify(sectionContent(file, section)));
  return out;
}

/**
 * The sections whose content differs from what the user saw. A section missing from `seen` (the
 * user has never opened this case on this device) is not reported: the first look sets the
 * baseline.
 */
export function changedSections(file: CaseFile, seen: Partial<SectionFingerprints>): SectionKey[] {
  const now = sectionFingerprints(file);
  return SECTIONS.filter((s) => seen[s] !== undefined && seen[s] !== now[s]);
}

/**
 * The case-file sections a transaction touched (walking each changed type up to its root).
 * Stamps (`changes`) and `meta` belong to no section.
 */
export function sectionsChangedBy(tr: Y.Transaction): Set<SectionKey> {
  const out = new Set<SectionKey>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its parents as AbstractType<any>
  type AnyType = Y.AbstractType<any>;
  const rootName = new Map<AnyType, string>();
  for (const [name, type] of tr.doc.share) rootName.set(type, name);
  for (const type of tr.changed.keys()) {
    let t: AnyType = type;
    while (t.parent !== null) t = t.parent;
    const name = rootName.get(t);
    const section = name === undefined ? undefined : SECTION_OF_ROOT[name];
    if (section) out.add(section);
  }
  return out;
}
