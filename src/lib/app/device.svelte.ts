/**
 * The device session: this tablet's encrypted store for the signed-in user, and everything that
 * lives only while it is unlocked — the data key (inside the keyring), the sync registry with the
 * device store as its persistence, the directory and the background pull.
 *
 * States (`status`):
 * - `starting`: reading what the device holds;
 * - `signed-out`: the device holds no data for a known user: the normal login applies;
 * - `locked`: the device holds data of `user`; the unlock screen shows (works offline);
 * - `unlocked`: the data key is in memory; `registry` and `persistence` are set.
 *
 * The login password is the passphrase: the first login on a device creates the data key
 * wrapped by it, a later login or unlock unwraps it, and a password change re-wraps it.
 *
 * Locking (on demand, after inactivity, or from another tab) first hides the content (status
 * changes synchronously, so the root layout unmounts every view), then closes every document
 * once its pending writes are in IndexedDB, then drops the key. Logout and removing the data
 * are refused while the server lacks local changes, unless the caller passes `acceptLoss`.
 * A device an admin revoked wipes itself when it learns so.
 */
import { ApiError, api as defaultApi, type ApiClient } from '$lib/api/client';
import type { Me } from '$lib/api/schemas';
import { openableDocIds } from './directory-merge.ts';
import { attachSeenStore, detachSeenStore, type SeenTable } from './seen-store.ts';
import { AutoLock } from '$lib/persistence/auto-lock';
import { DeviceDb } from '$lib/persistence/device-db';
import { openDeviceStore, type DeviceStore } from '$lib/persistence/device-store';
import { WipedError, WrongPassphraseError } from '$lib/persistence/errors';
import { Keyring, type KeyringChange } from '$lib/persistence/keyring';
import { getStorageStatus, requestPersistentStorage, type StorageStatus } from '$lib/persistence/storage';
import type { DocPersistence } from '$lib/persistence/types';
import type { SyncRegistry } from '$lib/sync/doc-registry';
import { browserNetwork } from '$lib/sync/network';
import { SyncStatusState } from '$lib/sync/sync-status.svelte';
import {
  autoLockMinutes,
  deviceId,
  forgetDeviceUser,
  lastDeviceUser,
  rememberDeviceUser,
  renewDeviceId,
  saveAutoLockMinutes,
  type DeviceUser
} from './device-identity.ts';
import { META_ROW, type DirectoryRecord, type OutboxRecord, type ReadinessRecord } from './device-records.ts';
import { createDeviceRegistry } from './device-registry.ts';
import { directory as defaultDirectory, type DirectoryState } from './directory.svelte.ts';
import { readiness as defaultReadiness, type OfflineReadiness } from './offline.svelte.ts';
import { session as defaultSession, type SessionState } from './session.svelte.ts';
import { UnsyncedDocs } from './unsynced-docs.ts';

export type DeviceStatus = 'starting' | 'signed-out' | 'locked' | 'unlocked';

/** Something the next screen should tell the user about the device. */
export type DeviceNotice =
  /** Locked after inactivity. */
  | 'idle'
  /** Too many wrong passwords: the local data was wiped. */
  | 'wiped-attempts'
  /** An admin removed this device from use: the local data was wiped. */
  | 'wiped-revoked'
  /** The user removed their data from this device. */
  | 'removed'
  /** The data was removed in another tab. */
  | 'wiped-elsewhere'
  /** The server has a newer password than the one protecting this device's data. */
  | 'password-changed'
  | null;

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong-password'; attemptsLeft: number }
  /** Too many wrong passwords: the local data was wiped. */
  | { ok: false; reason: 'wiped' };

/** A local change the server lacks: a document's edits, or a registration not yet sent. */
export interface UnsyncedItem {
  kind: 'document' | 'registration';
  docId: string;
  /** The participant's display name, when the directory knows it. */
  name: string | null;
}

export type GuardedResult = { done: true } | { done: false; unsynced: UnsyncedItem[] };

/** Minutes → ms. */
const MINUTE_MS = 60_000;
/** Device database names start with this (see deviceDbName). */
const DEVICE_DB_PREFIX = 'rinnalla-';

export interface DeviceSessionDeps {
  api?: ApiClient;
  session?: SessionState;
  directory?: DirectoryState;
  readiness?: OfflineReadiness;
}

