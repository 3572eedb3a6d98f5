/**
 * The public vocabulary of the document registry (doc-registry.ts): its options and their
 * defaults, the handle a view holds, the access-check answer, and its error class. Kept apart so
 * the registry's modules share one definition; doc-registry.ts re-exports all of it.
 */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import type { DocPersistence } from '../persistence/types.ts';
import type { NetworkMonitor } from './network.ts';
import type { PresenceUser } from './presence.ts';
import type { DocStatus } from './status.ts';

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
export const DOC_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Thrown by `SyncRegistry.open` for an id unsafe in a URL, or after `destroy()`. */
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

/** How a `SyncRegistry` connects, stores, and asks the server; see each field. */
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
   * `SyncRegistry.connectWaiting()` when the answer may have changed. Default: always true.
   */
  mayConnect?: (docId: string) => boolean;
}

/** The options with their defaults filled in. */
export type ResolvedSyncRegistryOptions = Required<
  Pick<SyncRegistryOptions, 'closeDelayMs' | 'maxBackoffMs' | 'deleteCheckDelayMs' | 'sessionCheckIntervalMs'>
> &
  SyncRegistryOptions;

/**
 * Fills in the defaults and validates `options`. Throws RangeError for an empty
 * `forbiddenRecheckMs`.
 */
export function resolveOptions(options: SyncRegistryOptions): ResolvedSyncRegistryOptions {
  if (options.forbiddenRecheckMs?.length === 0) {
    throw new RangeError('forbiddenRecheckMs needs at least one delay.');
  }
  return {
    closeDelayMs: DEFAULT_CLOSE_DELAY_MS,
    maxBackoffMs: DEFAULT_MAX_BACKOFF_MS,
    deleteCheckDelayMs: DEFAULT_DELETE_CHECK_MS,
    sessionCheckIntervalMs: DEFAULT_SESSION_CHECK_MS,
    ...options
  };
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
