/**
 * The registry of open documents: one Y.Doc and one stock y-websocket `WebsocketProvider` per
 * document id, shared by every view that opens it.
 *
 * Lifecycle of a document
 * 1. `open(docId)` makes the doc and a provider that does not connect yet.
 * 2. With a device store, the doc is loaded from it first (so it works offline), and every later
 *    update, local or remote, is appended to it. The loaded state becomes the ledger's baseline.
 * 3. Then the provider connects. The server's extension message MESSAGE_PERSISTED feeds the
 *    pending-changes ledger; its SyncStep2 replies confirm deletions (see pending-changes.ts).
 * 4. Views release their handles; after the last one, the doc closes after `closeDelayMs`. A doc
 *    with changes the server has not confirmed stays open until it has them, unless it is offline
 *    (or stopped) and the device store holds them: closing a view never drops an edit.
 *
 * Connection handling
 * - y-websocket reconnects with exponential backoff (100 ms · 2^n, capped at `maxBackoffMs`) and
 *   resets it after a successful sync. The browser's `online` event reconnects at once;
 *   `offline` disconnects (the sockets are dead anyway) and the status says offline.
 * - Close 4401, or HTTP 401 on a reconnect: the session ended. Every doc stops, edits stay in
 *   memory and on the device, `sessionExpired` is set; after a new login, `resume()` reconnects.
 *   A browser cannot see an upgrade's HTTP status, so after a failed attempt the registry asks
 *   `checkSession` (at most every `sessionCheckIntervalMs`).
 * - Close 4403 (or HTTP 403): that doc is `forbidden` and its socket stops. Access can come back
 *   (a worker taken off a team by mistake is put back), so while the doc stays open the registry
 *   asks `checkAccess` again after 5 s, 15 s, 60 s, then every 5 min, and at once when the network
 *   comes back, the page becomes visible or the user logs in again. On `granted` the doc
 *   reconnects as `retry()` would, and the edits kept meanwhile are sent. Without `checkAccess`
 *   (Node) `forbidden` stays until the doc is reopened.
 * - 4400, 4413 (or HTTP 404): that doc shows `error` and stops until `retry()`, because
 *   reconnecting would resend the same data.
 * - A browser sees a refused upgrade (403, 404) only as close 1006, like a server that is down.
 *   So when a doc's socket fails to open twice in a row while online, the registry asks
 *   `checkAccess` (`GET /api/docs/:docId/access`) and stops the doc on its answer: 403 →
 *   `forbidden`, 404 → `error` 404, 401 → the session ended. While the answer is "allowed" or
 *   cannot be had, it asks again after 4, 8, 16 … failures, so a network that drops websockets
 *   costs few requests.
 *
 * The pieces live beside it: doc-registry-options.ts (options, defaults, public types, re-exported
 * here), open-doc.ts (one doc's state), provider-events.ts (socket and message wiring),
 * access-checks.ts, forbidden-recheck.ts, session-check.ts, delete-check.ts, device-copy.ts and
 * doc-handle.ts.
 */
import * as Y from 'yjs';
import {
  CLOSE_FORBIDDEN,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_TOO_LARGE,
  CLOSE_UNAUTHORIZED
} from '../api/sync-protocol.ts';
import { scheduleDeleteCheck } from './delete-check.ts';
import { keepDeviceCopy, loadDeviceCopy } from './device-copy.ts';
import { noteFailedOpen, recheckForbidden, type AccessCheckHost } from './access-checks.ts';
import { createDocHandle } from './doc-handle.ts';
import {
  DOC_ID,
  FORBIDDEN_RECHECK_MS,
  SyncRegistryError,
  resolveOptions,
  type DocHandle,
  type ResolvedSyncRegistryOptions,
  type SyncRegistryOptions
} from './doc-registry-options.ts';
import { ALWAYS_ONLINE, type NetworkMonitor } from './network.ts';
import { OpenDoc, TERMINAL } from './open-doc.ts';
import { createProvider, installProviderHandlers } from './provider-events.ts';
import { awarenessUser, type PresenceUser } from './presence.ts';
import { SessionCheck } from './session-check.ts';
import { appStatus, sameStatus, type AppStatus, type ConnectionState } from './status.ts';
import { trackLocalChanges } from './yjs-changes.ts';

// The registry's public API: everything callers import from './doc-registry.ts'.
export {
  ACCESS_CHECK_AFTER_FAILURES,
  DEFAULT_CLOSE_DELAY_MS,
  DEFAULT_DELETE_CHECK_MS,
  DEFAULT_MAX_BACKOFF_MS,
  DEFAULT_SESSION_CHECK_MS,
  FORBIDDEN_RECHECK_MS,
  MAX_DELETE_CHECK_MS,
  SyncRegistryError,
  syncUrl,
  type DocAccessCheck,
  type DocHandle,
  type SyncRegistryOptions,
  type WebSocketClass
} from './doc-registry-options.ts';

