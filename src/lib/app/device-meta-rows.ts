/**
 * The device-state rows the session keeps in the encrypted directory table (see META_ROW in
 * device-records.ts): the signed-in user's details (for the shell offline), the documents with
 * unconfirmed changes, and the last full background sync. Reads tolerate a row of another kind
 * (treated as absent), so an odd row never blocks unlocking.
 */
import type { Me } from '$lib/api/schemas';
import type { SealedTable } from '$lib/persistence/sealed-table';
import type { DeviceUser } from './device-identity.ts';
import { META_ROW, type DirectoryRecord, type ReadinessRecord } from './device-records.ts';
import type { UnsyncedDocsStorage } from './unsynced-docs.ts';

/** The part of the directory table these rows need. */
export type MetaTable = Pick<SealedTable<DirectoryRecord>, 'get' | 'put'>;

/** The cached details of the signed-in user, or null when none (or unreadable). Never throws. */
export async function readCachedMe(table: MetaTable): Promise<Me | null> {
  const cached = await table.get(META_ROW.me).catch(() => undefined);
  return cached?.value.kind === 'me' ? cached.value.me : null;
}

/** Caches the signed-in user's details; a failed write is ignored (the cache is a convenience). */
export async function writeCachedMe(table: MetaTable, me: Me): Promise<void> {
  await table.put(META_ROW.me, { kind: 'me', me }).catch(() => undefined);
}

/** Where UnsyncedDocs keeps its list of documents with unconfirmed changes. */
export function unsyncedDocsStorage(table: MetaTable): UnsyncedDocsStorage {
  return {
    load: async () => {
      const row = await table.get(META_ROW.unsynced);
      return row?.value.kind === 'unsynced' ? row.value.docIds : [];
    },
    save: async (docIds) => {
      await table.put(META_ROW.unsynced, { kind: 'unsynced', docIds: [...docIds] });
    }
  };
}

/** Where the background pull keeps its last full sync (null when there was none). */
export function readinessStorage(table: MetaTable): {
  load(): Promise<ReadinessRecord | null>;
  save(record: ReadinessRecord): Promise<void>;
} {
  return {
    load: async () => {
      const row = await table.get(META_ROW.readiness);
      return row?.value.kind === 'readiness'
        ? { syncedAt: row.value.syncedAt, docIds: row.value.docIds }
        : null;
    },
    save: async (record) => {
      await table.put(META_ROW.readiness, { kind: 'readiness', ...record });
    }
  };
}

/** What the shell needs to show offline when the device never cached the user's details. */
export function offlineMe(user: DeviceUser): Me {
  return { id: user.id, username: user.username, role: 'worker', displayName: user.username, language: 'fi' };
}