export class DeviceSession {
  status = $state<DeviceStatus>('starting');
  /** The user whose data the device holds (also while locked). */
  user = $state.raw<DeviceUser | null>(null);
  notice = $state<DeviceNotice>(null);
  /** Attempts left before the wipe, after a wrong password (null when none was wrong). */
  attemptsLeft = $state<number | null>(null);
  /** While unlocked: the sync registry, its app status, and the encrypted doc store. */
  registry = $state.raw<SyncRegistry | null>(null);
  syncStatus = $state.raw<SyncStatusState | null>(null);
  persistence = $state.raw<DocPersistence | null>(null);
  /** Inactivity before the app locks itself, in minutes (per device). */
  autoLockMinutes = $state(autoLockMinutes());
  /** Persistent storage and usage, as last read (settings). */
  storage = $state.raw<StorageStatus | null>(null);
  /** The browser refused the device database: the app works online only, nothing is kept. */
  storageUnavailable = $state(false);

  readonly directory: DirectoryState;
  readonly readiness: OfflineReadiness;
  readonly #api: ApiClient;
  readonly #session: SessionState;
  #store: DeviceStore<OutboxRecord, DirectoryRecord> | null = null;
  #unsynced: UnsyncedDocs | null = null;
  #autoLock: AutoLock | null = null;
  #teardownHooks: (() => void)[] = [];
  #starting: Promise<void> | null = null;
  /**
   * Passwords held briefly when the server and the device disagree: after a login whose password
   * no longer unwraps the key, the new one (until the old one unlocks); after an unlock whose
   * password the server refused, the old one (until a login with the new one). Then re-wrapped.
   */
  #pendingPassword: string | null = null;
  #previousPassword: string | null = null;

