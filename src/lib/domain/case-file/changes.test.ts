import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writePlainParagraphs } from '../rich-text.ts';
import { changedSections, sectionFingerprints, sectionsChangedBy } from './changes.ts';
import { stampSection } from './context.ts';
import { updateEntry } from './entry.ts';
import { startParticipation } from './episodes.ts';
import { addGoal } from './goals.ts';
import { addMeeting, meetingNotes } from './meetings.ts';
import { updateProfile } from './profile.ts';
import { readCaseFile } from './read.ts';
import { setChecklistItem } from './release.ts';
import { newCaseDoc, testContext } from './test-support.ts';
import { SECTIONS, type SectionKey } from './vocabulary.ts';

const worker = testContext('worker-1', '2025-06-02T09:00:00Z');
const expert = testContext('expert-1', '2025-06-02T10:00:00Z');

describe('changed since I last looked', () => {
  it('fingerprints are stable for equal content and differ per changed section', () => {
    const doc = newCaseDoc();
    const a = sectionFingerprints(readCaseFile(doc));
    expect(sectionFingerprints(readCaseFile(doc))).toEqual(a);
    expect(Object.keys(a)).toEqual([...SECTIONS]);
    addGoal(doc, expert, { theme: 'work', title: 'Työkokeilu' });
    const b = sectionFingerprints(readCaseFile(doc));
    expect(SECTIONS.filter((s) => a[s] !== b[s])).toEqual(['goals']);
  });

  it.each<[string, (doc: Y.Doc) => void, SectionKey[]]>([
    ['nothing', () => {}, []],
    ['a goal', (d) => addGoal(d, expert, { theme: 'housing', title: 'Asunto' }), ['goals']],
    ['the entry data', (d) => updateEntry(d, expert, { gender: 'man' }), ['entry']],
    [
      'the start (exit section; entry start date is derived)',
      (d) => startParticipation(d, expert, '2025-05-06'),
      ['exit']
    ],
    ['the alias', (d) => updateProfile(d, expert, { alias: 'Jani' }), ['profile']],
    ['a checklist item', (d) => setChecklistItem(d, expert, 'phone', true, '2025-06-01'), ['release']],
    [
      'meeting notes typed in the editor (no mutator)',
      (d) => writePlainParagraphs(meetingNotes(d, readCaseFile(d).meetings[0]!.id)!, 'Uusi merkintä'),
      ['meetings']
    ]
  ])('reports %s', (_name, change, want) => {
    const doc = newCaseDoc();
    addMeeting(doc, worker, { date: '2025-06-01', kind: 'one-to-one' });
    const seen = sectionFingerprints(readCaseFile(doc));
    change(doc);
    expect(changedSections(readCaseFile(doc), seen)).toEqual(want);
  });

  it('sections never seen on this device are not reported (the first look is the baseline)', () => {
    const doc = newCaseDoc();
    const { goals: _g, ...seenAllButGoals } = sectionFingerprints(readCaseFile(doc));
    addGoal(doc, expert, { theme: 'work', title: 'Työ' });
    updateProfile(doc, expert, { phone: '050' });
    expect(changedSections(readCaseFile(doc), seenAllButGoals)).toEqual(['profile']);
    expect(changedSections(readCaseFile(doc), {})).toEqual([]);
  });

  it('detects a change that arrives later from an offline device, whatever its clock said', () => {
    const a = newCaseDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // The expert edits offline with a clock far in the past.
    addGoal(b, testContext('expert-1', '2020-01-01T00:00:00Z'), { theme: 'study', title: 'Opiskelu' });
    const seen = sectionFingerprints(readCaseFile(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    expect(changedSections(readCaseFile(a), seen)).toEqual(['goals']);
    expect(readCaseFile(a).changes.goals).toEqual({ at: '2020-01-01T00:00:00.000Z', by: 'expert-1' });
  });
});

describe('change stamps', () => {
  it('each mutator stamps its section with who and when; a no-op stamps nothing', () => {
    const doc = newCaseDoc({ phone: '1' }, worker);
    addGoal(doc, expert, { theme: 'work', title: 'Työ' });
    updateProfile(doc, expert, { phone: '1' });
    const { changes } = readCaseFile(doc);
    expect(changes.goals).toEqual({ at: '2025-06-02T10:00:00.000Z', by: 'expert-1' });
    expect(changes.profile).toEqual({ at: '2025-06-02T09:00:00.000Z', by: 'worker-1' });
    expect(changes.referrals).toBeUndefined();
  });

  it('sectionsChangedBy maps an editor transaction to its section, for stampSection', () => {
    const doc = newCaseDoc();
    const id = addMeeting(doc, worker, { date: '2025-06-01', kind: 'one-to-one' });
    const seen: Array<Set<SectionKey>> = [];
    const onTx = (tr: Y.Transaction) => {
      if (tr.origin === 'editor') seen.push(sectionsChangedBy(tr));
    };
    doc.on('afterTransaction', onTx);
    doc.transact(() => writePlainParagraphs(meetingNotes(doc, id)!, 'Teksti'), 'editor');
    doc.transact(() => {
      writePlainParagraphs(meetingNotes(doc, id)!, 'Toinen');
      addGoal(doc, { ...expert, origin: 'editor' }, { theme: 'other', title: 'T' });
    }, 'editor');
    doc.off('afterTransaction', onTx);
    expect(seen.map((s) => [...s].sort())).toEqual([['meetings'], ['goals', 'meetings']]);
    stampSection(doc, expert, 'meetings');
    expect(readCaseFile(doc).changes.meetings).toEqual({ at: '2025-06-02T10:00:00.000Z', by: 'expert-1' });
  });
});
