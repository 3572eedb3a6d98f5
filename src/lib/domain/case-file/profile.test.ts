import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CaseFileError } from './errors.ts';
import { createCaseFile, setConsent, setWorkPackage, updateProfile } from './profile.ts';
import { readCaseFile, readDirectoryFields } from './read.ts';
import { profileMap } from './shape.ts';
import { docState, newCaseDoc, testContext } from './test-support.ts';

const ctx = testContext('worker-1', '2025-06-02T09:00:00Z');

describe('createCaseFile', () => {
  it('writes meta, profile and a first episode opened on the contact day', () => {
    const doc = new Y.Doc();
    createCaseFile(doc, ctx, {
      displayName: '  Mikko M. ',
      alias: 'Mikko',
      contactedOn: '2025-05-20',
      workPackages: ['TP1', 'TP3'],
      reachedVia: 'prison',
      phone: '040 000 0000',
      consent: { date: '2025-05-20', privacyNoticeVersion: '2025-01', method: 'written' }
    });
    const file = readCaseFile(doc);
    expect(file.meta).toEqual({
      schemaVersion: 1,
      createdAt: '2025-06-02T09:00:00.000Z',
      createdBy: 'worker-1'
    });
    expect(file.profile).toEqual({
      displayName: 'Mikko M.',
      alias: 'Mikko',
      phone: '040 000 0000',
      email: '',
      contactNote: '',
      workPackages: ['TP1', 'TP3'],
      reachedVia: 'prison',
      consent: { date: '2025-05-20', privacyNoticeVersion: '2025-01', method: 'written' }
    });
    expect(file.status).toBe('contacted');
    expect(file.episodes).toHaveLength(1);
    expect(file.episodes[0]!.openedOn).toBe('2025-05-20');
    // The keys the server's directory projection reads.
    expect(profileMap(doc).get('displayName')).toBe('Mikko M.');
    expect(profileMap(doc).get('alias')).toBe('Mikko');
    expect(file.changes.profile).toEqual({ at: '2025-06-02T09:00:00.000Z', by: 'worker-1' });
  });

  it('refuses to create twice (a replayed registration adds no second episode)', () => {
    const doc = newCaseDoc();
    const before = docState(doc);
    expect(() => createCaseFile(doc, ctx, { displayName: 'X', contactedOn: '2025-05-05' })).toThrow(
      expect.objectContaining({ code: 'already_created' })
    );
    expect(docState(doc)).toBe(before);
  });

  it.each([
    ['empty name', { displayName: '  ', contactedOn: '2025-05-05' }, 'displayName'],
    ['long name', { displayName: 'x'.repeat(81), contactedOn: '2025-05-05' }, 'displayName'],
    ['bad date', { displayName: 'A', contactedOn: '5.5.2025' }, 'contactedOn'],
    [
      'unknown work package',
      { displayName: 'A', contactedOn: '2025-05-05', workPackages: ['TP4'] },
      'workPackages'
    ],
    ['unknown channel', { displayName: 'A', contactedOn: '2025-05-05', reachedVia: 'radio' }, 'reachedVia'],
    [
      'consent without version',
      {
        displayName: 'A',
        contactedOn: '2025-05-05',
        consent: { date: '2025-05-05', privacyNoticeVersion: '', method: 'written' }
      },
      'consent.privacyNoticeVersion'
    ]
  ])('rejects %s and writes nothing', (_name, init, field) => {
    const doc = new Y.Doc();
    try {
      createCaseFile(doc, ctx, init as never);
      throw new Error('expected a CaseFileError');
    } catch (e) {
      expect(e).toBeInstanceOf(CaseFileError);
      expect((e as CaseFileError).field).toBe(field);
    }
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
  });
});

describe('profile edits', () => {
  it('updates fields, clears the alias with null or empty, and toggles work packages', () => {
    const doc = newCaseDoc({ alias: 'Tessa' });
    updateProfile(doc, ctx, { phone: '050 123', contactNote: 'Tekstiviesti ensin' });
    expect(readCaseFile(doc).profile.phone).toBe('050 123');
    updateProfile(doc, ctx, { alias: '' });
    expect(readCaseFile(doc).profile.alias).toBe(null);
    expect(profileMap(doc).has('alias')).toBe(false);
    updateProfile(doc, ctx, { alias: 'T.' });
    updateProfile(doc, ctx, { alias: null });
    expect(readDirectoryFields(doc).alias).toBe(null);
    setWorkPackage(doc, ctx, 'TP3', true);
    setWorkPackage(doc, ctx, 'TP1', false);
    expect(readCaseFile(doc).profile.workPackages).toEqual(['TP3']);
    expect(readDirectoryFields(doc)).toEqual({
      displayName: 'Testi Henkilö',
      alias: null,
      status: 'contacted',
      workPackages: ['TP3'],
      releaseDate: null
    });
  });

  it('a no-op edit writes nothing', () => {
    const doc = newCaseDoc({ phone: '050' });
    const before = docState(doc);
    updateProfile(doc, ctx, { phone: '050' });
    setWorkPackage(doc, ctx, 'TP1', true);
    expect(docState(doc)).toBe(before);
  });

  it('records and clears consent', () => {
    const doc = newCaseDoc();
    setConsent(doc, ctx, { date: '2025-05-06', privacyNoticeVersion: 'v3', method: 'verbal' });
    expect(readCaseFile(doc).profile.consent).toEqual({
      date: '2025-05-06',
      privacyNoticeVersion: 'v3',
      method: 'verbal'
    });
    expect(() =>
      setConsent(doc, ctx, { date: '2025-05-06', privacyNoticeVersion: 'v3', method: 'telepathy' as never })
    ).toThrow(CaseFileError);
    setConsent(doc, ctx, null);
    expect(readCaseFile(doc).profile.consent).toBe(null);
  });
});
