import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { richTextToPlain, writePlainParagraphs } from '../rich-text.ts';
import { updateEntry } from './entry.ts';
import {
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
import { CaseFileError } from './errors.ts';
import { readCaseFile } from './read.ts';
import { docState, newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext();

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CaseFileError);
    expect((e as CaseFileError).code).toBe(code);
    return;
  }
  throw new Error(`expected CaseFileError ${code}`);
}

describe('followUpDueDates', () => {
  it.each([
    ['2025-06-30', '2025-07-28', '2025-12-30'],
    ['2025-08-31', '2025-09-28', '2026-02-28'],
    ['2027-08-31', '2027-09-28', '2028-02-29'],
    ['2025-03-31', '2025-04-28', '2025-09-30'],
    ['2025-12-15', '2026-01-12', '2026-06-15']
  ])('exit %s → 4 weeks %s, 6 months %s', (exit, four, six) => {
    expect(followUpDueDates(exit)).toEqual({ 'four-weeks': four, 'six-months': six });
  });
});

describe('case lifecycle', () => {
  it('goes contacted → active → ended → returned → active → ended', () => {
    const doc = newCaseDoc({ contactedOn: '2025-01-10' });
    expect(readCaseFile(doc).status).toBe('contacted');
    startParticipation(doc, ctx, '2025-01-20');
    expect(readCaseFile(doc).status).toBe('active');
    endParticipation(doc, ctx, '2025-06-01');
    expect(readCaseFile(doc).status).toBe('ended');
    const second = reopenCase(doc, ctx, '2025-09-01');
    let file = readCaseFile(doc);
    expect(file.status).toBe('returned');
    expect(file.episodes.map((e) => e.id).at(-1)).toBe(second);
    startParticipation(doc, ctx, '2025-09-03');
    expect(readCaseFile(doc).status).toBe('active');
    endParticipation(doc, ctx, '2025-12-01');
    file = readCaseFile(doc);
    expect(file.status).toBe('ended');
    expect(file.episodes).toHaveLength(2);
    expect(file.entry.startDate).toBe('2025-01-20');
    expect(file.countedExit?.exitDate).toBe('2025-12-01');
  });

  it('changeStatus performs exactly the allowed step', () => {
    const doc = newCaseDoc({ contactedOn: '2025-01-10' });
    changeStatus(doc, ctx, 'active', '2025-01-11');
    changeStatus(doc, ctx, 'ended', '2025-02-11');
    changeStatus(doc, ctx, 'returned', '2025-03-11');
    expect(readCaseFile(doc).status).toBe('returned');
    expectCode(() => changeStatus(doc, ctx, 'contacted', '2025-03-12'), 'invalid_transition');
    expectCode(() => changeStatus(doc, ctx, 'returned', '2025-03-12'), 'invalid_transition');
  });

  it.each<[string, (doc: Y.Doc) => void, string]>([
    ['end before start (contacted may end: did not start)', () => {}, 'ok'],
    ['start twice', (d) => startParticipation(d, ctx, '2025-01-20'), 'start'],
    ['reopen an active case', (d) => startParticipation(d, ctx, '2025-01-20'), 'reopen'],
    ['reopen a contacted case', () => {}, 'reopen'],
    ['end an ended case', (d) => endParticipation(d, ctx, '2025-02-01'), 'end']
  ])('rejects invalid transitions without writing: %s', (_name, setup, action) => {
    const doc = newCaseDoc({ contactedOn: '2025-01-10' });
    setup(doc);
    const before = docState(doc);
    const run = {
      ok: () => endParticipation(doc, ctx, '2025-01-30'),
      start: () => startParticipation(doc, ctx, '2025-01-25'),
      reopen: () => reopenCase(doc, ctx, '2025-03-01'),
      end: () => endParticipation(doc, ctx, '2025-03-01')
    }[action]!;
    if (action === 'ok') {
      run();
      expect(readCaseFile(doc).status).toBe('ended');
      expect(readCaseFile(doc).entry.startDate).toBe(null);
      return;
    }
    expectCode(run, 'invalid_transition');
    expect(docState(doc)).toBe(before);
  });

  it.each<[string, (doc: Y.Doc) => void]>([
    ['start before first contact', (d) => startParticipation(d, ctx, '2025-01-09')],
    [
      'exit before start',
      (d) => {
        startParticipation(d, ctx, '2025-01-20');
        endParticipation(d, ctx, '2025-01-19');
      }
    ],
    [
      'return before the last exit',
      (d) => {
        startParticipation(d, ctx, '2025-01-20');
        endParticipation(d, ctx, '2025-03-01');
        reopenCase(d, ctx, '2025-02-28');
      }
    ],
    ['a non-date', (d) => startParticipation(d, ctx, '2025-02-30')]
  ])('rejects dates out of order: %s', (_name, run) => {
    const doc = newCaseDoc({ contactedOn: '2025-01-10' });
    expect(() => run(doc)).toThrow(CaseFileError);
  });

  it('correctEpisodeDates fixes a typo and keeps the order', () => {
    const doc = newCaseDoc({ contactedOn: '2025-01-10' });
    startParticipation(doc, ctx, '2025-01-20');
    const id = readCaseFile(doc).episodes[0]!.id;
    correctEpisodeDates(doc, ctx, id, { startDate: '2025-01-12' });
    expect(readCaseFile(doc).entry.startDate).toBe('2025-01-12');
    expectCode(() => correctEpisodeDates(doc, ctx, id, { startDate: '2025-01-01' }), 'invalid_value');
    expectCode(() => correctEpisodeDates(doc, ctx, id, { exitDate: '2025-05-01' }), 'invalid_value');
    expectCode(() => correctEpisodeDates(doc, ctx, 'nope', { openedOn: '2025-01-01' }), 'not_found');
    expect(readCaseFile(doc).status).toBe('active');
  });
});

