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
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import {
  CLOSE_FORBIDDEN,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_TOO_LARGE,
  CLOSE_UNAUTHORIZED,
  MESSAGE_AUTH,
  MESSAGE_PERSISTED,
  MESSAGE_SYNC
} from '../api/sync-protocol.ts';
import type { DocPersistence } from '../persistence/types.ts';
import { ALWAYS_ONLINE, type NetworkMonitor } from './network.ts';
import { PendingChanges } from './pending-changes.ts';
import { awarenessUser, type PresenceUser } from './presence.ts';
import {
  appStatus,
  docStatus,
  sameStatus,
  type AppStatus,
  type ConnectionState,
  type DocStatus
} from './status.ts';
import { deleteRangesOfDoc, deleteRangesOfUpdate, stateVectorOf, trackLocalChanges } from './yjs-changes.ts';

/** The WebSocket constructor y-websocket accepts (the browser's, or a `ws` subclass in Node). */
export type WebSocketClass = NonNullable<
  NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']
>;

/** After the last view closes, keep the doc and its socket this long (a view may come back). */
export const DEFAULT_CLOSE_DELAY_MS = 10_000;
/** Upper bound of y-websocket's reconnect backoff. */
export const DEFAULT_MAX_BACKOFF_MS = 8_000;
/** Wait this long after a delete-only edit before asking the server for its delete set. */
export const DEFAULT_DELETE_CHECK_MS = 250;
/** The delete check backs off to at most this while the server still lacks a deletion. */
export const MAX_DELETE_CHECK_MS = 30_000;
/** Ask `checkSession` at most this often. */
export const DEFAULT_SESSION_CHECK_MS = 30_000;

/** Ask `checkAccess` when a doc's socket has failed to open this many times in a row. */
export const ACCESS_CHECK_AFTER_FAILURES = 2;

/**
 * While a doc is `forbidden`, ask `checkAccess` again after these delays, in order; the last one
 * repeats. Each answer that is not `granted` moves one step on, so a doc that stays refused costs
 * one request per 5 minutes.
 */
export const FORBIDDEN_RECHECK_MS: readonly number[] = [5_000, 15_000, 60_000, 300_000];

/** Document ids are UUIDs; anything URL-unsafe is refused before it reaches a URL. */
const DOC_ID = /^[A-Za-z0-9_-]{1,100}$/;

export class SyncRegistryError extends Error {
  constructor(
    readonly code: 'invalid_doc_id' | 'destroyed',
    message: string
  ) {
    super(message);
    this.name = 'SyncRegistryError';
  }
}

/**
 * What the server says about the caller's access to a doc (see `checkAccess`): `granted` (the
 * socket failed for another reason), `forbidden` (403), `not-found` (404), `session-ended` (401),
 * or `unknown` (any other answer).
 */
export type DocAccessCheck = 'granted' | 'forbidden' | 'not-found' | 'session-ended' | 'unknown';

export interface SyncRegistryOptions {
  /** The sync endpoint without the trailing slash, e.g. `wss://example.org/sync` (see syncUrl). */
  url: string;
  /** The device store. Without one, docs live in memory only. */
  persistence?: DocPersistence;
  /** Node: a `ws` subclass that adds `Authorization: Bearer`. Browsers use the global. */
  WebSocketPolyfill?: WebSocketClass;
  /** Who the local user is, for presence. */
  user?: PresenceUser | null;
  /**
   * Default: always online (Node). Pass `browserNetwork()` in the browser. When the page becomes
   * visible again (its `subscribeVisible`), `forbidden` docs are checked again at once.
   */
  network?: NetworkMonitor;
  /**
   * Resolves false when the session is no longer valid (e.g. `GET /api/me` answers 401). Asked
   * after a connection attempt fails before opening, since browsers hide the upgrade's status.
   */
  checkSession?: () => Promise<boolean>;
  /**
   * Asks the server whether the user may open `docId` (e.g. `GET /api/docs/:docId/access`).
   * Asked after {@link ACCESS_CHECK_AFTER_FAILURES} failed attempts in a row while online, since
   * browsers hide the upgrade's 403 or 404. Rejects when the server cannot be asked (offline).
   */
  checkAccess?: (docId: string) => Promise<DocAccessCheck>;
  /**
   * Delays between the re-checks of a `forbidden` doc (see {@link FORBIDDEN_RECHECK_MS}, the
   * default); the last repeats. Must not be empty.
   */
  forbiddenRecheckMs?: readonly number[];
  closeDelayMs?: number;
  maxBackoffMs?: number;
  deleteCheckDelayMs?: number;
  sessionCheckIntervalMs?: number;
  /** Also sync between tabs through BroadcastChannel (y-websocket's). Default false. */
  crossTab?: boolean;
  /**
   * False while the server cannot know the doc yet (a participant registered offline whose
   * registration still waits in the outbox): the doc waits instead of meeting a 404. Call
   * {@link SyncRegistry.connectWaiting} when the answer may have changed. Default: always true.
   */
  mayConnect?: (docId: string) => boolean;
}

