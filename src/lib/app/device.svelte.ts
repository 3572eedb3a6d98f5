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
 *
 * This module is the state machine (status, user, notice) and its transitions; the pieces it
 * drives live beside it: device-unlocked.ts (what lives while unlocked: open / close),
 * device-passwords.ts (unlocking, and re-wrapping the key when passwords disagree),
 * device-server.ts (is the server session alive, was the device revoked), device-unsynced.ts
 * (what the server still lacks), device-meta-rows.ts (cached rows in the device store),
 * device-wipe.ts (wiping every user's data), device-auto-lock.ts and device-types.ts (the
 * types shown to callers, re-exported here).
 */
import { api as defaultApi, type ApiClient, type ApiError } from '$lib/api/client';
import type { Me } from '$lib/api/schemas';
import { openDeviceStore } from '$lib/persistence/device-store';
import type { KeyringChange } from '$lib/persistence/keyring';
import { getStorageStatus, type StorageStatus } from '$lib/persistence/storage';
import type { DocPersistence } from '$lib/persistence/types';
import type { SyncRegistry } from '$lib/sync/doc-registry';
import type { SyncStatusState } from '$lib/sync/sync-status.svelte';
import { blurActiveElement } from './device-auto-lock.ts';
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
import { offlineMe, readCachedMe, writeCachedMe } from './device-meta-rows.ts';
import type { DirectoryRecord, OutboxRecord } from './device-records.ts';
import { PasswordHandover, unlockKeyring } from './device-passwords.ts';
import { fetchDeviceRevoked, reconnectServer } from './device-server.ts';
import type {
  DeviceNotice,
  DeviceStatus,
  GuardedResult,
  UnlockResult,
  UnsyncedItem
} from './device-types.ts';
import { UnlockedDevice, type AppDeviceStore } from './device-unlocked.ts';
import { collectUnsynced } from './device-unsynced.ts';
import { wipeAllDeviceDatabases } from './device-wipe.ts';
import { directory as defaultDirectory, type DirectoryState } from './directory.svelte.ts';
import { readiness as defaultReadiness, type OfflineReadiness } from './offline.svelte.ts';
import { session as defaultSession, type SessionState } from './session.svelte.ts';

export type {
  DeviceNotice,
  DeviceStatus,
  GuardedResult,
  UnlockResult,
  UnsyncedItem
} from './device-types.ts';

/** What a DeviceSession uses instead of the app's singletons (tests pass their own). */
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
  #store: AppDeviceStore | null = null;
  readonly #unlocked: UnlockedDevice;
  #starting: Promise<void> | null = null;
  /** Passwords held while the server and the device disagree (see device-passwords.ts). */
  readonly #passwords = new PasswordHandover();

  constructor(deps: DeviceSessionDeps = {}) {
    this.#api = deps.api ?? defaultApi;
    this.#session = deps.session ?? defaultSession;
    this.directory = deps.directory ?? defaultDirectory;
    this.readiness = deps.readiness ?? defaultReadiness;
    this.#unlocked = new UnlockedDevice(this, this.#api, () => this.#onSessionExpired());
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
    const result = await unlockKeyring(store.keyring, password);
    if (!result.ok) {
      if (result.reason === 'wrong-password') this.attemptsLeft = result.attemptsLeft;
      else this.#afterWipe('wiped-attempts');
      return result;
    }
    this.attemptsLeft = null;
    // If the server already accepted a newer password: protect the data with it from now on.
    await this.#passwords.afterUnlock(store.keyring, password);
    const cachedMe = await readCachedMe(store.directory);
    // Online, make sure the server session lives; a login from here opens the device session
    // through the afterLogin hook.
    const server = await reconnectServer(this.#api, this.#session, user, password);
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
        this.#passwords.holdOlder(password);
        this.notice = 'password-changed';
        this.#session.sessionEnded();
      }
    }
    return { ok: true };
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
    this.#passwords.dropNewer();
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
    this.#unlocked.activity();
  }

  /** Changes the auto-lock delay on this device. Throws RangeError for an unoffered value. */
  setAutoLockMinutes(minutes: number): void {
    saveAutoLockMinutes(minutes);
    this.autoLockMinutes = minutes;
    this.#unlocked.setAutoLockMinutes(minutes);
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
    const tracker = this.#unlocked.unsynced;
    if (!tracker) return [];
    const { registry, directory } = this;
    return collectUnsynced({ tracker, registry, directory, online: () => navigator.onLine, waitMs });
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
    const revoked = await fetchDeviceRevoked(this.#api, deviceId());
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
      await this.#passwords.afterLogin(this.#store?.keyring, password);
      if (this.notice === 'password-changed') this.notice = null;
      await this.#cacheMe(me);
      this.registry?.resume();
      void this.readiness.pull();
      return;
    }
    if (this.status === 'unlocked') await this.lock();
    let store: AppDeviceStore;
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
      const result = await unlockKeyring(store.keyring, password);
      if (!result.ok && result.reason === 'wrong-password') {
        // The server accepts this password, but the device's data is protected by an older
        // one (changed on another device): ask for the older one once, then re-wrap.
        this.#passwords.holdNewer(password);
        this.notice = 'password-changed';
        this.attemptsLeft = result.attemptsLeft;
        this.status = 'locked';
        return;
      }
      if (!result.ok) {
        this.#afterWipe('wiped-attempts');
        return;
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

  async #openStore(user: DeviceUser): Promise<AppDeviceStore> {
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

  #onKeyring(store: AppDeviceStore, change: KeyringChange): void {
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

  /** Builds everything that lives while unlocked (see UnlockedDevice.open). */
  async #openSession(user: DeviceUser, me: Me | null): Promise<void> {
    const store = this.#store;
    if (!store) return;
    await this.#unlocked.open(store, user, me);
  }

  async #onSessionExpired(): Promise<void> {
    if (await this.checkRevoked()) return;
    this.#session.sessionEnded();
  }

  async #cacheMe(me: Me): Promise<void> {
    if (this.#store) await writeCachedMe(this.#store.directory, me);
  }

  /** Closes everything that lives while unlocked and clears it from memory. Idempotent. */
  #teardown(): Promise<void> {
    return this.#unlocked.close();
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
    await wipeAllDeviceDatabases();
    renewDeviceId();
    this.#session.sessionEnded();
  }

  #afterWipe(notice: DeviceNotice): void {
    forgetDeviceUser();
    this.#store = null;
    this.#passwords.forget();
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

/** The app's device session. */
export const device = new DeviceSession();