describe('reopen semantics', () => {
  it('keeps the history, the entry data and the first start; exit data belongs to each episode', () => {
    const doc = newCaseDoc({ contactedOn: '2024-01-05' });
    updateEntry(doc, ctx, {
      gender: 'man',
      birthYear: 1990,
      labourStatus: 'unemployed',
      education: 'isced-0-2'
    });
    startParticipation(doc, ctx, '2024-01-10');
    endParticipation(doc, ctx, '2024-06-01');
    const first = readCaseFile(doc).episodes[0]!.id;
    setExitResult(doc, ctx, first, 'job-search', '2024-06-10');
    recordFollowUp(doc, ctx, first, 'four-weeks', '2024-06-29');
    const entryBefore = readCaseFile(doc).entry;

    const second = reopenCase(doc, ctx, '2024-09-01');
    startParticipation(doc, ctx, '2024-09-15');
    const file = readCaseFile(doc);
    expect(file.entry).toEqual(entryBefore);
    expect(file.entry.startDate).toBe('2024-01-10');
    expect(file.episodes[0]!.results).toEqual({ 'job-search': '2024-06-10' });
    expect(file.episodes[0]!.followUps['four-weeks'].done).toBe(true);
    expect(file.episodes[1]!.id).toBe(second);
    expect(file.episodes[1]!.results).toEqual({});
    expect(file.countedExit).toBe(null);

    endParticipation(doc, ctx, '2025-01-31');
    setExitResult(doc, ctx, second, 'education', '2025-02-10');
    const ended = readCaseFile(doc);
    expect(ended.countedExit?.id).toBe(second);
    expect(ended.countedExit?.followUps['four-weeks'].dueOn).toBe('2025-02-28');
    expect(ended.countedExit?.followUps['six-months'].dueOn).toBe('2025-07-31');
  });
});

describe('exit data', () => {
  function endedCase() {
    const doc = newCaseDoc({ contactedOn: '2025-01-10' });
    startParticipation(doc, ctx, '2025-01-20');
    endParticipation(doc, ctx, '2025-06-30');
    return { doc, id: readCaseFile(doc).episodes[0]!.id };
  }

  it('records several results; none excludes the others', () => {
    const { doc, id } = endedCase();
    setExitResult(doc, ctx, id, 'qualification', '2025-06-20');
    setExitResult(doc, ctx, id, 'employment', '2025-07-14');
    expect(readCaseFile(doc).countedExit?.results).toEqual({
      qualification: '2025-06-20',
      employment: '2025-07-14'
    });
    setExitResult(doc, ctx, id, 'none', '2025-07-28');
    expect(readCaseFile(doc).countedExit?.results).toEqual({ none: '2025-07-28' });
    setExitResult(doc, ctx, id, 'job-search', '2025-08-01');
    expect(readCaseFile(doc).countedExit?.results).toEqual({ 'job-search': '2025-08-01' });
    setExitResult(doc, ctx, id, 'job-search', null);
    expect(readCaseFile(doc).countedExit?.results).toEqual({});
    expectCode(() => setExitResult(doc, ctx, id, 'promotion' as never, '2025-08-01'), 'invalid_value');
  });

  it('tracks the EURA end form and the follow-ups', () => {
    const { doc, id } = endedCase();
    setEuraEndForm(doc, ctx, id, true, '2025-06-30');
    recordFollowUp(doc, ctx, id, 'six-months', '2025-12-30', true);
    let x = readCaseFile(doc).countedExit!;
    expect(x.euraEndDone).toBe(true);
    expect(x.euraEndDate).toBe('2025-06-30');
    expect(x.followUps['six-months']).toEqual({
      kind: 'six-months',
      dueOn: '2025-12-30',
      done: true,
      doneOn: '2025-12-30'
    });
    expect(x.employedAtSixMonths).toBe(true);
    setEuraEndForm(doc, ctx, id, false, '2025-06-30');
    recordFollowUp(doc, ctx, id, 'six-months', null);
    x = readCaseFile(doc).countedExit!;
    expect(x.euraEndDone).toBe(false);
    expect(x.euraEndDate).toBe(null);
    expect(x.followUps['six-months'].done).toBe(false);
    expectCode(() => recordFollowUp(doc, ctx, id, 'four-weeks', '2025-07-28', true), 'invalid_value');
  });

  it('keeps next paths with stable ids and the end review as rich text', () => {
    const { doc, id } = endedCase();
    const a = addNextPath(doc, ctx, id, 'Hakee Samiedun kevään yhteishaussa');
    const b = addNextPath(doc, ctx, id, 'Jatkaa kohtaamispaikan ryhmässä');
    updateNextPath(doc, ctx, id, a, 'Hakee Samiedun logistiikkalinjalle');
    removeNextPath(doc, ctx, id, b);
    writePlainParagraphs(endReviewFragment(doc, id)!, 'Asunto ja pankkitunnukset saatiin kuntoon.');
    const x = readCaseFile(doc).countedExit!;
    expect(x.nextPaths).toEqual([{ id: a, text: 'Hakee Samiedun logistiikkalinjalle' }]);
    expect(x.reviewText).toBe('Asunto ja pankkitunnukset saatiin kuntoon.');
    expect(richTextToPlain(endReviewFragment(doc, id)!)).toBe(x.reviewText);
    expect(endReviewFragment(doc, 'nope')).toBe(null);
    expectCode(() => removeNextPath(doc, ctx, id, b), 'not_found');
    expectCode(() => addNextPath(doc, ctx, id, '   '), 'invalid_value');
  });
});
