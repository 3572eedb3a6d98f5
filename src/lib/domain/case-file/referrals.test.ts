import { describe, expect, it } from 'vitest';
import { CaseFileError } from './errors.ts';
import { readCaseFile } from './read.ts';
import { addReferral, removeReferral, updateReferral } from './referrals.ts';
import { newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext();

describe('referrals', () => {
  it('adds, updates and removes referrals', () => {
    const doc = newCaseDoc();
    const id = addReferral(doc, ctx, { service: 'adult-social-work', date: '2025-06-05', accompanied: true });
    expect(readCaseFile(doc).referrals[0]).toMatchObject({
      id,
      service: 'adult-social-work',
      date: '2025-06-05',
      accompanied: true,
      status: 'planned',
      outcome: ''
    });
    updateReferral(doc, ctx, id, {
      status: 'realised',
      outcome: 'Toimeentulotuki myönnetty',
      accompanied: false
    });
    expect(readCaseFile(doc).referrals[0]).toMatchObject({ status: 'realised', accompanied: false });
    const other = addReferral(doc, ctx, { service: 'other', serviceOther: 'Kriminaalihuollon tukisäätiö' });
    expect(readCaseFile(doc).referrals[1]).toMatchObject({
      serviceOther: 'Kriminaalihuollon tukisäätiö',
      date: null
    });
    removeReferral(doc, ctx, id);
    expect(readCaseFile(doc).referrals.map((r) => r.id)).toEqual([other]);
  });

  it.each([
    [{ service: 'police' }],
    [{ service: 'kela', status: 'lost' }],
    [{ service: 'kela', date: 'huomenna' }]
  ])('rejects %j', (r) => {
    const doc = newCaseDoc();
    expect(() => addReferral(doc, ctx, r as never)).toThrow(CaseFileError);
  });
});
