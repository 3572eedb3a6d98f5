import { describe, expect, it } from 'vitest';
import type { Me } from '$lib/api/schemas';
import {
  readCachedMe,
  readinessStorage,
  unsyncedDocsStorage,
  writeCachedMe,
  type MetaTable
} from './device-meta-rows.ts';
import { META_ROW, type DirectoryRecord } from './device-records.ts';

/** An in-memory directory table; `fail` makes every call throw (as a locked keyring would). */
function memoryTable() {
  const rows = new Map<string, DirectoryRecord>();
  const state = { fail: false };
  const table: MetaTable = {
    get: async (id) => {
      if (state.fail) throw new Error('locked');
      const value = rows.get(id);
      return value === undefined ? undefined : { id, updatedAt: 0, value };
    },
    put: async (id, value) => {
      if (state.fail) throw new Error('locked');
      rows.set(id, value);
      return { id, updatedAt: 0, value };
    }
  };
  return { rows, state, table };
}

const me: Me = { id: 'u1', username: 'aino', role: 'worker', displayName: 'Aino', language: 'fi' };

describe('device meta rows', () => {
  it('caches me, reads it back, and treats failures and other kinds as nothing cached', async () => {
    const { rows, state, table } = memoryTable();
    expect(await readCachedMe(table)).toBeNull();
    await writeCachedMe(table, me);
    expect(await readCachedMe(table)).toEqual(me);
    rows.set(META_ROW.me, { kind: 'unsynced', docIds: [] });
    expect(await readCachedMe(table)).toBeNull();
    state.fail = true;
    await expect(writeCachedMe(table, me)).resolves.toBeUndefined();
    expect(await readCachedMe(table)).toBeNull();
  });

  it('keeps the unsynced documents and the last full sync in their own rows', async () => {
    const { rows, table } = memoryTable();
    const unsynced = unsyncedDocsStorage(table);
    const readiness = readinessStorage(table);
    expect(await unsynced.load()).toEqual([]);
    expect(await readiness.load()).toBeNull();
    await unsynced.save(['a', 'b']);
    await readiness.save({ syncedAt: 42, docIds: ['a'] });
    expect(await unsynced.load()).toEqual(['a', 'b']);
    expect(await readiness.load()).toEqual({ syncedAt: 42, docIds: ['a'] });
    expect(rows.get(META_ROW.unsynced)).toEqual({ kind: 'unsynced', docIds: ['a', 'b'] });
    expect(rows.get(META_ROW.readiness)).toEqual({ kind: 'readiness', syncedAt: 42, docIds: ['a'] });
  });
});
