import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCaseFile, readDirectoryFields } from './read.ts';
import { newCaseDoc } from './test-support.ts';

describe('readCaseFile', () => {
  it('reads an empty doc without throwing (a case not synced yet)', () => {
    const file = readCaseFile(new Y.Doc());
    expect(file.status).toBe('contacted');
    expect(file.profile.displayName).toBe('');
    expect(file.goals).toEqual([]);
    expect(file.release.checklist.every((c) => !c.done)).toBe(true);
    expect(file.meta).toEqual({ schemaVersion: null, createdAt: null, createdBy: null });
    expect(readDirectoryFields(new Y.Doc()).status).toBe('contacted');
  });

  it('tolerates values of the wrong type or unknown codes (other app versions, bad clients)', () => {
    const doc = newCaseDoc();
    doc.transact(() => {
      doc.getMap('profile').set('reachedVia', 'carrier-pigeon');
      doc.getMap('profile').set('phone', 42);
      doc.getMap('entry').set('gender', 'x');
      doc.getMap('entry').set('birthYear', '1990');
      doc.getMap('release').set('releaseDate', '2025-02-30');
      doc.getArray('goals').push(['not a map', new Y.Map()]);
      const g = new Y.Map<unknown>();
      doc.getArray('goals').push([g]);
      g.set('id', 'g1');
      g.set('theme', 'astrology');
      g.set('status', 'weird');
      g.set(
        'history',
        Y.Array.from([{ from: null, to: 'open', at: 'not a time', by: 'u' }, { bogus: true }])
      );
      const m = new Y.Map<unknown>();
      doc.getArray('meetings').push([m]);
      m.set('id', 'm1'); // no date: skipped
      doc.getMap('changes').set('goals', 'yesterday');
    });
    const file = readCaseFile(doc);
    expect(file.profile.reachedVia).toBe(null);
    expect(file.profile.phone).toBe('');
    expect(file.entry.gender).toBe(null);
    expect(file.entry.birthYear).toBe(null);
    expect(file.release.releaseDate).toBe(null);
    expect(file.goals).toEqual([
      {
        id: 'g1',
        theme: 'other',
        title: '',
        status: 'open',
        createdAt: null,
        createdBy: null,
        steps: [],
        history: [{ from: null, to: 'open', at: 'not a time', by: 'u' }],
        reachedOn: null
      }
    ]);
    expect(file.meetings).toEqual([]);
    expect(file.changes.goals).toBeUndefined();
  });

  it('is fast enough to run on every update of a large case', () => {
    const doc = newCaseDoc();
    doc.transact(() => {
      for (let i = 0; i < 300; i++) {
        const g = new Y.Map<unknown>();
        doc.getArray('goals').push([g]);
        g.set('id', `g${i}`);
        const steps = new Y.Array<unknown>();
        g.set('steps', steps);
        for (let j = 0; j < 5; j++) {
          const s = new Y.Map<unknown>();
          steps.push([s]);
          s.set('id', `s${i}-${j}`);
          s.set('text', 'askel');
        }
        const m = new Y.Map<unknown>();
        doc.getArray('meetings').push([m]);
        m.set('id', `m${i}`);
        m.set('date', '2025-06-01');
        const notes = new Y.XmlFragment();
        m.set('notes', notes);
        const p = new Y.XmlElement('paragraph');
        notes.insert(0, [p]);
        p.insert(0, [new Y.XmlText('Muistiinpano '.repeat(20))]);
      }
    });
    readCaseFile(doc); // warm up
    const started = performance.now();
    const file = readCaseFile(doc);
    const ms = performance.now() - started;
    expect(file.goals).toHaveLength(300);
    expect(file.meetings).toHaveLength(300);
    // 300 goals, 1 500 steps, 300 meetings with notes; measured ≈ 6 ms here. Generous bound.
    expect(ms).toBeLessThan(250);
  });
});
