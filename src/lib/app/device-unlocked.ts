/**
 * Everything the device session keeps only while unlocked: the unsynced-documents tracker, the
 * seen store, the sync registry (with the device store as its persistence) and its app status,
 * the inactivity lock, the attached directory and the background pull. `open` builds it and
 * writes the reactive parts into the session (the host), `close` undoes exactly that.
 *
 * Open and close live together because they must mirror each other: close runs as the keyring's
 * before-lock hook, so every pending write reaches IndexedDB before the key is dropped.
 */
import type { ApiClient } from '$lib/api/client';
import type { Me } from '$lib/api/schemas';
import type { AutoLock } from '$lib/persistence/auto-lock';
import type { DeviceStore } from '$lib/persistence/device-store';
import { requestPersistentStorage } from '$lib/persistence/storage';
import type { DocPersistence } from '$lib/persistence/types';
import type { SyncRegistry } from '$lib/sync/doc-registry';
import { browserNetwork } from '$lib/sync/network';
import { SyncStatusState } from '$lib/sync/sync-status.svelte';
import { blurActiveElement, createDeviceAutoLock, MINUTE_MS } from './device-auto-lock.ts';
import type { DeviceUser } from './device-identity.ts';
import { readinessStorage, unsyncedDocsStorage } from './device-meta-rows.ts';
import type { DirectoryRecord, OutboxRecord } from './device-records.ts';
import { createDeviceRegistry } from './device-registry.ts';
import type { DeviceNotice, DeviceStatus } from './device-types.ts';
import { openableDocIds } from './directory-merge.ts';
import type { DirectoryState } from './directory.svelte.ts';
import type { OfflineReadiness } from './offline.svelte.ts';
import { attachSeenStore, detachSeenStore, type SeenTable } from './seen-store.ts';
import { UnsyncedDocs } from './unsynced-docs.ts';

/** The device store of the signed-in user, with the app's record shapes. */
export type AppDeviceStore = DeviceStore<OutboxRecord, DirectoryRecord>;

/** The device session's reactive state that the unlocked parts set and clear. */
export interface UnlockedHost {
  status: DeviceStatus;
  notice: DeviceNotice;
  registry: SyncRegistry | null;
  syncStatus: SyncStatusState | null;
  persistence: DocPersistence | null;
  readonly autoLockMinutes: number;
  readonly directory: DirectoryState;
  readonly readiness: OfflineReadiness;
  /** The session's own lock (the inactivity lock goes through it). */
  lock(reason: 'locked' | 'idle'): Promise<void>;
  /** Re-reads persistent storage (after asking for it once). */
  refreshStorage(): Promise<unknown>;
}

/** The parts of an unlocked device that are not reactive state; one per device session. */
export class UnlockedDevice {
  readonly #host: UnlockedHost;
  readonly #api: ApiClient;
  readonly #onSessionExpired: () => Promise<void>;
  #unsynced: UnsyncedDocs | null = null;
  #autoLock: AutoLock | null = null;
  #teardownHooks: (() => void)[] = [];

  /** `onSessionExpired` runs when the registry says the server session has ended. */
  constructor(host: UnlockedHost, api: ApiClient, onSessionExpired: () => Promise<void>) {
    this.#host = host;
    this.#api = api;
    this.#onSessionExpired = onSessionExpired;
  }

  /** The unsynced-documents tracker while unlocked (null once closed). */
  get unsynced(): UnsyncedDocs | null {
    return this.#unsynced;
  }

  /** Records user activity (resets the inactivity timer, if running). */
  activity(): void {
    this.#autoLock?.activity();
  }

  /** Applies a new inactivity delay to the running timer, if any. */
  setAutoLockMinutes(minutes: number): void {
    this.#autoLock?.setTimeoutMs(minutes * MINUTE_MS);
  }

  /**
   * Builds everything that lives while unlocked (the store's key must be in memory) and sets
   * the host `unlocked`. Resolves once the directory is attached; the pull runs on (not for
   * admins, who have no cases).
   */
  async open(store: AppDeviceStore, user: DeviceUser, me: Me | null): Promise<void> {
    const host = this.#host;
    const unsynced = await UnsyncedDocs.open(unsyncedDocsStorage(store.directory));
    this.#unsynced = unsynced;
    // What the user last saw of each case: read before any case page asks for it.
    await attachSeenStore(store.drafts as SeenTable, (error) =>
      console.warn('Could not remember what was seen on this device', error)
    );
    const registry = createDeviceRegistry(
      {
        user: { id: user.id, name: me?.displayName ?? user.username },
        persistence: store.docs,
        // A case registered offline syncs once the server has accepted its registration.
        mayConnect: (docId) => !host.directory.participants.some((p) => p.docId === docId && p.pending)
      },
      (docId, status) => unsynced.observe(docId, status)
    );
    host.registry = registry;
    host.persistence = store.docs;
    host.syncStatus = new SyncStatusState(registry);
    const network = browserNetwork(window);

    this.#autoLock = createDeviceAutoLock(store.keyring, (reason) => host.lock(reason), host.autoLockMinutes);
    const unhook = store.keyring.beforeLock(() => this.close());
    const stopWatching = registry.subscribe((status) => {
      if (status.sessionExpired) void this.#onSessionExpired();
    });
    const onOnline = () => void host.directory.flush().catch(() => undefined);
    window.addEventListener('online', onOnline);
    this.#teardownHooks.push(unhook, stopWatching, () => window.removeEventListener('online', onOnline));
    host.status = 'unlocked';
    host.notice = null;

    await host.directory.attach({
      table: store.directory,
      outbox: store.outbox,
      api: this.#api,
      online: () => network.online,
      onChange: () => {
        host.registry?.connectWaiting();
        host.readiness.directoryChanged();
      }
    });
    // Ask once; Chromium decides (installed apps and engaged sites get it).
    void requestPersistentStorage().then(() => host.refreshStorage());
    // Admins manage accounts, not cases: there is nothing for them to pull.
    if (me?.role === 'admin') return;
    void host.readiness.start({
      registry,
      refreshDirectory: () => host.directory.refresh(),
      listedDocIds: () => openableDocIds(host.directory.participants, user.id),
      storedDocIds: () => store.docs.listDocIds(),
      unsyncedDocIds: () => unsynced.list(),
      ...readinessStorage(store.directory),
      network
    });
  }

  /**
   * Closes everything that lives while unlocked and clears it from memory and from the host
   * (which it sets `locked` if it was `unlocked`). Resolves once every pending write is stored.
   * Idempotent.
   */
  async close(): Promise<void> {
    const host = this.#host;
    if (host.status === 'unlocked') {
      // Locked from another tab (this runs as the keyring's before-lock hook, while the key is
      // still here): save a draft still in a field, then hide everything.
      blurActiveElement();
      host.status = 'locked';
    }
    for (const stop of this.#teardownHooks.splice(0)) stop();
    this.#autoLock?.dispose();
    this.#autoLock = null;
    host.readiness.stop();
    host.directory.detach();
    detachSeenStore();
    host.syncStatus?.destroy();
    host.syncStatus = null;
    const registry = host.registry;
    host.registry = null;
    host.persistence = null;
    // Every pending write reaches IndexedDB before the registry lets go of its documents.
    await registry?.destroy();
    await this.#unsynced?.flush().catch(() => undefined);
    this.#unsynced = null;
  }
}
