import { describe, expect, it } from 'vitest';
import { startParticipation } from './episodes.ts';
import { missingEntryFields, updateEntry } from './entry.ts';
import { CaseFileError } from './errors.ts';
import { readCaseFile } from './read.ts';
import { docState, newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext('worker-1', '2025-06-02T09:00:00Z');

describe('entry data', () => {
  it('stores what ESF+ needs and computes the age band at the first start', () => {
    const doc = newCaseDoc({ contactedOn: '2025-01-10' });
    updateEntry(doc, ctx, {
      gender: 'woman',
      birthYear: 1996,
      labourStatus: 'unemployed',
      longTermUnemployed: true,
      education: 'isced-3-4',
      euraStartDone: true,
      euraStartDate: '2025-01-21'
    });
    let entry = readCaseFile(doc).entry;
    expect(entry.ageBand).toBe(null); // no start date yet
    expect(missingEntryFields(entry)).toEqual(['startDate']);
    startParticipation(doc, ctx, '2025-01-20');
    entry = readCaseFile(doc).entry;
    expect(entry).toEqual({
      startDate: '2025-01-20',
      gender: 'woman',
      birthYear: 1996,
      ageBand: '18-29',
      labourStatus: 'unemployed',
      longTermUnemployed: true,
      education: 'isced-3-4',
      euraStartDone: true,
      euraStartDate: '2025-01-21'
    });
    expect(missingEntryFields(entry)).toEqual([]);
  });

  it('leaving unemployment clears the long-term flag; long-term needs unemployed', () => {
    const doc = newCaseDoc();
    updateEntry(doc, ctx, { labourStatus: 'unemployed', longTermUnemployed: true });
    updateEntry(doc, ctx, { labourStatus: 'inactive' });
    expect(readCaseFile(doc).entry.longTermUnemployed).toBe(false);
    const before = docState(doc);
    expect(() => updateEntry(doc, ctx, { longTermUnemployed: true })).toThrow(CaseFileError);
    expect(() => updateEntry(doc, ctx, { labourStatus: 'employed', longTermUnemployed: true })).toThrow(
      CaseFileError
    );
    expect(docState(doc)).toBe(before);
  });

  it('an unticked EURA start form has no date', () => {
    const doc = newCaseDoc();
    updateEntry(doc, ctx, { euraStartDone: true, euraStartDate: '2025-05-06' });
    updateEntry(doc, ctx, { euraStartDone: false });
    const e = readCaseFile(doc).entry;
    expect([e.euraStartDone, e.euraStartDate]).toEqual([false, null]);
  });

  it.each([
    [{ gender: 'female' }, 'invalid_value'],
    [{ birthYear: 2030 }, 'invalid_birth_year'],
    [{ birthYear: 1899 }, 'invalid_birth_year'],
    [{ birthYear: 1990.5 }, 'invalid_birth_year'],
    [{ labourStatus: 'student' }, 'invalid_value'],
    [{ education: 'isced-9' }, 'invalid_value'],
    [{ euraStartDate: '2025-13-01' }, 'invalid_date']
  ])('rejects %j (%s)', (patch, code) => {
    const doc = newCaseDoc();
    expect(() => updateEntry(doc, ctx, patch as never)).toThrow(expect.objectContaining({ code }));
  });

  it('allows "prefer not to say" for gender and education, and clearing with null', () => {
    const doc = newCaseDoc();
    updateEntry(doc, ctx, { gender: 'not-stated', education: 'not-stated', birthYear: 1980 });
    expect(readCaseFile(doc).entry.gender).toBe('not-stated');
    updateEntry(doc, ctx, { gender: null, birthYear: null });
    const e = readCaseFile(doc).entry;
    expect([e.gender, e.birthYear, e.education]).toEqual([null, null, 'not-stated']);
    expect(missingEntryFields(e)).toEqual(['startDate', 'gender', 'birthYear', 'labourStatus']);
  });
});
