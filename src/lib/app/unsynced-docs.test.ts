import { describe, expect, it } from 'vitest';
import { docStatus, type ConnectionState } from '$lib/sync/status';
import { UnsyncedDocs, type UnsyncedDocsStorage } from './unsynced-docs.ts';

function status(connection: ConnectionState, pending: number, unverified = false) {
  return docStatus({
    connection,
    pending: { count: pending, unverified },
    networkOnline: connection !== 'offline'
  });
}

class MemoryStorage implements UnsyncedDocsStorage {
  saved: string[][] = [];
  fail = false;
  constructor(private initial: string[] = []) {}
  async load() {
    return this.initial;
  }
  async save(ids: readonly string[]) {
    if (this.fail) throw new Error('disk full');
    this.saved.push([...ids]);
  }
}

describe('UnsyncedDocs', () => {
  it('marks a doc with pending changes and clears it only when the server confirmed it', async () => {
    const storage = new MemoryStorage();
    const docs = await UnsyncedDocs.open(storage);
    docs.observe('a', status('offline', 1));
    docs.observe('b', status('online', 0));
    expect(docs.list()).toEqual(['a']);
    await docs.flush();
    expect(storage.saved.at(-1)).toEqual(['a']);
    // Reconnecting and still unverified: the mark stays.
    docs.observe('a', status('syncing', 0, true));
    expect(docs.has('a')).toBe(true);
    docs.observe('a', status('online', 0));
    expect(docs.list()).toEqual([]);
    await docs.flush();
    // Each write stores the set as it is then: the latest state wins.
    expect(storage.saved).toEqual([['a'], []]);
  });

  it('remembers marks across a restart (a doc edited offline and closed)', async () => {
    const docs = await UnsyncedDocs.open(new MemoryStorage(['x', 'y']));
    expect(docs.list()).toEqual(['x', 'y']);
    // Loaded from the device, not yet compared with the server: not cleared.
    docs.observe('x', status('offline', 0, true));
    expect(docs.has('x')).toBe(true);
  });

  it('reports a failed write from flush, and keeps the set right in memory', async () => {
    const storage = new MemoryStorage();
    const docs = await UnsyncedDocs.open(storage);
    storage.fail = true;
    docs.observe('a', status('online', 2));
    await expect(docs.flush()).rejects.toThrow('disk full');
    expect(docs.list()).toEqual(['a']);
    await expect(docs.flush()).resolves.toBeUndefined();
  });
});
