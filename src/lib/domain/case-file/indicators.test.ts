import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { updateEntry } from './entry.ts';
import {
  endParticipation,
  recordFollowUp,
  reopenCase,
  setExitResult,
  startParticipation
} from './episodes.ts';
import { aggregateIndicators, esfIndicatorRecord } from './indicators.ts';
import { readCaseFile } from './read.ts';
import { newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext();

function participant(entry: Parameters<typeof updateEntry>[2] = {}): Y.Doc {
  const doc = newCaseDoc({ contactedOn: '2025-01-05' });
  updateEntry(doc, ctx, {
    gender: 'woman',
    birthYear: 1990,
    labourStatus: 'unemployed',
    longTermUnemployed: true,
    education: 'isced-0-2',
    euraStartDone: true,
    ...entry
  });
  startParticipation(doc, ctx, '2025-01-10');
  return doc;
}

const firstEpisode = (doc: Y.Doc) => readCaseFile(doc).episodes[0]!.id;

describe('esfIndicatorRecord', () => {
  it('is null for someone who never started (not an ESF+ participant)', () => {
    const doc = newCaseDoc();
    updateEntry(doc, ctx, { gender: 'man' });
    expect(esfIndicatorRecord(readCaseFile(doc))).toBe(null);
    endParticipation(doc, ctx, '2025-06-01'); // did not start
    expect(esfIndicatorRecord(readCaseFile(doc))).toBe(null);
  });

  it('gives the entry record of an active participant and no exit yet', () => {
    const rec = esfIndicatorRecord(readCaseFile(participant()));
    expect(rec).toEqual({
      entry: {
        startDate: '2025-01-10',
        gender: 'woman',
        ageBand: '30-54',
        labourStatus: 'unemployed',
        longTermUnemployed: true,
        education: 'isced-0-2',
        euraStartDone: true
      },
      exit: null,
      participations: 1
    });
  });

  it.each([
    ['job search before the exit', 'job-search', '2025-05-20', 'EECR01', true],
    ['education on day 28', 'education', '2025-06-28', 'EECR02', true],
    ['qualification on day 29: too late', 'qualification', '2025-06-29', 'EECR03', false],
    ['employment after 2 months: too late', 'employment', '2025-08-01', 'EECR04', false],
    ['employment within 4 weeks', 'employment', '2025-06-15', 'EECR04', true]
  ] as const)('results count within 4 weeks of leaving: %s', (_name, result, date, indicator, counted) => {
    const doc = participant();
    endParticipation(doc, ctx, '2025-05-31');
    setExitResult(doc, ctx, firstEpisode(doc), result, date);
    const exit = esfIndicatorRecord(readCaseFile(doc))!.exit!;
    expect(exit.exitDate).toBe('2025-05-31');
    expect(exit.results[indicator]).toBe(counted);
    expect(Object.values(exit.results).filter(Boolean).length).toBe(counted ? 1 : 0);
    expect(exit.resultsRecorded).toBe(true);
  });

  it('"none" records that the exit was checked without counting a result', () => {
    const doc = participant();
    endParticipation(doc, ctx, '2025-05-31');
    let exit = esfIndicatorRecord(readCaseFile(doc))!.exit!;
    expect(exit.resultsRecorded).toBe(false);
    setExitResult(doc, ctx, firstEpisode(doc), 'none', '2025-06-28');
    exit = esfIndicatorRecord(readCaseFile(doc))!.exit!;
    expect(exit.resultsRecorded).toBe(true);
    expect(Object.values(exit.results).some(Boolean)).toBe(false);
  });

  it('a returning person counts once: first entry, latest exit and results', () => {
    const doc = participant({ birthYear: 1996 }); // 29 in 2025, 30 in 2026
    endParticipation(doc, ctx, '2025-05-31');
    setExitResult(doc, ctx, firstEpisode(doc), 'job-search', '2025-06-10');
    const second = reopenCase(doc, ctx, '2026-01-10');
    // Active again: the earlier exit is superseded, the next exit is pending.
    startParticipation(doc, ctx, '2026-01-12');
    let rec = esfIndicatorRecord(readCaseFile(doc))!;
    expect(rec.entry.startDate).toBe('2025-01-10');
    expect(rec.entry.ageBand).toBe('18-29'); // at the FIRST start
    expect(rec.exit).toBe(null);
    expect(rec.participations).toBe(2);
    endParticipation(doc, ctx, '2026-04-30');
    setExitResult(doc, ctx, second, 'education', '2026-05-04');
    recordFollowUp(doc, ctx, second, 'six-months', '2026-10-30', true);
    rec = esfIndicatorRecord(readCaseFile(doc))!;
    expect(rec.exit).toEqual({
      exitDate: '2026-04-30',
      results: { EECR01: false, EECR02: true, EECR03: false, EECR04: false },
      resultsRecorded: true,
      euraEndDone: false,
      employedAtSixMonths: true
    });
    expect(aggregateIndicators([rec]).participants).toBe(1);
  });

  it('returned but not restarted: the earlier exit stays in force', () => {
    const doc = participant();
    endParticipation(doc, ctx, '2025-05-31');
    setExitResult(doc, ctx, firstEpisode(doc), 'employment', '2025-06-02');
    reopenCase(doc, ctx, '2025-09-01');
    const rec = esfIndicatorRecord(readCaseFile(doc))!;
    expect(rec.exit?.exitDate).toBe('2025-05-31');
    expect(rec.exit?.results.EECR04).toBe(true);
  });
});

describe('aggregateIndicators', () => {
  it('counts per value with gaps as missing', () => {
    const a = participant();
    const b = participant({
      gender: 'man',
      birthYear: 2008,
      labourStatus: 'inactive',
      longTermUnemployed: false,
      education: 'not-stated'
    });
    const c = participant({
      gender: 'non-binary',
      birthYear: 1960,
      labourStatus: 'employed',
      longTermUnemployed: false
    });
    const d = newCaseDoc();
    updateEntry(d, ctx, { labourStatus: 'unemployed' });
    startParticipation(d, ctx, '2025-06-01');
    endParticipation(a, ctx, '2025-05-31');
    setExitResult(a, ctx, firstEpisode(a), 'job-search', '2025-06-01');
    setExitResult(a, ctx, firstEpisode(a), 'qualification', '2025-06-01');
    endParticipation(b, ctx, '2025-05-31');
    const records = [a, b, c, d].map((doc) => esfIndicatorRecord(readCaseFile(doc))!);
    const t = aggregateIndicators(records);
    expect(t.participants).toBe(4);
    expect(t.gender).toEqual({ woman: 1, man: 1, 'non-binary': 1, 'not-stated': 0, missing: 1 });
    expect(t.ageBand).toEqual({ 'under-18': 1, '18-29': 0, '30-54': 1, '55-plus': 1, missing: 1 });
    expect(t.labourStatus).toEqual({ unemployed: 2, inactive: 1, employed: 1, missing: 0 });
    expect(t.longTermUnemployed).toBe(1);
    expect(t.education).toEqual({
      'isced-0-2': 2,
      'isced-3-4': 0,
      'isced-5-8': 0,
      'not-stated': 1,
      missing: 1
    });
    expect(t.leavers).toBe(2);
    expect(t.results).toEqual({ EECR01: 1, EECR02: 0, EECR03: 1, EECR04: 0 });
    expect(t.employedAtSixMonths).toBe(0);
  });
});
