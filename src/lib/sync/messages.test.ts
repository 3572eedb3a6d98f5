import { describe, expect, it } from 'vitest';
import {
  SYNC_MESSAGES,
  statusAnnouncement,
  statusDetails,
  statusHeadline,
  syncTranslator
} from './messages.ts';
import { appStatus, docStatus, type ConnectionState } from './status.ts';

const fi = syncTranslator('fi');
const en = syncTranslator('en');

function doc(connection: ConnectionState, count = 0, extra: Partial<Parameters<typeof docStatus>[0]> = {}) {
  return docStatus({ connection, pending: { count, unverified: false }, networkOnline: true, ...extra });
}

describe('sync messages', () => {
  it('has every key in both languages, with the same placeholders', () => {
    const keys = Object.keys(SYNC_MESSAGES.fi).sort();
    expect(Object.keys(SYNC_MESSAGES.en).sort()).toEqual(keys);
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys as (keyof typeof SYNC_MESSAGES.fi)[]) {
      expect(names(SYNC_MESSAGES.en[k]), k).toEqual(names(SYNC_MESSAGES.fi[k]));
    }
  });

  it('says the five states in Finnish and English, with the count', () => {
    expect(statusHeadline(doc('online'), fi)).toBe('Kaikki muutokset tallennettu palvelimelle');
    expect(statusHeadline(doc('online'), en)).toBe('All changes saved to server');
    expect(statusHeadline(doc('online', 1), fi)).toBe('1 muutos ei vielä palvelimella');
    expect(statusHeadline(doc('online', 3), en)).toBe('3 changes not yet on the server');
    expect(statusHeadline(doc('offline', 2), fi)).toBe(
      'Ei yhteyttä palvelimeen · 2 muutosta ei vielä palvelimella'
    );
    expect(statusHeadline(doc('connecting'), en)).toBe('Connecting…');
    expect(statusHeadline(doc('syncing'), fi)).toBe('Synkronoidaan…');
  });

  it('names the error and the terminal states', () => {
    expect(statusHeadline(doc('error', 0, { errorCode: 4413 }), en)).toBe(
      'A change is too large to save on the server'
    );
    expect(statusHeadline(doc('error', 0, { errorCode: 4400 }), fi)).toBe(
      'Palvelin ei hyväksynyt muutosta (virhe 4400)'
    );
    expect(statusHeadline(doc('forbidden'), en)).toBe('No access to this document. Checking again…');
    const app = appStatus([doc('online'), doc('forbidden')], { networkOnline: true, sessionExpired: true });
    expect(statusHeadline(app, fi)).toMatch(/^Istunto päättyi/);
    expect(statusDetails(app, en)).toEqual(['Access removed to 1 documents']);
  });

  it('adds details for read-only, device trouble and unverified edits', () => {
    const s = docStatus({
      connection: 'offline',
      pending: { count: 0, unverified: true },
      networkOnline: true,
      readOnly: true,
      deviceError: true,
      quarantined: 2
    });
    expect(statusDetails(s, en)).toEqual([
      'Changes on this device not yet confirmed by the server',
      'Saving on this device failed',
      'Read only: your changes are not saved to the server',
      '2 records on this device could not be read'
    ]);
  });

  it('announces only states worth interrupting for', () => {
    expect(statusAnnouncement(doc('online', 1), en)).toBeNull();
    expect(statusAnnouncement(doc('connecting'), en)).toBeNull();
    expect(statusAnnouncement(doc('online'), en)).toBe('All changes saved to server');
    expect(statusAnnouncement(doc('offline', 4), fi)).toBe('Ei yhteyttä palvelimeen');
  });
});