  constructor(deps: DeviceSessionDeps = {}) {
    this.#api = deps.api ?? defaultApi;
    this.#session = deps.session ?? defaultSession;
    this.directory = deps.directory ?? defaultDirectory;
    this.readiness = deps.readiness ?? defaultReadiness;
    this.#session.useDevice({
      deviceId: () => deviceId(),
      afterLogin: (me, password) => this.#afterLogin(me, password),
      loginRefused: (error) => this.#loginRefused(error),
      passwordChanged: (current, next) => this.#passwordChanged(current, next),
      sessionEnded: () => void this.checkRevoked()
    });
  }

  /**
   * The server session lives but this device holds no data for the user (a session from before,
   * or the data was removed): the password is needed once to set the device up (`setUp`).
   */
  get needsSetup(): boolean {
    const phase = this.#session.phase;
    return (
      !this.storageUnavailable &&
      this.status === 'signed-out' &&
      (phase === 'ready' || phase === 'must-change-password')
    );
  }

  /** This browser profile's device id. */
  get id(): string {
    return deviceId();
  }

  /**
   * Reads what the device holds: the last user's data (→ `locked`) or nothing (→ `signed-out`).
   * When online, first asks the server whether this device was revoked (and wipes it if so).
   * Idempotent.
   */
  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    const user = lastDeviceUser();
    if (!user) {
      this.status = 'signed-out';
      return;
    }
    if (await this.checkRevoked()) return;
    try {
      const store = await this.#openStore(user);
      if (store.keyring.state === 'no-key') {
        forgetDeviceUser();
        this.user = null;
        this.status = 'signed-out';
        return;
      }
      this.user = user;
      this.status = 'locked';
    } catch {
      // The database cannot be opened (storage blocked): the app still works online.
      this.storageUnavailable = true;
      this.status = 'signed-out';
    }
  }

  /**
   * Unlocks with the password (offline too). Then, when online, makes sure the server session
   * lives: the same password logs in again if it has ended.
   */
  async unlock(password: string): Promise<UnlockResult> {
    const store = this.#store;
    const user = this.user;
    if (!store || !user || this.status !== 'locked') return { ok: true };
    try {
      await store.keyring.unlock(password);
    } catch (error) {
      if (error instanceof WrongPassphraseError) {
        this.attemptsLeft = error.attemptsLeft;
        return { ok: false, reason: 'wrong-password', attemptsLeft: error.attemptsLeft };
      }
      if (error instanceof WipedError) {
        this.#afterWipe('wiped-attempts');
        return { ok: false, reason: 'wiped' };
      }
      throw error;
    }
    this.attemptsLeft = null;
    if (this.#pendingPassword !== null) {
      // The server already accepted a newer password: protect the data with it from now on.
      const next = this.#pendingPassword;
      this.#pendingPassword = null;
      await store.keyring.changePassphrase(password, next);
    }
    const cached = await store.directory.get(META_ROW.me).catch(() => undefined);
    const cachedMe = cached?.value.kind === 'me' ? cached.value.me : null;
    // Online, make sure the server session lives; a login from here opens the device session
    // through the afterLogin hook.
    const server = await this.#reconnect(user, password);
    // The login may have changed the status meanwhile (opened the session, or wiped a revoked
    // device): read it afresh.
    const now = this.#statusNow();
    if (now === 'signed-out') return { ok: true };
    if (now !== 'unlocked') await this.#openSession(user, server.me ?? cachedMe);
    if (server.me) {
      this.#session.restore(server.me);
      await this.#cacheMe(server.me);
    } else {
      this.#session.restore(cachedMe ?? offlineMe(user));
      if (server.passwordChanged) {
        // The server has a newer password. Keep the one that unlocked until the user logs in
        // with the new one, so the data can then be protected by it.
        this.#previousPassword = password;
        this.notice = 'password-changed';
        this.#session.sessionEnded();
      }
    }
    return { ok: true };
  }

  /**
   * Makes sure the server session of `user` lives: asks who is logged in, and logs in with the
   * same password if nobody (or someone else) is. `me` is null when offline or refused.
   */
  async #reconnect(user: DeviceUser, password: string): Promise<{ me: Me | null; passwordChanged: boolean }> {
    if (typeof navigator !== 'undefined' && !navigator.onLine) return { me: null, passwordChanged: false };
    try {
      const me = await this.#api.get<Me>('/api/me', { expectUnauthorized: true });
      if (me.id === user.id) return { me, passwordChanged: false };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) return { me: null, passwordChanged: false };
    }
    try {
      await this.#session.login(user.username, password);
      return { me: this.#session.me, passwordChanged: false };
    } catch (error) {
      const refused = error instanceof ApiError && error.status === 401;
      return { me: null, passwordChanged: refused };
    }
  }

  /**
   * The server session lives but this device has no usable key: the password sets it up
   * (a fresh login, which also records the device). Throws ApiError like a login.
   */
  async setUp(password: string): Promise<void> {
    const me = this.#session.me;
    if (!me) throw new Error('setUp needs a server session.');
    await this.#session.login(me.username, password);
  }

  /**
   * From the unlock screen: let another user log in. This user's data stays encrypted on the
   * device (the next start still offers to unlock it until another user logs in).
   */
  async switchUser(): Promise<void> {
    if (this.status !== 'locked') return;
    await this.#closeStore();
    this.user = null;
    this.notice = null;
    this.attemptsLeft = null;
    this.#pendingPassword = null;
    this.status = 'signed-out';
    // A live server session of this user would lead straight back to them: end it (the
    // other user logs in next). Offline, the app says the server cannot be reached.
    if (navigator.onLine) {
      await this.#session.logout().catch(() => this.#session.sessionEnded());
    } else if (this.#session.phase === 'loading') {
      await this.#session.load();
    }
  }

  /** Locks now (user menu, auto-lock). Pending edits are written to the device first. */
  async lock(reason: 'locked' | 'idle' = 'locked'): Promise<void> {
    const store = this.#store;
    if (!store || this.status !== 'unlocked') return;
    // A field commits its draft on `change`, which fires when it loses focus: leave the field
    // first, so the typed text goes into the document (and on to IndexedDB) before the views go.
    blurActiveElement();
    this.status = 'locked';
    this.notice = reason === 'idle' ? 'idle' : null;
    // The teardown runs as the keyring's before-lock hook: documents close (their writes
    // finish) before the key is dropped.
    await store.keyring.lock(reason);
    await this.#teardown();
  }

  /** Records user activity (resets the auto-lock timer). Cheap: call it on every input. */
  activity(): void {
    this.#autoLock?.activity();
  }

  /** Changes the auto-lock delay on this device. Throws RangeError for an unoffered value. */
  setAutoLockMinutes(minutes: number): void {
    saveAutoLockMinutes(minutes);
    this.autoLockMinutes = minutes;
    this.#autoLock?.setTimeoutMs(minutes * MINUTE_MS);
  }

  /** Re-reads persistent storage and usage. */
  async refreshStorage(): Promise<StorageStatus> {
    this.storage = await getStorageStatus();
    return this.storage;
  }

  /**
   * Local changes the server lacks: documents with unconfirmed edits (remembered across
   * restarts) and registrations not yet sent. Online, documents get a short chance to sync first.
   */
  async unsynced(waitMs = 3_000): Promise<UnsyncedItem[]> {
    const tracker = this.#unsynced;
    if (!tracker) return [];
    let ids = tracker.list();
    const registry = this.registry;
    if (ids.length > 0 && registry && navigator.onLine) {
      // Opening the docs sends what they hold; wait briefly for the server to confirm.
      const handles = ids.map((id) => registry.open(id));
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline && ids.some((id) => tracker.has(id))) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const handle of handles) handle.release();
      ids = tracker.list();
    }
    await tracker.flush().catch(() => undefined);
    const items: UnsyncedItem[] = ids.map((docId) => ({
      kind: 'document',
      docId,
      name: this.directory.nameOf(docId)
    }));
    for (const p of this.directory.participants) {
      if (p.pending) items.push({ kind: 'registration', docId: p.docId, name: p.displayName });
    }
    return items;
  }

  /**
   * Logs out and removes this user's data from the device. Refused (`done: false`, with the
   * unsynced items) while the server lacks local changes, unless `acceptLoss`. Throws ApiError
   * when the server cannot be reached (nothing is removed then).
   */
  async logout(options: { acceptLoss?: boolean } = {}): Promise<GuardedResult> {
    if (!options.acceptLoss) {
      const unsynced = await this.unsynced();
      if (unsynced.length > 0) return { done: false, unsynced };
    }
    await this.#session.logout();
    await this.#wipe(null);
    return { done: true };
  }

  /**
   * Removes this user's data from the device (and logs out when the server can be reached).
   * Refused like `logout` unless `acceptLoss`.
   */
  async removeData(options: { acceptLoss?: boolean } = {}): Promise<GuardedResult> {
    if (!options.acceptLoss) {
      const unsynced = await this.unsynced();
      if (unsynced.length > 0) return { done: false, unsynced };
    }
    await this.#wipe('removed');
    await this.#session.logout().catch(() => this.#session.sessionEnded());
    return { done: true };
  }

  /**
   * Asks the server whether an admin revoked this device; if so, wipes every user's data on it.
   * Resolves true when it wiped. Offline (or any failure) resolves false.
   */
  async checkRevoked(): Promise<boolean> {
    // Offline there is nobody to ask (and a request would only fail).
    if (typeof navigator !== 'undefined' && !navigator.onLine) return false;
    let revoked: boolean;
    try {
      const answer = await this.#api.get<{ revoked: boolean }>(
        `/api/devices/${encodeURIComponent(deviceId())}/status`,
        { expectUnauthorized: true }
      );
      revoked = answer.revoked === true;
    } catch {
      return false;
    }
    if (revoked) await this.#wipeRevoked();
    return revoked;
  }

  /** Clears a notice once shown. */
  dismissNotice(): void {
    this.notice = null;
  }

  /** The status as it is now (after awaits; keeps TypeScript from narrowing a stale read). */
  #statusNow(): DeviceStatus {
    return this.status;
  }

  // --- session hooks ---

  async #afterLogin(me: Me, password: string): Promise<void> {
    const user: DeviceUser = { id: me.id, username: me.username };
    if (this.status === 'unlocked' && this.user?.id === me.id) {
      const previous = this.#previousPassword;
      this.#previousPassword = null;
      if (previous !== null && previous !== password) {
        await this.#store?.keyring.changePassphrase(previous, password);
      }
      if (this.notice === 'password-changed') this.notice = null;
      await this.#cacheMe(me);
      this.registry?.resume();
      void this.readiness.pull();
      return;
    }
    if (this.status === 'unlocked') await this.lock();
    let store: DeviceStore<OutboxRecord, DirectoryRecord>;
    try {
      store = await this.#openStore(user);
    } catch {
      // The browser refuses IndexedDB (e.g. a private window): work online, without a device copy.
      this.storageUnavailable = true;
      return;
    }
    this.user = user;
    rememberDeviceUser(user);
    if (store.keyring.state === 'no-key') {
      await store.keyring.createKey(password);
    } else if (store.keyring.state === 'locked') {
      try {
        await store.keyring.unlock(password);
      } catch (error) {
        if (error instanceof WrongPassphraseError) {
          // The server accepts this password, but the device's data is protected by an older
          // one (changed on another device): ask for the older one once, then re-wrap.
          this.#pendingPassword = password;
          this.notice = 'password-changed';
          this.attemptsLeft = error.attemptsLeft;
          this.status = 'locked';
          return;
        }
        if (error instanceof WipedError) {
          this.#afterWipe('wiped-attempts');
          return;
        }
        throw error;
      }
    }
    this.notice = null;
    await this.#openSession(user, me);
    await this.#cacheMe(me);
  }

  async #loginRefused(error: ApiError): Promise<void> {
    if (error.status === 403 && error.code === 'device_revoked') await this.#wipeRevoked();
  }

  async #passwordChanged(current: string, next: string): Promise<void> {
    const store = this.#store;
    if (store && this.status === 'unlocked') await store.keyring.changePassphrase(current, next);
    // Calls refused while the password had to change (the first pull) can run now.
    void this.readiness.pull();
  }

  // --- internals ---

  async #openStore(user: DeviceUser): Promise<DeviceStore<OutboxRecord, DirectoryRecord>> {
    if (this.#store && this.user?.id === user.id && this.#store.keyring.state !== 'wiped') {
      return this.#store;
    }
    await this.#closeStore();
    const store = await openDeviceStore<OutboxRecord, DirectoryRecord>(user.id);
    this.#store = store;
    store.keyring.subscribe((change) => this.#onKeyring(store, change));
    return store;
  }

  async #closeStore(): Promise<void> {
    const store = this.#store;
    this.#store = null;
    if (store) await store.close();
  }

  #onKeyring(store: DeviceStore<OutboxRecord, DirectoryRecord>, change: KeyringChange): void {
    if (store !== this.#store) return;
    if (change.state === 'locked' && this.status === 'unlocked') {
      // Another tab locked (the teardown hook normally got here first): hide everything now.
      this.status = 'locked';
      this.notice = change.reason === 'idle' ? 'idle' : null;
      void this.#teardown();
    } else if (change.state === 'wiped' && change.reason === 'remote-wipe') {
      void this.#teardown();
      this.#afterWipe('wiped-elsewhere');
    }
  }

  /** Builds everything that lives while unlocked. */
  async #openSession(user: DeviceUser, me: Me | null): Promise<void> {
    const store = this.#store;
    if (!store) return;
    const unsynced = await UnsyncedDocs.open({
      load: async () => {
        const row = await store.directory.get(META_ROW.unsynced);
        return row?.value.kind === 'unsynced' ? row.value.docIds : [];
      },
      save: async (docIds) => {
        await store.directory.put(META_ROW.unsynced, { kind: 'unsynced', docIds: [...docIds] });
      }
    });
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
        mayConnect: (docId) => !this.directory.participants.some((p) => p.docId === docId && p.pending)
      },
      (docId, status) => unsynced.observe(docId, status)
    );
    this.registry = registry;
    this.persistence = store.docs;
    this.syncStatus = new SyncStatusState(registry);
    const network = browserNetwork(window);

    const autoLock = new AutoLock(
      {
        get state() {
          return store.keyring.state;
        },
        lock: async (reason) => {
          await this.lock(reason === 'idle' ? 'idle' : 'locked');
          return { errors: [] };
        },
        subscribe: (listener) => store.keyring.subscribe(listener)
      },
      { timeoutMs: this.autoLockMinutes * MINUTE_MS }
    );
    this.#autoLock = autoLock;
    const unhook = store.keyring.beforeLock(() => this.#teardown());
    const stopWatching = registry.subscribe((status) => {
      if (status.sessionExpired) void this.#onSessionExpired();
    });
    const onOnline = () => void this.directory.flush().catch(() => undefined);
    window.addEventListener('online', onOnline);
    this.#teardownHooks.push(unhook, stopWatching, () => window.removeEventListener('online', onOnline));
    this.status = 'unlocked';
    this.notice = null;

    await this.directory.attach({
      table: store.directory,
      outbox: store.outbox,
      api: this.#api,
      online: () => network.online,
      onChange: () => {
        this.registry?.connectWaiting();
        this.readiness.directoryChanged();
      }
    });
    // Ask once; Chromium decides (installed apps and engaged sites get it).
    void requestPersistentStorage().then(() => this.refreshStorage());
    // Admins manage accounts, not cases: there is nothing for them to pull.
    if (me?.role === 'admin') return;
    void this.readiness.start({
      registry,
      refreshDirectory: () => this.directory.refresh(),
      listedDocIds: () => openableDocIds(this.directory.participants, user.id),
      storedDocIds: () => store.docs.listDocIds(),
      unsyncedDocIds: () => unsynced.list(),
      load: async () => {
        const row = await store.directory.get(META_ROW.readiness);
        return row?.value.kind === 'readiness'
          ? { syncedAt: row.value.syncedAt, docIds: row.value.docIds }
          : null;
      },
      save: async (record: ReadinessRecord) => {
        await store.directory.put(META_ROW.readiness, { kind: 'readiness', ...record });
      },
      network
    });
  }

  async #onSessionExpired(): Promise<void> {
    if (await this.checkRevoked()) return;
    this.#session.sessionEnded();
  }

  async #cacheMe(me: Me): Promise<void> {
    await this.#store?.directory.put(META_ROW.me, { kind: 'me', me }).catch(() => undefined);
  }

  /** Closes everything that lives while unlocked and clears it from memory. Idempotent. */
  async #teardown(): Promise<void> {
    if (this.status === 'unlocked') {
      // Locked from another tab (this runs as the keyring's before-lock hook, while the key is
      // still here): save a draft still in a field, then hide everything.
      blurActiveElement();
      this.status = 'locked';
    }
    for (const stop of this.#teardownHooks.splice(0)) stop();
    this.#autoLock?.dispose();
    this.#autoLock = null;
    this.readiness.stop();
    this.directory.detach();
    detachSeenStore();
    this.syncStatus?.destroy();
    this.syncStatus = null;
    const registry = this.registry;
    this.registry = null;
    this.persistence = null;
    // Every pending write reaches IndexedDB before the registry lets go of its documents.
    await registry?.destroy();
    await this.#unsynced?.flush().catch(() => undefined);
    this.#unsynced = null;
  }

  /** Wipes this user's data (crypto-shredding first) and forgets them. */
  async #wipe(notice: DeviceNotice): Promise<void> {
    const store = this.#store;
    this.status = 'signed-out';
    await this.#teardown();
    if (store && store.keyring.state !== 'wiped') await store.keyring.wipe();
    await this.#closeStore();
    this.#afterWipe(notice);
  }

  /** Revoked: wipes every user's data on this device, then takes a fresh device id. */
  async #wipeRevoked(): Promise<void> {
    await this.#wipe('wiped-revoked');
    const names = (await indexedDB.databases?.().catch(() => [])) ?? [];
    for (const { name } of names) {
      if (!name?.startsWith(DEVICE_DB_PREFIX)) continue;
      const db = new DeviceDb(name);
      try {
        await db.open();
        await (await Keyring.open(db, { broadcast: false })).wipe();
      } catch {
        // Not one of ours, or already gone.
      } finally {
        db.close();
      }
    }
    renewDeviceId();
    this.#session.sessionEnded();
  }

  #afterWipe(notice: DeviceNotice): void {
    forgetDeviceUser();
    this.#store = null;
    this.#pendingPassword = null;
    this.#previousPassword = null;
    this.user = null;
    this.attemptsLeft = null;
    this.status = 'signed-out';
    this.notice = notice;
    if (notice === 'wiped-attempts') {
      // Whoever guessed at the lock screen must not keep the server session either.
      if (navigator.onLine) void this.#session.logout().catch(() => this.#session.sessionEnded());
      else this.#session.sessionEnded();
    } else if (this.#session.phase === 'loading') {
      // Wiped before the server was asked who is logged in (at the unlock screen): ask now.
      void this.#session.load();
    }
  }
}

function blurActiveElement(): void {
  if (typeof document === 'undefined') return;
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
}

/** What the shell needs to show offline when the device never cached the user's details. */
function offlineMe(user: DeviceUser): Me {
  return { id: user.id, username: user.username, role: 'worker', displayName: user.username, language: 'fi' };
}

/** The app's device session. */
export const device = new DeviceSession();
