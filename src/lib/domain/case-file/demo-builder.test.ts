import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { playDemoActions, type DemoEnv } from './demo-builder.ts';
import type { DemoAction } from './demo-script.ts';
import { CaseFileError } from './errors.ts';
import { readCaseFile } from './read.ts';

const STAFF = { worker: 'u-w', worker2: 'u-w2', expert: 'u-e', expert2: 'u-e2' };

function env(): DemoEnv {
  let n = 0;
  return { today: '2025-06-04', ids: () => `id-${++n}`, staff: STAFF };
}

const CREATE: DemoAction = {
  do: 'create',
  by: 'worker',
  day: -30,
  displayName: 'Testi (demo)',
  workPackages: ['TP1'],
  consent: { day: -29, privacyNoticeVersion: '2025-1', method: 'written' }
};

function play(...actions: DemoAction[]): Y.Doc {
  const doc = new Y.Doc();
  playDemoActions(doc, [CREATE, ...actions], env());
  return doc;
}

describe('playDemoActions', () => {
  it('turns day offsets into dates from today and roles into user ids', () => {
    const file = readCaseFile(
      play(
        { do: 'entry', by: 'expert', day: -28, birthYear: 1990, euraStartDone: true, euraStartDay: -27 },
        { do: 'meeting', day: -3, kind: 'one-to-one', status: 'held', staff: ['expert2', 'worker'] }
      )
    );
    expect(file.meta).toMatchObject({ createdBy: 'u-w', createdAt: '2025-05-05T08:00:00.000Z' });
    expect(file.profile.consent?.date).toBe('2025-05-06');
    expect(file.episodes[0]?.openedOn).toBe('2025-05-05');
    expect(file.entry.euraStartDate).toBe('2025-05-08');
    expect(file.meetings[0]).toMatchObject({
      date: '2025-06-01',
      presentStaff: ['u-e2', 'u-w'],
      createdBy: 'u-e2',
      createdAt: '2025-06-01T08:00:00.000Z'
    });
  });

  it('leaves the EURA start date empty when the script gives no day', () => {
    const file = readCaseFile(play({ do: 'entry', by: 'worker', day: -28, euraStartDone: false }));
    expect(file.entry.euraStartDate).toBeNull();
  });

  it('records a future meeting today, not on its day', () => {
    const file = readCaseFile(play({ do: 'meeting', day: 5, kind: 'phone', staff: ['worker2'] }));
    expect(file.meetings[0]).toMatchObject({ date: '2025-06-09', createdAt: '2025-06-04T08:00:00.000Z' });
  });

  it('walks a reached goal through in-progress a week later, reached two weeks later', () => {
    const goal = readCaseFile(
      play({ do: 'goal', by: 'worker', day: -20, theme: 'work', title: 'Työ', status: 'reached', steps: [] })
    ).goals[0];
    expect(goal?.history.map((h) => [h.to, h.at.slice(0, 10)])).toEqual([
      ['open', '2025-05-15'],
      ['in-progress', '2025-05-22'],
      ['reached', '2025-05-29']
    ]);
  });

  it('never dates a status change after today', () => {
    const goal = readCaseFile(
      play({
        do: 'goal',
        by: 'worker',
        day: -3,
        theme: 'work',
        title: 'Työ',
        status: 'in-progress',
        steps: []
      })
    ).goals[0];
    expect(goal?.history.at(-1)).toMatchObject({ to: 'in-progress', at: '2025-06-04T08:00:00.000Z' });
  });

  it('ends, follows up and reopens the latest episode', () => {
    const file = readCaseFile(
      play(
        { do: 'start', by: 'worker', day: -28 },
        { do: 'end', by: 'worker', day: -20, results: [], paths: ['Jatko'], review: 'Hyvä.', euraEnd: false },
        { do: 'follow-up', by: 'worker', day: -5, kind: 'four-weeks' },
        { do: 'reopen', by: 'worker', day: -1 }
      )
    );
    expect(file.status).toBe('returned');
    expect(file.episodes).toHaveLength(2);
    expect(file.episodes[0]).toMatchObject({ exitDate: '2025-05-15', reviewText: 'Hyvä.' });
    expect(file.episodes[0]?.followUps['four-weeks']).toMatchObject({ done: true, doneOn: '2025-05-30' });
  });

  it('throws a CaseFileError when a script ends a case it never created', () => {
    const doc = new Y.Doc();
    const end: DemoAction = {
      do: 'end',
      by: 'worker',
      day: -1,
      results: [],
      paths: [],
      review: '',
      euraEnd: false
    };
    expect(() => playDemoActions(doc, [end], env())).toThrow(CaseFileError);
  });
});