/** One view's hold on an open document. */
export interface DocHandle {
  readonly docId: string;
  /** The shared document: the same instance for every handle of this id. */
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  /** Resolves once the device copy is loaded (at once without a device store). Never rejects. */
  readonly ready: Promise<void>;
  readonly status: DocStatus;
  /** Calls `listener` now and on every status change. Returns a function that unsubscribes. */
  subscribe(listener: (status: DocStatus) => void): () => void;
  /** Reconnects a doc that stopped on an error (4400, 4413, 404). */
  retry(): void;
  /** Gives the doc back. Idempotent. The last release starts the delayed close. */
  release(): void;
}

/** The sync URL for a page served from `location` (same origin). */
export function syncUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/** Reads an HTTP status out of a Node `ws` upgrade failure ("Unexpected server response: 401"). */
function upgradeStatus(event: unknown): number | null {
  const message = (event as { message?: unknown } | null)?.message;
  const match = typeof message === 'string' ? /Unexpected server response: (\d{3})/.exec(message) : null;
  return match ? Number(match[1]) : null;
}

const TERMINAL: ReadonlySet<ConnectionState> = new Set(['session-expired', 'forbidden', 'error']);

class OpenDoc {
  refs = 0;
  closeTimer: ReturnType<typeof setTimeout> | null = null;
  /** The last view left and the delay passed; close as soon as it is safe. */
  closeDue = false;
  connection: ConnectionState = 'offline';
  errorCode: number | null = null;
  readOnly = false;
  deviceError: unknown = null;
  quarantined = 0;
  loaded = false;
  /** The current socket reached `open`. */
  opened = false;
  /** Attempts in a row whose socket closed before opening, while the network was up. */
  failedOpens = 0;
  accessCheckRunning = false;
  /** The next re-check of a `forbidden` doc. */
  recheckTimer: ReturnType<typeof setTimeout> | null = null;
  /** Index into the re-check delays: how many re-checks in a row still found no access. */
  recheckStep = 0;
  readonly ledger = new PendingChanges();
  readonly listeners = new Set<(status: DocStatus) => void>();
  readonly appends = new Set<Promise<void>>();
  deleteCheckTimer: ReturnType<typeof setTimeout> | null = null;
  deleteCheckDelay: number;
  status: DocStatus;
  ready: Promise<void> = Promise.resolve();
  stop: (() => void)[] = [];

  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    readonly provider: WebsocketProvider,
    deleteCheckDelay: number,
    networkOnline: boolean
  ) {
    this.deleteCheckDelay = deleteCheckDelay;
    this.status = docStatus({ connection: 'offline', pending: this.ledger.summary(), networkOnline });
  }
}

/**
 * Opens documents and keeps them in sync. One registry per logged-in user and device.
 */
export class SyncRegistry {
  readonly #options: Required<
    Pick<
      SyncRegistryOptions,
      'closeDelayMs' | 'maxBackoffMs' | 'deleteCheckDelayMs' | 'sessionCheckIntervalMs'
    >
  > &
    SyncRegistryOptions;
  readonly #network: NetworkMonitor;
  readonly #docs = new Map<string, OpenDoc>();
  readonly #listeners = new Set<(status: AppStatus) => void>();
  #user: PresenceUser | null;
  #sessionExpired = false;
  #lastSessionCheck = -Infinity;
  #sessionCheckRunning = false;
  #status: AppStatus;
  #destroyed = false;
  readonly #unsubscribeNetwork: () => void;
  readonly #unsubscribeVisibility: () => void;