/**
 * Opens documents and keeps them in sync. One registry per logged-in user and device.
 */
export class SyncRegistry {
  readonly #options: ResolvedSyncRegistryOptions;
  readonly #network: NetworkMonitor;
  readonly #docs = new Map<string, OpenDoc>();
  readonly #listeners = new Set<(status: AppStatus) => void>();
  #user: PresenceUser | null;
  #sessionExpired = false;
  readonly #sessionCheck: SessionCheck;
  /** The registry as the access checks see it. */
  readonly #access: AccessCheckHost;
  #status: AppStatus;
  #destroyed = false;
  readonly #unsubscribeNetwork: () => void;
  readonly #unsubscribeVisibility: () => void;

  constructor(options: SyncRegistryOptions) {
    this.#options = resolveOptions(options);
    this.#sessionCheck = new SessionCheck(options.checkSession, this.#options.sessionCheckIntervalMs, () => {
      if (!this.#destroyed) this.#expireSession(null);
    });
    this.#access = {
      checkAccess: options.checkAccess,
      online: () => this.#network.online,
      sessionExpired: () => this.#sessionExpired,
      isCurrent: (entry) => !this.#destroyed && this.#docs.get(entry.docId) === entry,
      stop: (entry, state, code, disconnect) => this.#stop(entry, state, code, disconnect),
      restart: (entry) => this.#restart(entry),
      expireSession: () => this.#expireSession(null)
    };
    this.#network = options.network ?? ALWAYS_ONLINE;
    this.#user = options.user ?? null;
    this.#status = this.#computeAppStatus();
    this.#unsubscribeNetwork = this.#network.subscribe((online) => this.#onNetwork(online));
    this.#unsubscribeVisibility =
      this.#network.subscribeVisible?.(() => this.#recheckAllForbidden()) ?? (() => undefined);
  }

  /** The app-wide status. */
  get status(): AppStatus {
    return this.#status;
  }

  /** True after the server ended the session; cleared by `resume()`. */
  get sessionExpired(): boolean {
    return this.#sessionExpired;
  }

  /** Ids of the documents open now (including those waiting for their delayed close). */
  openDocIds(): string[] {
    return [...this.#docs.keys()];
  }

  /** Calls `listener` now and on every change of the app status. */
  subscribe(listener: (status: AppStatus) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#status);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Opens `docId`, or shares the already open doc. Every call returns a new handle that must be
   * released. Throws SyncRegistryError for an unsafe id or a destroyed registry.
   */
  open(docId: string): DocHandle {
    if (this.#destroyed) throw new SyncRegistryError('destroyed', 'The sync registry was destroyed.');
    if (!DOC_ID.test(docId)) {
      throw new SyncRegistryError('invalid_doc_id', `Not a document id: ${JSON.stringify(docId)}.`);
    }
    const entry = this.#docs.get(docId) ?? this.#create(docId);
    entry.refs++;
    entry.closeDue = false;
    if (entry.closeTimer !== null) {
      clearTimeout(entry.closeTimer);
      entry.closeTimer = null;
    }
    return createDocHandle(entry, {
      retry: () => {
        if (entry.connection === 'error') this.#restart(entry);
      },
      release: () => this.#release(entry)
    });
  }

  /** Sets (or clears) the local user shown to others. */
  setUser(user: PresenceUser | null): void {
    this.#user = user;
    for (const entry of this.#docs.values()) this.#publishUser(entry);
  }

  /**
   * After a new login: clears `sessionExpired` and reconnects every doc that stopped for it.
   * Local edits made meanwhile are sent on reconnect. `forbidden` docs are checked again at once.
   */
  resume(): void {
    this.#sessionExpired = false;
    for (const entry of this.#docs.values()) {
      if (entry.connection === 'session-expired') {
        entry.connection = 'offline';
        // A doc still loading from the device connects when its load finishes.
        if (entry.loaded) this.#connect(entry);
      }
    }
    this.#emitAll();
    this.#recheckAllForbidden();
  }

  /** Connects the open docs that {@link SyncRegistryOptions.mayConnect} held back until now. */
  connectWaiting(): void {
    for (const entry of this.#docs.values()) {
      if (TERMINAL.has(entry.connection) || !entry.loaded || entry.opened) continue;
      if (entry.provider.shouldConnect) continue;
      this.#connect(entry);
    }
  }

  /** Resolves once every device-store append started so far has finished (or failed). */
  async whenStored(): Promise<void> {
    await Promise.allSettled([...this.#docs.values()].flatMap((e) => [...e.appends]));
  }

  /** Closes every doc now (after their appends finish). The registry cannot be used again. */
  async destroy(): Promise<void> {
    this.#destroyed = true;
    this.#unsubscribeNetwork();
    this.#unsubscribeVisibility();
    await Promise.all([...this.#docs.values()].map((e) => this.#close(e)));
  }

  #create(docId: string): OpenDoc {
    const { persistence } = this.#options;
    const doc = new Y.Doc();
    const provider = createProvider(this.#options, docId, doc);
    const entry: OpenDoc = new OpenDoc(
      docId,
      doc,
      provider,
      this.#options.deleteCheckDelayMs,
      this.#network.online,
      this.#options.forbiddenRecheckMs ?? FORBIDDEN_RECHECK_MS,
      () => recheckForbidden(this.#access, entry)
    );
    this.#docs.set(docId, entry);
    installProviderHandlers(entry, {
      changed: () => this.#emit(entry),
      connection: (state) => this.#setConnection(entry, state),
      awaitServerDeletes: (handshake) => this.#scheduleDeleteCheck(entry, handshake),
      upgradeRefused: (status) => this.#onUpgradeStatus(entry, status),
      closed: (event) => this.#onClose(entry, event)
    });

    entry.stop.push(
      trackLocalChanges(
        doc,
        (origin) => origin === provider || (persistence !== undefined && origin === persistence),
        (change) => {
          entry.ledger.addLocal(change);
          if (change.inserts.size === 0) this.#scheduleDeleteCheck(entry, true);
          this.#emit(entry);
        }
      )
    );
    if (persistence) entry.stop.push(keepDeviceCopy(entry, persistence, () => this.#emit(entry)));
    this.#publishUser(entry);

    entry.ready = this.#load(entry).then(() => {
      entry.loaded = true;
      if (this.#docs.get(docId) === entry) this.#connect(entry);
    });
    return entry;
  }

  async #load(entry: OpenDoc): Promise<void> {
    const { persistence } = this.#options;
    if (!persistence) return;
    await loadDeviceCopy(entry, persistence);
    this.#emit(entry);
  }

  /** Node only: `ws` reports the HTTP status of a refused upgrade in its error event. */
  #onUpgradeStatus(entry: OpenDoc, status: number | null): void {
    if (status === 401) this.#expireSession(null);
    else if (status === 403) this.#stop(entry, 'forbidden', null, true);
    else if (status === 404) this.#stop(entry, 'error', 404, true);
  }

  #onClose(entry: OpenDoc, event: CloseEvent | null): void {
    const wasOpen = entry.opened;
    entry.opened = false;
    const code = event?.code;
    // For 4400–4499 the provider has already stopped itself (its shouldReconnect says no), and
    // calling disconnect() from inside its close handler would re-enter it.
    if (code === CLOSE_UNAUTHORIZED) return this.#expireSession(entry);
    if (code === CLOSE_FORBIDDEN) return this.#stop(entry, 'forbidden', null, false);
    if (code !== undefined && code >= 4400 && code < 4500) return this.#stop(entry, 'error', code, false);
    // 1009 (message too big) is sent by the server's websocket layer itself. The stock provider
    // would reconnect and resend the same oversized update forever: stop it, after its handler.
    if (code === CLOSE_MESSAGE_TOO_BIG) {
      queueMicrotask(() => this.#stop(entry, 'error', CLOSE_TOO_LARGE, true));
      return;
    }
    this.#setConnection(entry, 'offline');
    if (event !== null && !wasOpen) {
      this.#sessionCheck.maybeAsk(this.#network.online, this.#sessionExpired);
      noteFailedOpen(this.#access, entry);
    }
  }

  /**
   * Stops one doc in a terminal state. Its edits stay; `retry()` restarts an `error`, a `granted`
   * re-check a `forbidden` one.
   */
  #stop(entry: OpenDoc, state: 'forbidden' | 'error', code: number | null, disconnect: boolean): void {
    const wasForbidden = entry.connection === 'forbidden';
    entry.connection = state;
    entry.errorCode = code;
    if (disconnect) entry.provider.disconnect();
    if (state !== 'forbidden') entry.recheck.cancel();
    else if (!wasForbidden) {
      entry.recheck.reset();
      this.#scheduleRecheck(entry);
    }
    this.#emit(entry);
  }

  /** Reconnects a stopped doc from a fresh start, as a new open would. */
  #restart(entry: OpenDoc): void {
    entry.recheck.cancel();
    entry.connection = 'offline';
    entry.errorCode = null;
    entry.provider.wsUnsuccessfulReconnects = 0;
    entry.failedOpens = 0;
    this.#connect(entry);
    this.#emit(entry);
  }

  /** Arms the next re-check of a `forbidden` doc at its current step of the backoff. */
  #scheduleRecheck(entry: OpenDoc): void {
    if (this.#options.checkAccess) entry.recheck.schedule();
  }

  /** Re-checks every `forbidden` doc now (the network or the page came back, a new login). */
  #recheckAllForbidden(): void {
    for (const entry of this.#docs.values())
      if (entry.connection === 'forbidden') recheckForbidden(this.#access, entry);
  }

  /** The session ended: stop every doc (`closing` stops by itself), keep every edit. */
  #expireSession(closing: OpenDoc | null): void {
    if (!this.#sessionExpired) {
      this.#sessionExpired = true;
      for (const entry of this.#docs.values()) {
        if (TERMINAL.has(entry.connection)) continue;
        entry.connection = 'session-expired';
        if (entry !== closing) entry.provider.disconnect();
      }
    }
    this.#emitAll();
  }

  #onNetwork(online: boolean): void {
    for (const entry of this.#docs.values()) {
      if (online && entry.connection === 'forbidden') recheckForbidden(this.#access, entry);
      if (TERMINAL.has(entry.connection) || !entry.loaded) continue;
      if (online) {
        // Skip the rest of the backoff: the network is back now.
        entry.provider.wsUnsuccessfulReconnects = 0;
        entry.failedOpens = 0;
        this.#connect(entry);
      } else {
        entry.provider.disconnect();
        entry.connection = 'offline';
      }
    }
    this.#emitAll();
  }

  #connect(entry: OpenDoc): void {
    if (this.#sessionExpired) {
      entry.connection = 'session-expired';
      this.#emit(entry);
      return;
    }
    if (!this.#network.online) return;
    if (this.#options.mayConnect && !this.#options.mayConnect(entry.docId)) return;
    entry.provider.connect();
  }

  #scheduleDeleteCheck(entry: OpenDoc, fresh: boolean): void {
    scheduleDeleteCheck(entry, fresh, this.#options.deleteCheckDelayMs);
  }

  #publishUser(entry: OpenDoc): void {
    const awareness = entry.provider.awareness;
    if (this.#user) awareness.setLocalStateField('user', awarenessUser(this.#user));
    else awareness.setLocalState({});
  }

  #setConnection(entry: OpenDoc, connection: ConnectionState): void {
    // Terminal states end only through retry(), resume() or a granted re-check, not through
    // socket chatter.
    if (TERMINAL.has(entry.connection)) return;
    entry.connection = connection;
    this.#emit(entry);
  }

  #emit(entry: OpenDoc): void {
    const next = entry.currentStatus(this.#network.online);
    if (!sameStatus(next, entry.status)) {
      entry.status = next;
      for (const l of [...entry.listeners]) l(next);
    }
    if (entry.closeDue) this.#closeIfSafe(entry);
    this.#emitApp();
  }

  #emitAll(): void {
    for (const entry of this.#docs.values()) this.#emit(entry);
    this.#emitApp();
  }

  #computeAppStatus(): AppStatus {
    return appStatus(
      [...this.#docs.values()].map((e) => e.status),
      { networkOnline: this.#network.online, sessionExpired: this.#sessionExpired }
    );
  }

  #emitApp(): void {
    const next = this.#computeAppStatus();
    if (sameStatus(next, this.#status)) return;
    this.#status = next;
    for (const l of [...this.#listeners]) l(next);
  }

  #release(entry: OpenDoc): void {
    entry.refs--;
    if (entry.refs > 0) return;
    entry.closeTimer = setTimeout(() => {
      entry.closeTimer = null;
      entry.closeDue = true;
      this.#closeIfSafe(entry);
    }, this.#options.closeDelayMs);
  }

  #closeIfSafe(entry: OpenDoc): void {
    if (entry.refs > 0 || this.#docs.get(entry.docId) !== entry) return;
    if (entry.safeToClose(this.#options.persistence !== undefined)) void this.#close(entry);
  }

  async #close(entry: OpenDoc): Promise<void> {
    if (this.#docs.get(entry.docId) !== entry) return;
    this.#docs.delete(entry.docId);
    entry.closeDue = false;
    if (entry.closeTimer !== null) clearTimeout(entry.closeTimer);
    if (entry.deleteCheckTimer !== null) clearTimeout(entry.deleteCheckTimer);
    entry.recheck.cancel();
    entry.listeners.clear();
    // The provider tells peers we left (awareness null) as it disconnects.
    entry.provider.destroy();
    entry.provider.awareness.destroy();
    for (const stop of entry.stop) stop();
    await entry.ready;
    await Promise.allSettled([...entry.appends]);
    entry.doc.destroy();
    this.#emitApp();
  }
}
