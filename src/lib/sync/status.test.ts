import { describe, expect, it } from 'vitest';
import { appStatus, docStatus, sameStatus, type ConnectionState, type DocStatus } from './status.ts';

const clean = { count: 0, unverified: false };

function doc(
  connection: ConnectionState,
  count = 0,
  extra: Partial<Parameters<typeof docStatus>[0]> = {}
): DocStatus {
  return docStatus({ connection, pending: { count, unverified: false }, networkOnline: true, ...extra });
}

describe('docStatus', () => {
  it('is saved only when online with nothing pending and nothing unverified', () => {
    expect(doc('online').kind).toBe('saved');
    expect(doc('online', 3)).toMatchObject({ kind: 'unsaved', pending: 3 });
    expect(
      docStatus({ connection: 'online', pending: { count: 0, unverified: true }, networkOnline: true }).kind
    ).toBe('syncing');
  });

  it('follows the connection while not online', () => {
    expect(doc('connecting', 2)).toMatchObject({ kind: 'connecting', pending: 2 });
    expect(doc('syncing').kind).toBe('syncing');
    expect(doc('offline', 1)).toMatchObject({ kind: 'offline', pending: 1 });
  });

  it('reads as offline when the network is down, whatever the socket thinks', () => {
    for (const c of ['online', 'connecting', 'syncing'] as const) {
      expect(docStatus({ connection: c, pending: clean, networkOnline: false }).kind).toBe('offline');
    }
  });

  it('keeps terminal states even offline, with the error code only for errors', () => {
    expect(
      docStatus({ connection: 'forbidden', pending: clean, networkOnline: false, errorCode: 4403 })
    ).toMatchObject({ kind: 'forbidden', errorCode: null });
    expect(doc('error', 1, { errorCode: 4413 })).toMatchObject({
      kind: 'error',
      errorCode: 4413,
      pending: 1
    });
    expect(doc('session-expired', 5)).toMatchObject({ kind: 'session-expired', pending: 5 });
  });
});

describe('appStatus', () => {
  const ctx = { networkOnline: true, sessionExpired: false };

  it('is idle with no documents', () => {
    expect(appStatus([], ctx)).toMatchObject({ kind: 'idle', pending: 0, docs: 0 });
  });

  it('takes the most urgent document kind and sums pending changes', () => {
    expect(appStatus([doc('online'), doc('online', 2)], ctx)).toMatchObject({ kind: 'unsaved', pending: 2 });
    expect(appStatus([doc('online', 1), doc('syncing')], ctx).kind).toBe('syncing');
    expect(appStatus([doc('online'), doc('offline', 4), doc('connecting')], ctx)).toMatchObject({
      kind: 'offline',
      pending: 4
    });
    expect(appStatus([doc('offline'), doc('error', 0, { errorCode: 4400 })], ctx)).toMatchObject({
      kind: 'error',
      errors: 1
    });
  });

  it('does not let a forbidden document hide the others, but counts it and its edits', () => {
    const s = appStatus([doc('online'), doc('forbidden', 2)], ctx);
    expect(s).toMatchObject({ kind: 'saved', forbidden: 1, pending: 2 });
    expect(appStatus([doc('forbidden')], ctx).kind).toBe('forbidden');
  });

  it('says session expired or offline before anything else', () => {
    expect(appStatus([doc('error')], { networkOnline: true, sessionExpired: true }).kind).toBe(
      'session-expired'
    );
    expect(appStatus([doc('online')], { networkOnline: false, sessionExpired: false }).kind).toBe('offline');
  });

  it('reports unverified and device errors from any document', () => {
    const d = docStatus({
      connection: 'offline',
      pending: { count: 0, unverified: true },
      networkOnline: true,
      deviceError: true
    });
    expect(appStatus([doc('online'), d], ctx)).toMatchObject({ unverified: true, deviceError: true });
  });
});

describe('sameStatus', () => {
  it('compares shallowly', () => {
    expect(sameStatus(doc('online', 1), doc('online', 1))).toBe(true);
    expect(sameStatus(doc('online', 1), doc('online', 2))).toBe(false);
  });
});