  constructor(options: SyncRegistryOptions) {
    this.#options = {
      closeDelayMs: DEFAULT_CLOSE_DELAY_MS,
      maxBackoffMs: DEFAULT_MAX_BACKOFF_MS,
      deleteCheckDelayMs: DEFAULT_DELETE_CHECK_MS,
      sessionCheckIntervalMs: DEFAULT_SESSION_CHECK_MS,
      ...options
    };
    if (options.forbiddenRecheckMs?.length === 0) {
      throw new RangeError('forbiddenRecheckMs needs at least one delay.');
    }
    this.#network = options.network ?? ALWAYS_ONLINE;
    this.#user = options.user ?? null;
    this.#status = this.#computeAppStatus();
    this.#unsubscribeNetwork = this.#network.subscribe((online) => this.#onNetwork(online));
    this.#unsubscribeVisibility =
      this.#network.subscribeVisible?.(() => this.#recheckForbidden()) ?? (() => undefined);
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
    return this.#handle(entry);
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
    this.#recheckForbidden();
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
    const provider = new WebsocketProvider(this.#options.url, docId, doc, {
      connect: false,
      disableBc: !this.#options.crossTab,
      maxBackoffTime: this.#options.maxBackoffMs,
      ...(this.#options.WebSocketPolyfill ? { WebSocketPolyfill: this.#options.WebSocketPolyfill } : {})
    });
    const entry = new OpenDoc(docId, doc, provider, this.#options.deleteCheckDelayMs, this.#network.online);
    this.#docs.set(docId, entry);
    this.#installHandlers(entry);

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
    if (persistence) {
      const onUpdate = (update: Uint8Array, origin: unknown) => {
        if (origin !== persistence) this.#append(entry, persistence, update);
      };
      doc.on('update', onUpdate);
      entry.stop.push(() => doc.off('update', onUpdate));
    }
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
    try {
      const report = await persistence.load(entry.docId, entry.doc);
      entry.quarantined = report.quarantined;
      entry.ledger.setBaseline(stateVectorOf(entry.doc), deleteRangesOfDoc(entry.doc));
    } catch (error) {
      // The doc still syncs with the server; the status tells the user the device copy failed.
      entry.deviceError = error;
    }
    this.#emit(entry);
  }

  #append(entry: OpenDoc, persistence: DocPersistence, update: Uint8Array): void {
    const write = persistence.append(entry.docId, update).then(
      () => undefined,
      (error: unknown) => {
        entry.deviceError = error;
        this.#emit(entry);
      }
    );
    entry.appends.add(write);
    void write.finally(() => entry.appends.delete(write));
  }

  #installHandlers(entry: OpenDoc): void {
    const { provider, doc, ledger } = entry;
    // `messageHandlers` is this provider's own copy (y-websocket slices the module's array in
    // its constructor), so these assignments do not touch other providers.
    provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
      let persisted: Map<number, number>;
      try {
        persisted = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      } catch {
        // A malformed message confirms nothing; the changes stay counted as not on the server.
        return;
      }
      ledger.persisted(persisted);
      this.#emit(entry);
    };
    const syncHandler = provider.messageHandlers[MESSAGE_SYNC];
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
      const peek = decoding.clone(decoder);
      const handshake = !provider.synced;
      syncHandler?.(encoder, decoder, p, emitSynced, type);
      if (!ledger.awaitsServerDeletes) return;
      if (decoding.readVarUint(peek) !== syncProtocol.messageYjsSyncStep2) return;
      // A SyncStep2 from the server carries its whole delete set.
      ledger.serverDeletes(deleteRangesOfUpdate(decoding.readVarUint8Array(peek)));
      // The handshake's SyncStep2 crosses our own (which carries offline deletions) on the wire,
      // so ask again soon; after that, back off while the server still lacks a deletion.
      if (ledger.awaitsServerDeletes) this.#scheduleDeleteCheck(entry, handshake);
      this.#emit(entry);
    };
    provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, () => {
        // The server drops this connection's updates: the edits stay unsaved, and we say why.
        entry.readOnly = true;
        this.#emit(entry);
      });
    };

    provider.on('status', ({ status }) => {
      if (status === 'connecting') {
        entry.opened = false;
        this.#setConnection(entry, 'connecting');
      } else if (status === 'connected') {
        entry.opened = true;
        entry.failedOpens = 0;
        this.#setConnection(entry, 'syncing');
      } else {
        this.#setConnection(entry, 'offline');
      }
    });
    provider.on('sync', (synced: boolean) => {
      if (provider.wsconnected) this.#setConnection(entry, synced ? 'online' : 'syncing');
    });
    provider.on('connection-error', (event: Event) => this.#onUpgradeStatus(entry, upgradeStatus(event)));
    provider.on('connection-close', (event: CloseEvent | null) => this.#onClose(entry, event));
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
      this.#maybeCheckSession();
      this.#noteFailedOpen(entry);
    }
  }

  /**
   * Counts a socket that closed before opening and, on the 2nd, 4th, 8th … failure in a row
   * while online, asks `checkAccess` whether the server refuses this doc.
   */
  #noteFailedOpen(entry: OpenDoc): void {
    const { checkAccess } = this.#options;
    if (!this.#network.online) return;
    entry.failedOpens++;
    const n = entry.failedOpens;
    // Powers of two from the threshold on: 2, 4, 8, 16 …
    const due = n >= ACCESS_CHECK_AFTER_FAILURES && (n & (n - 1)) === 0;
    if (!checkAccess || !due || entry.accessCheckRunning || this.#sessionExpired) return;
    entry.accessCheckRunning = true;
    checkAccess(entry.docId)
      .catch((): DocAccessCheck => 'unknown')
      .then((answer) => {
        entry.accessCheckRunning = false;
        // The doc may have closed, connected, or stopped for another reason meanwhile: a socket
        // that opened proves access, and a terminal state is already final.
        if (this.#destroyed || this.#docs.get(entry.docId) !== entry) return;
        if (entry.opened || TERMINAL.has(entry.connection)) return;
        if (answer === 'forbidden') this.#stop(entry, 'forbidden', null, true);
        else if (answer === 'not-found') this.#stop(entry, 'error', 404, true);
        else if (answer === 'session-ended') this.#expireSession(null);
      });
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
    if (state !== 'forbidden') this.#cancelRecheck(entry);
    else if (!wasForbidden) {
      entry.recheckStep = 0;
      this.#scheduleRecheck(entry);
    }
    this.#emit(entry);
  }

  /** Reconnects a stopped doc from a fresh start, as a new open would. */
  #restart(entry: OpenDoc): void {
    this.#cancelRecheck(entry);
    entry.connection = 'offline';
    entry.errorCode = null;
    entry.provider.wsUnsuccessfulReconnects = 0;
    entry.failedOpens = 0;
    this.#connect(entry);
    this.#emit(entry);
  }

  /** Arms the next re-check of a `forbidden` doc at its current step of the backoff. */
  #scheduleRecheck(entry: OpenDoc): void {
    if (!this.#options.checkAccess) return;
    this.#cancelRecheck(entry);
    const delays = this.#options.forbiddenRecheckMs ?? FORBIDDEN_RECHECK_MS;
    const delay = delays[Math.min(entry.recheckStep, delays.length - 1)] ?? FORBIDDEN_RECHECK_MS[0];
    entry.recheckTimer = setTimeout(() => {
      entry.recheckTimer = null;
      this.#recheck(entry);
    }, delay);
  }

  #cancelRecheck(entry: OpenDoc): void {
    if (entry.recheckTimer === null) return;
    clearTimeout(entry.recheckTimer);
    entry.recheckTimer = null;
  }

  /** Re-checks every `forbidden` doc now (the network or the page came back, a new login). */
  #recheckForbidden(): void {
    for (const entry of this.#docs.values()) if (entry.connection === 'forbidden') this.#recheck(entry);
  }

  /**
   * Asks `checkAccess` whether a `forbidden` doc may be opened again. Offline or with the session
   * ended it does not ask and arms nothing: the `online` event or `resume()` asks again.
   */
  #recheck(entry: OpenDoc): void {
    const { checkAccess } = this.#options;
    if (!checkAccess || this.#destroyed || this.#docs.get(entry.docId) !== entry) return;
    if (entry.connection !== 'forbidden' || entry.accessCheckRunning) return;
    this.#cancelRecheck(entry);
    if (!this.#network.online || this.#sessionExpired) return;
    entry.accessCheckRunning = true;
    checkAccess(entry.docId)
      .catch((): DocAccessCheck => 'unknown')
      .then((answer) => {
        entry.accessCheckRunning = false;
        if (this.#destroyed || this.#docs.get(entry.docId) !== entry) return;
        if (entry.connection !== 'forbidden') return;
        if (answer === 'granted') return this.#restart(entry);
        if (answer === 'not-found') return this.#stop(entry, 'error', 404, false);
        // The session check's answer: every doc stops; resume() re-checks this one.
        if (answer === 'session-ended') return this.#expireSession(null);
        // Still refused, or no clear answer (a 5xx, the network): ask again later.
        entry.recheckStep++;
        this.#scheduleRecheck(entry);
      });
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

  #maybeCheckSession(): void {
    const { checkSession, sessionCheckIntervalMs } = this.#options;
    if (!checkSession || this.#sessionExpired || this.#sessionCheckRunning || !this.#network.online) return;
    const now = Date.now();
    if (now - this.#lastSessionCheck < sessionCheckIntervalMs) return;
    this.#lastSessionCheck = now;
    this.#sessionCheckRunning = true;
    checkSession().then(
      (valid) => {
        this.#sessionCheckRunning = false;
        if (!valid && !this.#destroyed) this.#expireSession(null);
      },
      () => {
        // Could not ask (network down): keep retrying the sockets, ask again later.
        this.#sessionCheckRunning = false;
      }
    );
  }

  #onNetwork(online: boolean): void {
    for (const entry of this.#docs.values()) {
      if (online && entry.connection === 'forbidden') this.#recheck(entry);
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
    const base = this.#options.deleteCheckDelayMs;
    if (fresh) entry.deleteCheckDelay = base;
    else entry.deleteCheckDelay = Math.min(entry.deleteCheckDelay * 2, MAX_DELETE_CHECK_MS);
    if (entry.deleteCheckTimer !== null) clearTimeout(entry.deleteCheckTimer);
    entry.deleteCheckTimer = setTimeout(() => {
      entry.deleteCheckTimer = null;
      const ws = entry.provider.ws;
      // Offline, the SyncStep1 that y-websocket sends on reconnect does the same job.
      if (!entry.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, entry.doc);
      ws.send(encoding.toUint8Array(encoder));
    }, entry.deleteCheckDelay);
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
    const next = docStatus({
      connection: entry.connection,
      pending: entry.ledger.summary(),
      networkOnline: this.#network.online,
      errorCode: entry.errorCode,
      readOnly: entry.readOnly,
      deviceError: entry.deviceError !== null,
      quarantined: entry.quarantined
    });
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

  #handle(entry: OpenDoc): DocHandle {
    let released = false;
    return {
      docId: entry.docId,
      doc: entry.doc,
      provider: entry.provider,
      awareness: entry.provider.awareness,
      ready: entry.ready,
      get status() {
        return entry.status;
      },
      subscribe(listener) {
        entry.listeners.add(listener);
        listener(entry.status);
        return () => entry.listeners.delete(listener);
      },
      retry: () => {
        if (entry.connection === 'error') this.#restart(entry);
      },
      release: () => {
        if (released) return;
        released = true;
        this.#release(entry);
      }
    };
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
    const summary = entry.ledger.summary();
    const clean = summary.count === 0 && !summary.unverified;
    // With a working device copy, unconfirmed edits survive the close, but they would only reach
    // the server when the doc is next opened: while a connection is up or being made, let them
    // finish first. Without a device copy, memory is the only place they live.
    const parked =
      this.#options.persistence !== undefined &&
      entry.deviceError === null &&
      (entry.connection === 'offline' || TERMINAL.has(entry.connection));
    if (clean || parked) void this.#close(entry);
  }

  async #close(entry: OpenDoc): Promise<void> {
    if (this.#docs.get(entry.docId) !== entry) return;
    this.#docs.delete(entry.docId);
    entry.closeDue = false;
    if (entry.closeTimer !== null) clearTimeout(entry.closeTimer);
    if (entry.deleteCheckTimer !== null) clearTimeout(entry.deleteCheckTimer);
    this.#cancelRecheck(entry);
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
